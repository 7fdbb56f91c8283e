namespace ContainerLab.Bench.InspectBench;

/// <summary>Values of one measurement; median interpolated, p95/p99 by nearest rank.</summary>
internal sealed class Samples
{
    private readonly List<double> _values = [];

    public int Count => _values.Count;
    public void Add(double value) => _values.Add(value);
    public void AddRange(IEnumerable<double> values) => _values.AddRange(values);
    public void Clear() => _values.Clear();

    public double Median => Percentile(0.5);
    public double P95 => NearestRank(0.95);
    public double P99 => NearestRank(0.99);
    public double Sum => _values.Sum();
    public double Min => _values.Count == 0 ? double.NaN : _values.Min();
    public double Max => _values.Count == 0 ? double.NaN : _values.Max();

    private double Percentile(double q)
    {
        if (_values.Count == 0)
            return double.NaN;
        var sorted = _values.Order().ToArray();
        double position = q * (sorted.Length - 1);
        int lower = (int)Math.Floor(position), upper = (int)Math.Ceiling(position);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }

    private double NearestRank(double q)
    {
        if (_values.Count == 0)
            return double.NaN;
        var sorted = _values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
