using ContainerLab.Api.Contracts;
using ContainerLab.Labs.Format;

namespace ContainerLab.Web.Catalogue;

/// <summary>
/// Whether a lab can start on this server: every image its nodes use must be in the sandbox host's image list, else
/// Start would fail half-way (after the student's session was already given up). The reason is for the student and
/// names what the admin runs.
/// </summary>
public sealed record LabReadiness(IReadOnlyList<string> MissingImages)
{
    public static readonly LabReadiness Ready = new([]);

    public bool CanStart => MissingImages.Count == 0;

    public string? Reason => MissingImages.Count == 0 ? null : string.Join("; ", MissingImages.Select(Explain));

    public static LabReadiness Of(Lab lab, IReadOnlyCollection<ImageDto> images)
    {
        var present = images.Select(i => $"{i.Name}:{i.Tag}").ToHashSet(StringComparer.Ordinal);
        return new([.. lab.Nodes.Select(n => n.NeededImage).Distinct(StringComparer.Ordinal).Where(i => !present.Contains(WithTag(i)))]);
    }

    /// <summary>"debian" is "debian:latest", as the daemon resolves it; a colon after the last slash starts a tag.</summary>
    public static string WithTag(string image) =>
        image.LastIndexOf(':') is var colon and >= 0 && image.IndexOf('/', colon) < 0 ? image : image + ":latest";

    private static string Explain(string image) => image switch
    {
        "debian" or "debian:latest" => $"needs the image `{image}`, which this server does not have: the admin runs scripts/build-debian-image.sh",
        "vm" or "vm:latest" => $"needs the image `{image}` (QEMU and the guest's kernel, for its VM node), which this server does not have: the admin runs scripts/build-vm-image.sh",
        "emulation" or "emulation:latest" => $"needs the image `{image}` (qemu-user and a program built for two CPUs), which this server does not have: the admin runs scripts/build-emulation-image.sh",
        _ => $"needs the image `{image}`, which this server does not have: the admin imports it with `clabctl images import --name {image} ARCHIVE`",
    };
}
