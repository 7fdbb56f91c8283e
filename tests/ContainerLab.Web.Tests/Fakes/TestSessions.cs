using ContainerLab.Web.Limits;
using ContainerLab.Web.Sessions;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContainerLab.Web.Tests.Fakes;

/// <summary>A real <see cref="SessionRegistry"/> over a <see cref="FakeSandboxHost"/> and a <see cref="ManualTimeProvider"/>.</summary>
internal sealed class TestSessions
{
    public TestSessions(Action<WebOptions>? configure = null)
    {
        configure?.Invoke(Options);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Limits = new EffectiveLimitsCache(Host, options, Time, NullLogger<EffectiveLimitsCache>.Instance);
        Registry = new SessionRegistry(Host, options, Limits, Time, NullLogger<SessionRegistry>.Instance);
    }

    /// <summary>The effective ceilings over <see cref="Host"/>'s bounds (none unless set) and <see cref="Options"/>.</summary>
    public EffectiveLimitsCache Limits { get; }

    public FakeSandboxHost Host { get; } = new();
    public ManualTimeProvider Time { get; } = new();
    public WebOptions Options { get; } = new();
    public SessionRegistry Registry { get; }
    public ContainerLab.Web.Sandboxes.SandboxHostErrors Errors { get; } = new(NullLogger<ContainerLab.Web.Sandboxes.SandboxHostErrors>.Instance);

    public Task<StudentSession> StartAsync() => Registry.StartAsync(CancellationToken.None);
}
