namespace ContainerLab.TestSupport;

/// <summary>Where the built daemon and CLI are, relative to this test assembly (same configuration).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configuration => AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string DaemonDll => Path.Combine(Root, "src", "ContainerLab.Daemon", "bin", Configuration, "net10.0", "containerlabd.dll");
    public static string WebDll => Path.Combine(Root, "src", "ContainerLab.Web", "bin", Configuration, "net10.0", "ContainerLab.Web.dll");
    public static string CliDll => Path.Combine(Root, "src", "ContainerLab.Cli", "bin", Configuration, "net10.0", "clabctl.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ContainerLab.sln")))
                return dir.FullName;
        throw new InvalidOperationException("ContainerLab.sln not found above " + AppContext.BaseDirectory);
    }
}
