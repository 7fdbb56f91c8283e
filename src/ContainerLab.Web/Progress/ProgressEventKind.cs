namespace ContainerLab.Web.Progress;

/// <summary>What a progress event records.</summary>
public enum ProgressEventKind
{
    /// <summary>A step's checks ran at the student's request: <see cref="ProgressEvent.Passed"/> and each check's message.</summary>
    Check,
    /// <summary>A quiz was answered: the answers chosen and whether they were right.</summary>
    Quiz,
    /// <summary>The step passed (checks and quiz done, or a reading step read): what the catalogue and the grid count.</summary>
    Passed,
}
