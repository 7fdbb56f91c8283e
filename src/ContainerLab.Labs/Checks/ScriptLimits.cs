namespace ContainerLab.Labs.Checks;

/// <summary>
/// The bounds of everything a lab runs in a node, defined here only: the web's Check and setup, the tester's setup,
/// solution and run blocks, and what the docs promise authors (docs/AUTHORING.md). Past its time the script is killed
/// (SIGKILL through the daemon, so no helper of ours stays in the node); output past the cap is dropped.
/// </summary>
public static class ScriptLimits
{
    /// <summary>A check script: it runs on every Check click and every 3 s for background checks, so it must be quick.</summary>
    public static readonly TimeSpan Check = TimeSpan.FromSeconds(15);

    /// <summary>A step's setup and solution, and one run block typed by the tester: what a student would wait for.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>Per stream: a message shows the last lines only, and a runaway `yes` must not fill the web's memory.</summary>
    public const int OutputBytes = 64 * 1024;
}
