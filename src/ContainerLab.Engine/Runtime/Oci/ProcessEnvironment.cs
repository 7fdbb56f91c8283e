using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Runtime.Oci;

/// <summary>
/// Builds a process's environment (KEY=VALUE) in layers, later layers overriding earlier ones by key
/// while a key keeps the position where it first appeared: defaults, then the image's, then the caller's.
/// </summary>
public sealed class ProcessEnvironment
{
    public const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private readonly List<string> _keys = [];
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>PATH, TERM (only with a terminal: ncurses programs need it, pipes must not claim one) and HOSTNAME.</summary>
    public static ProcessEnvironment WithDefaults(bool tty, string hostname)
    {
        var env = new ProcessEnvironment();
        env.AddEntry(DefaultPath);
        if (tty)
            env.Set("TERM", "xterm-256color");
        env.Set("HOSTNAME", hostname);
        return env;
    }

    /// <summary>Adds entries of the form KEY=VALUE (as in an image config). An entry without '=' is refused.</summary>
    public ProcessEnvironment AddEntries(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
            AddEntry(entry);
        return this;
    }

    public ProcessEnvironment AddVariables(IEnumerable<KeyValuePair<string, string>> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        foreach (var (key, value) in variables)
            Set(key, value);
        return this;
    }

    public ProcessEnvironment Set(string key, string value)
    {
        // execve passes the environment as NUL-terminated "KEY=VALUE" strings: a key with '=' or any NUL
        // would be read back as a different variable.
        if (string.IsNullOrEmpty(key) || key.Contains('=') || key.Contains('\0'))
            throw new InvalidRequestException($"environment variable name '{key}' is not valid: it must be non-empty without '=' or NUL");
        if (value.Contains('\0'))
            throw new InvalidRequestException($"environment variable '{key}' contains a NUL character");
        if (!_values.ContainsKey(key))
            _keys.Add(key);
        _values[key] = value;
        return this;
    }

    public IReadOnlyList<string> ToList() => [.. _keys.Select(k => $"{k}={_values[k]}")];

    private void AddEntry(string entry)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
            throw new InvalidRequestException($"environment entry '{entry}' is not of the form KEY=VALUE");
        Set(entry[..equals], entry[(equals + 1)..]);
    }
}
