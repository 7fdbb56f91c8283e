namespace ContainerLab.Api.Client;

/// <summary>The daemon answered with an error (problem+json): its status, title and the detail that says what was wrong.</summary>
public sealed class ContainerLabApiException(int status, string title, string detail)
    : Exception($"{detail} ({status} {title})")
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public string Detail { get; } = detail;
}
