using ContainerLab.Api.Contracts;
using ContainerLab.Engine.Inspection;

namespace ContainerLab.Daemon.Endpoints;

/// <summary>A layer directory on the wire (kinds and changes as lowercase words).</summary>
internal static class LayerMapping
{
    public static LayerDirectoryDto ToDto(this LayerDirectory directory) => new(
        directory.Layer,
        directory.Path,
        [.. directory.Entries.Select(e => new LayerFileDto(e.Name, InspectionMapping.Word(e.Kind), e.LinkTarget, e.Size, e.Mode, e.Uid, e.Gid, e.Change.ToWord()))],
        directory.Truncated);
}
