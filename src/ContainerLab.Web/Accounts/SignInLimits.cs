using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ContainerLab.Web.Accounts;

/// <summary>
/// Guessing, refused per client address: after <see cref="FailuresPerWindow"/> wrong passwords or join codes within a
/// minute, that address's next attempts are a 429 with the wait in seconds. Only failures count: a class of thirty
/// behind one school router (or one proxy) all joining at once is not guessing. Identity's lockout stops guessing one
/// account's password; this stops trying many accounts or codes from one place. Behind the failure count, a coarse flood
/// limit on the form posts themselves (<see cref="PostsPerWindow"/>), which ASP.NET's rate limiter applies before the
/// page runs.
/// </summary>
public sealed class SignInLimits(TimeProvider time)
{
    public const string Policy = "sign-in";
    public const int FailuresPerWindow = 10;
    public const int PostsPerWindow = 120;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unix-socket";

    /// <summary>How long <paramref name="address"/> must wait before its next attempt counts; null when it may try now.</summary>
    public TimeSpan? Wait(string address)
    {
        if (!_failures.TryGetValue(address, out var failures))
            return null;
        lock (failures)
        {
            Expire(failures);
            return failures.Count >= FailuresPerWindow ? failures.Peek() + Window - time.GetUtcNow() : null;
        }
    }

    /// <summary>A wrong password or join code from <paramref name="address"/>.</summary>
    public void Failed(string address)
    {
        if (_failures.Count > PruneAbove)
            Prune();
        var failures = _failures.GetOrAdd(address, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            Expire(failures);
            failures.Enqueue(time.GetUtcNow());
        }
    }

    /// <summary>Refuses the request in <paramref name="context"/> (429, Retry-After); returns what the page says.</summary>
    public static string Refuse(HttpContext context, TimeSpan wait)
    {
        int seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return $"Too many failed attempts from your address: {FailuresPerWindow} a minute are allowed. Try again in {seconds} seconds.";
    }

    private void Expire(Queue<DateTimeOffset> failures)
    {
        var since = time.GetUtcNow() - Window;
        while (failures.Count > 0 && failures.Peek() <= since)
            failures.Dequeue();
    }

    private void Prune()
    {
        foreach (var (address, failures) in _failures)
        {
            lock (failures)
            {
                Expire(failures);
                if (failures.Count == 0)
                    _failures.TryRemove(address, out _);
            }
        }
    }
}

public static class SignInLimitsSetup
{
    public static IServiceCollection AddSignInLimits(this IServiceCollection services) => services.AddSingleton<SignInLimits>().AddRateLimiter(limiter =>
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            int seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : (int)SignInLimits.Window.TotalSeconds;
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
            await context.HttpContext.Response.WriteAsync(
                $"Too many attempts from your address: {SignInLimits.PostsPerWindow} a minute are allowed. Try again in {seconds} seconds.", cancellationToken);
        };
        limiter.AddPolicy(SignInLimits.Policy, context => HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(SignInLimits.AddressOf(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = SignInLimits.PostsPerWindow,
                Window = SignInLimits.Window,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter("page"));
    });
}
