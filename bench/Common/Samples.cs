namespace ContainerLab.Bench;

/// <summary>Values of one measurement (milliseconds, mostly); median interpolated, p95/p99 by nearest rank. One for every benchmark.</summary>
internal sealed class Samples(string name = "")
{
    private readonly List<double> _values = [];

    public string Name { get; } = name;
    public int Count => _values.Count;
    public IReadOnlyList<double> Values => _values;

    public void Add(double value) => _values.Add(value);
    public void AddRange(IEnumerable<double> values) => _values.AddRange(values);
    public void Clear() => _values.Clear();

    public double Median => Percentile(_values, 0.5);
    public double P95 => NearestRank(_values, 0.95);
    public double P99 => NearestRank(_values, 0.99);
    public double Sum => _values.Sum();
    public double Min => _values.Count == 0 ? double.NaN : _values.Min();
    public double Max => _values.Count == 0 ? double.NaN : _values.Max();

    public static double Percentile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0)
            return double.NaN;
        var sorted = values.Order().ToArray();
        double position = q * (sorted.Length - 1);
        int lower = (int)Math.Floor(position), upper = (int)Math.Ceiling(position);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }

    private static double NearestRank(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0)
            return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
