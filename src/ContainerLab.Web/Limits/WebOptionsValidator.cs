using Microsoft.Extensions.Options;

namespace ContainerLab.Web.Limits;

/// <summary>
/// Checked when the web starts (ValidateOnStart), before any student arrives: the ceilings are readable and positive,
/// and what a new node gets lies within the web's own ceilings. Otherwise every Start would be refused, so the web
/// refuses to start and names the settings. (Against the daemon's ceilings, which the web learns only once the daemon
/// answers, a default above is lowered with a warning instead: see <see cref="EffectiveLimits.Combine"/>.)
/// </summary>
public sealed class WebOptionsValidator : IValidateOptions<Sessions.WebOptions>
{
    public ValidateOptionsResult Validate(string? name, Sessions.WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        LimitValues node, session;
        try
        {
            node = options.NodeCeiling();
            session = options.SessionCeiling();
        }
        catch (FormatException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
        var defaults = options.NodeDefaults();
        var failures = new List<string>();
        foreach (var kind in LimitKind.All)
        {
            if (!(kind.Read(node) > 0) || !(kind.Read(session) > 0))
                failures.Add($"{kind.NodeSetting} and {kind.SessionSetting} must be above 0 when set");
            double value = kind.Read(defaults);
            if (!(value > 0) || !double.IsFinite(value))
                failures.Add($"{kind.DefaultSetting} must be above 0");
            else if (value > kind.Read(node))
                failures.Add($"{kind.DefaultSetting} ({kind.Format(value)}) is above {kind.NodeSetting} ({kind.Format(kind.Read(node))}): every new node would be refused; lower the one or raise the other");
            else if (value > kind.Read(session))
                failures.Add($"{kind.DefaultSetting} ({kind.Format(value)}) is above {kind.SessionSetting} ({kind.Format(kind.Read(session))}): every new node would be refused; lower the one or raise the other");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
