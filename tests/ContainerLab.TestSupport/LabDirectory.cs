namespace ContainerLab.TestSupport;

/// <summary>Writes a lab folder (labs/&lt;id&gt;: lab.yaml and its files) for the tests of the lab format and of the web's runner.</summary>
public static class LabDirectory
{
    /// <summary>Writes <paramref name="root"/>/<paramref name="id"/>/lab.yaml from <paramref name="manifest"/> and the files beside it; returns the folder.</summary>
    public static string Write(string root, string id, string manifest, params (string Path, string Text)[] files)
    {
        string directory = Path.Combine(root, id);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "lab.yaml"), manifest.ReplaceLineEndings("\n"));
        foreach (var (path, text) in files)
        {
            string full = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        return directory;
    }
}
