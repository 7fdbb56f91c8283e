using ContainerLab.Labs.Killercoda;
using ContainerLab.TestSupport;

namespace ContainerLab.Labs.Tests.Killercoda;

/// <summary>A temp dir holding a Killercoda scenario (written from its files) and a labs folder to import it into.</summary>
internal sealed class KillercodaFolder : IDisposable
{
    /// <summary>The scenario of tests/ContainerLab.Labs.Tests/Killercoda/Scenarios (the one `labs test` runs in CI).</summary>
    public static string FilesAndProcesses { get; } =
        Path.Combine(RepositoryPaths.Root, "tests", "ContainerLab.Labs.Tests", "Killercoda", "Scenarios", "files-and-processes");

    /// <summary>A scenario with an intro and one checked step, its solution beside its verify script.</summary>
    public const string MinimalIndex = """
        {
          "title": "Minimal",
          "details": {
            "intro": { "text": "intro.md" },
            "steps": [
              { "title": "One", "text": "step1/text.md", "verify": "step1/verify.sh" }
            ]
          },
          "backend": { "imageid": "ubuntu" }
        }
        """;

    public static readonly (string, string)[] MinimalFiles =
        [("intro.md", "# Hello\n"), ("step1/text.md", "Make it:\n\n```\ntouch /root/x\n```{{exec}}\n"),
         ("step1/verify.sh", "test -e /root/x\n"), ("step1/solution.sh", "touch /root/x\n")];

    private readonly TempDirectory _temp = new("clab-kc-");

    public KillercodaFolder()
    {
        Directory.CreateDirectory(Scenario);
        Directory.CreateDirectory(Labs);
    }

    public string Scenario => _temp.Combine("scenario");
    public string Labs => _temp.Combine("labs");
    public string Lab => Path.Combine(Labs, "imported");

    /// <summary>Writes index.json and the files (relative path, text) into the scenario folder.</summary>
    public KillercodaFolder Write(string index, params (string Path, string Text)[] files)
    {
        File.WriteAllText(Path.Combine(Scenario, "index.json"), index.ReplaceLineEndings("\n"));
        foreach (var (path, text) in files)
            WriteBytes(path, System.Text.Encoding.UTF8.GetBytes(text));
        return this;
    }

    public void WriteBytes(string path, byte[] content)
    {
        string full = Path.Combine(Scenario, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
    }

    public KillercodaImportResult Import(string? image = "busybox", bool force = false) =>
        KillercodaImporter.Import(Scenario, Lab, new KillercodaImportOptions(image), force);

    public void Dispose() => _temp.Dispose();
}
