using ContainerLab.Web.Sessions;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContainerLab.Web.Tests.Fakes;

/// <summary>A real <see cref="SessionRegistry"/> over a <see cref="FakeSandboxHost"/> and a <see cref="ManualTimeProvider"/>.</summary>
internal sealed class TestSessions
{
    public TestSessions(Action<WebOptions>? configure = null)
    {
        configure?.Invoke(Options);
        Registry = new SessionRegistry(Host, Microsoft.Extensions.Options.Options.Create(Options), Time, NullLogger<SessionRegistry>.Instance);
    }

    public FakeSandboxHost Host { get; } = new();
    public ManualTimeProvider Time { get; } = new();
    public WebOptions Options { get; } = new();
    public SessionRegistry Registry { get; }

    public Task<StudentSession> StartAsync() => Registry.StartAsync(CancellationToken.None);
}
