using ContainerLab.Web.Catalogue;
using ContainerLab.Web.Progress;
using ContainerLab.Web.Tests.Database;
using ContainerLab.Web.Sessions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace ContainerLab.Web.Tests.Fakes;

/// <summary>A labs folder and a database of the test's own, with the library and the progress log over them.</summary>
internal sealed class TestLabs : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("clab-web-labs-");

    public TestLabs(Action<WebOptions>? configure = null)
    {
        var web = new WebOptions
        {
            LabsDirectory = Path.Combine(_root.FullName, "labs"),
            DataDirectory = Path.Combine(_root.FullName, "data"),
        };
        configure?.Invoke(web);
        var options = Microsoft.Extensions.Options.Options.Create(web);
        Directory.CreateDirectory(options.Value.LabsDirectory);
        var environment = new Environment(_root.FullName);
        Library = new LabLibrary(options, environment, Microsoft.Extensions.Logging.Abstractions.NullLogger<LabLibrary>.Instance);
        Progress = new ProgressLog(Database.Factory, TimeProvider.System);
    }

    public LabLibrary Library { get; }
    public TestDatabase Database { get; } = new();
    public ProgressLog Progress { get; }
    public string LabsDirectory => Library.Directory;

    /// <summary>Writes labs/&lt;id&gt; from a manifest and its files.</summary>
    public void Write(string id, string manifest, params (string Path, string Text)[] files) =>
        ContainerLab.TestSupport.LabDirectory.Write(LabsDirectory, id, manifest, files);

    public void Dispose()
    {
        Database.Dispose();
        _root.Delete(recursive: true);
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "ContainerLab.Web.Tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
