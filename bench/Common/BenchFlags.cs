using System.Globalization;

namespace ContainerLab.Bench;

/// <summary>`--name value` pairs as the benchmark scripts pass them to their runners; a missing required flag is an error.</summary>
internal sealed class BenchFlags
{
    private readonly Dictionary<string, string> _flags = new(StringComparer.Ordinal);

    public BenchFlags(string[] args)
    {
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            _flags[args[i][2..]] = args[i + 1];
        }
        if (args.Length % 2 != 0)
            throw new ArgumentException($"--{args[^1].TrimStart('-')} needs a value");
    }

    public string Need(string name) => _flags.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");

    public string? Optional(string name) => _flags.GetValueOrDefault(name);

    public int Int(string name) => int.Parse(Need(name), CultureInfo.InvariantCulture);

    public int Number(string name, int fallback) => _flags.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public long Long(string name, long fallback) => _flags.TryGetValue(name, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
