using ContainerLab.Labs.Format;

namespace ContainerLab.Labs.Tests.Format;

/// <summary>The images a set of labs needs, read through LabLoader (what `clabctl labs images` prints).</summary>
public sealed class LabImagesTests : IDisposable
{
    private readonly LabFolder _labs = new();

    public void Dispose() => _labs.Dispose();

    private static string Manifest(params string[] images) => $"""
        schema: 1
        title: T
        summary: S
        minutes: 5
        nodes:
        {string.Concat(images.Select((image, i) => $"  node{i + 1}:\n    image: {image}\n"))}steps:
          - id: read
            title: Read
            text: steps/read.md
        """;

    [Fact]
    public void Each_image_is_listed_once_with_every_lab_that_names_it()
    {
        _labs.Write("a-debian", Manifest("debian", "busybox"), ("steps/read.md", "# r\n"));
        _labs.Write("b-busybox", Manifest("busybox:latest"), ("steps/read.md", "# r\n"));
        _labs.Write("c-tagged", Manifest("labs/alpine:3.20", "debian"), ("steps/read.md", "# r\n"));

        var images = LabImages.Needed(LabCatalogue.Load(_labs.Root));

        Assert.Equal(["busybox:latest", "debian:latest", "labs/alpine:3.20"], images.Select(i => i.Reference));
        Assert.Equal(["a-debian", "b-busybox"], images[0].Labs);
        Assert.Equal(["a-debian", "c-tagged"], images[1].Labs);
        Assert.Equal(["c-tagged"], images[2].Labs);
    }

    [Fact]
    public void A_node_without_an_image_runs_busybox_and_a_broken_lab_needs_nothing()
    {
        _labs.Write("plain", Manifest("busybox").Replace("    image: busybox\n", "    memory: 64Mi\n", StringComparison.Ordinal), ("steps/read.md", "# r\n"));
        _labs.Write("broken", "schema: 1\ntitle: [unclosed\n");

        var images = LabImages.Needed(LabCatalogue.Load(_labs.Root));

        Assert.Equal("busybox:latest", Assert.Single(images).Reference);
        Assert.Equal(["plain"], images[0].Labs);
    }

    [Theory]
    [InlineData("debian", "debian:latest")]
    [InlineData("debian:12", "debian:12")]
    [InlineData("localhost:5000/debian", "localhost:5000/debian:latest")]
    public void A_reference_without_a_tag_means_latest(string image, string expected) =>
        Assert.Equal(expected, LabImages.Normalize(image));

    [Fact]
    public void The_bundled_labs_need_busybox_debian_emulation_for_lab_9_and_for_the_vm_nodes_of_labs_7_and_8_the_vm_image()
    {
        var images = LabImages.Needed(LabCatalogue.Load(Path.Combine(ContainerLab.TestSupport.RepositoryPaths.Root, "labs")));

        Assert.Equal(["busybox:latest", "debian:latest", "emulation:latest", "vm:latest"], images.Select(i => i.Reference));
        Assert.Contains("02-namespaces-one-by-one", images[1].Labs);
        Assert.Equal(["09-other-cpus"], images[2].Labs);
        Assert.Equal(["07-containers-and-vms", "08-docker-on-windows-and-macos"], images[3].Labs); // their vm1 boots the busybox guest of the vm image
    }
}
