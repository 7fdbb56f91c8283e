using System.Net.Sockets;
using ContainerLab.Api.Client;

namespace ContainerLab.Web.Sandboxes;

/// <summary>
/// What went wrong when the web asked the sandbox host, in words a student can read: the daemon's own reason when it
/// answered (its problem+json detail, e.g. "image 'debian' not found"), or that it did not answer at all. Only the
/// second is "the sandbox host is unavailable"; a refusal is a refusal with its reason.
/// </summary>
public sealed record SandboxHostFailure(bool HostAnswered, int Status, string Reason)
{
    public const string NoAnswer = "the sandbox host (containerlabd) did not answer";

    /// <summary>True for the exceptions a call of <see cref="ISandboxHost"/> ends with when the host refused or did not answer.</summary>
    public static bool Is(Exception e) =>
        e is ContainerLabApiException or HttpRequestException or SocketException or IOException or TimeoutException
        || e is TaskCanceledException { InnerException: TimeoutException }; // HttpClient.Timeout, not a caller's cancellation

    public static SandboxHostFailure Of(Exception e) => e switch
    {
        ContainerLabApiException api => new(true, api.Status, api.Detail),
        _ => new(false, 0, NoAnswer),
    };

    /// <summary>A refusal of what the student asked for (a 4xx): expected in normal use, unlike a host that fails or is gone.</summary>
    public bool IsRefusal => HostAnswered && Status is >= 400 and < 500;
}
