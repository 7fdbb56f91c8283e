using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Runtime;

/// <summary>
/// Some runtime failures are the caller's mistake, not the host's: a command that does not exist in the
/// image, a working directory that is not a usable directory inside the sandbox. Those become 400s with the
/// runtime's own words; everything else stays a host error.
/// </summary>
public static class RuntimeErrorClassifier
{
    public static ContainerLabException Classify(RuntimeCommandException error)
    {
        string text = error.Stderr;
        if (text.Contains("chdir", StringComparison.OrdinalIgnoreCase))
            return new InvalidRequestException($"the working directory cannot be used inside the sandbox: {Trim(text)}");
        if (text.Contains("executable file", StringComparison.OrdinalIgnoreCase)
            || (text.Contains("exec", StringComparison.OrdinalIgnoreCase) && text.Contains("No such file or directory", StringComparison.Ordinal)))
            return new InvalidRequestException($"the command was not found in the sandbox: {Trim(text)}");
        return error;
    }

    private static string Trim(string text) => text.Trim().Split('\n').Last().Trim();
}
