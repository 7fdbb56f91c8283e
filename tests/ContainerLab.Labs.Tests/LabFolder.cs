using ContainerLab.TestSupport;

namespace ContainerLab.Labs.Tests;

/// <summary>A labs root in a temp dir; each lab is written from a manifest text and its files.</summary>
internal sealed class LabFolder : IDisposable
{
    private readonly TempDirectory _root = new("clab-labs-");

    public string Root => _root.Path;

    public string Write(string id, string manifest, params (string Path, string Text)[] files) =>
        LabDirectory.Write(Root, id, manifest, files);

    public void Dispose() => _root.Dispose();
}
