using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ContainerLab.Web.Accounts;

/// <summary>
/// Attempts to sign in (and, later, to join a class with a code) per client address: a few per minute, then 429 with
/// the wait in seconds. Identity's lockout stops guessing one account's password; this stops trying many accounts (or
/// codes) from one place. Only form posts count: showing the page is free.
/// </summary>
public static class SignInLimits
{
    public const string Policy = "sign-in";
    public const int AttemptsPerWindow = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddSignInLimits(this IServiceCollection services) => services.AddRateLimiter(limiter =>
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            int seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : (int)Window.TotalSeconds;
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
            await context.HttpContext.Response.WriteAsync(
                $"Too many attempts from your address: {AttemptsPerWindow} a minute are allowed. Try again in {seconds} seconds.", cancellationToken);
        };
        limiter.AddPolicy(Policy, context => HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unix-socket", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = AttemptsPerWindow,
                Window = Window,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter("page"));
    });
}
