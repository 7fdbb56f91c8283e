using ContainerLab.Api.Contracts;
using ContainerLab.Labs.Format;
using ContainerLab.Web.Sandboxes;

namespace ContainerLab.Web.Catalogue;

/// <summary>
/// Which labs can start now, from the sandbox host's image list, asked again at every look (a render of the catalogue,
/// a Start): an image the admin imports later makes its labs startable without a restart of the web. One GET per look.
/// </summary>
public sealed class LabAvailability(ISandboxHost host, SandboxHostErrors errors)
{
    /// <summary>The host's images now, or null (logged once here) when it did not answer: then nothing is known.</summary>
    public async Task<IReadOnlyList<ImageDto>?> ImagesAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await host.ListImagesAsync(cancellationToken);
        }
        catch (Exception e) when (SandboxHostFailure.Is(e))
        {
            errors.Report("list the sandbox host's images", e);
            return null;
        }
    }

    /// <summary>The lab's readiness; <see cref="LabReadiness.Ready"/> when the host's images are unknown (Start will say why it fails).</summary>
    public static LabReadiness Of(Lab lab, IReadOnlyList<ImageDto>? images) => images is null ? LabReadiness.Ready : LabReadiness.Of(lab, images);
}
