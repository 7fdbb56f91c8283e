namespace ContainerLab.Engine.Images;

public enum ImageArchiveFormat
{
    /// <summary>Decide from the archive's contents: oci-layout + index.json, else manifest.json, else a rootfs.</summary>
    Auto,
    /// <summary>An OCI image layout in a tar (what `skopeo copy ... oci-archive:` and `umoci` produce).</summary>
    OciLayout,
    /// <summary>`docker save` output: manifest.json with Config, RepoTags and Layers.</summary>
    DockerArchive,
    /// <summary>A plain root filesystem tar (optionally gzip), imported as one layer like `docker import`.</summary>
    RootfsTar,
}
