using System.Globalization;

namespace ContainerLab.Web.Classes;

/// <summary>
/// The new-class form, read and checked: every problem in the instructor's units (MiB, minutes), all at once. Labs keep
/// the catalogue's order; the bounds stop a typo from granting a student the whole server (the server's own ceilings
/// still apply when a node starts).
/// </summary>
public sealed record ClassRequest(string Name, IReadOnlyList<string> Labs, ClassLimits Limits, IReadOnlyList<string> Errors,
    DateTimeOffset? StartsAt = null, DateTimeOffset? EndsAt = null)
{
    /// <summary>The form's date and time inputs (datetime-local: no zone), read in <paramref name="zone"/>, the server's.</summary>
    public static ClassRequest Read(string name, IReadOnlySet<string> chosen, IEnumerable<string> catalogue, IReadOnlyDictionary<string, string> limits,
        string? starts = null, string? ends = null, TimeZoneInfo? zone = null)
    {
        var errors = new List<string>();
        name = name.Trim();
        if (name.Length == 0)
            errors.Add("Give the class a name.");
        else if (name.Length > Classroom.NameMaxLength)
            errors.Add($"A class's name has at most {Classroom.NameMaxLength} characters.");
        var known = catalogue.ToList();
        var labs = known.Where(chosen.Contains).ToList();
        if (labs.Count == 0)
            errors.Add("Choose at least one lab.");
        foreach (string unknown in chosen.Where(l => !known.Contains(l)))
            errors.Add($"There is no lab '{unknown}' on this server.");

        double Number(string field, string what, double min, double max)
        {
            string typed = limits.GetValueOrDefault(field, "").Trim();
            if (!double.TryParse(typed, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                errors.Add($"{what}: '{typed}' is not a number.");
                return min;
            }
            if (value < min || value > max)
                errors.Add($"{what}: {typed} is outside {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
            return value;
        }

        var parsed = new ClassLimits
        {
            Nodes = (int)Number("nodes", "Nodes per student", 1, 10),
            VmNodes = (int)Number("vmNodes", "VM nodes per student", 0, 4),
            NodeMemoryBytes = (long)(Number("memory", "Memory per node (MiB)", 32, 64 * 1024) * 1024 * 1024),
            NodePids = (int)Number("pids", "Processes per node", 16, 65536),
            NodeCpus = Number("cpus", "CPUs per node", 0.1, 64),
            NodeDiskBytes = (long)(Number("disk", "Disk per node (MiB)", 16, 1024 * 1024) * 1024 * 1024),
            IdleMinutes = (int)Number("idle", "Idle timeout (minutes)", 5, 24 * 60),
        };
        zone ??= TimeZoneInfo.Local;
        DateTimeOffset? When(string? typed, string what)
        {
            if (string.IsNullOrWhiteSpace(typed))
                return null;
            if (!DateTime.TryParseExact(typed.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                errors.Add($"{what}: '{typed}' is not a date and time (YYYY-MM-DDTHH:MM).");
                return null;
            }
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }
        var startsAt = When(starts, "Opens");
        var endsAt = When(ends, "Closes");
        if (startsAt is { } open && endsAt is { } close && close <= open)
            errors.Add("The class must close after it opens.");
        return new ClassRequest(name, labs, parsed, errors, startsAt, endsAt);
    }
}
