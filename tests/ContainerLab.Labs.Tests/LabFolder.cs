using ContainerLab.TestSupport;

namespace ContainerLab.Labs.Tests;

/// <summary>A labs root in a temp dir; each lab is written from a manifest text and its files.</summary>
internal sealed class LabFolder : IDisposable
{
    private readonly TempDirectory _root = new("clab-labs-");

    public string Root => _root.Path;

    public string Write(string id, string manifest, params (string Path, string Text)[] files)
    {
        string directory = Path.Combine(Root, id);
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

    public void Dispose() => _root.Dispose();
}
