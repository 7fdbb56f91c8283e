using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ContainerLab.Web.Operations;

/// <summary>Counts circuits as they open and close (<see cref="WebMetrics"/>).</summary>
public sealed class CircuitCounter(WebMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }
}
