using System.CommandLine;
using System.Formats.Tar;
using System.IO.Pipelines;
using ContainerLab.Api.Units;
using ContainerLab.Cli.Formatting;

namespace ContainerLab.Cli.Commands;

/// <summary>clabctl images ls | import [--name N] [--format F] PATH | rm [-f] NAME.</summary>
internal static class ImagesCommand
{
    public static Command Create()
    {
        var ls = new Command("ls", "List images");
        ls.SetAction(async (parse, cancellationToken) =>
        {
            using var client = GlobalOptions.Client(parse);
            Table.Write(Console.Out, ["NAME", "TAG", "DIGEST", "LAYERS", "SIZE", "IMPORTED"],
                (await client.ListImagesAsync(cancellationToken)).Select(i => (IReadOnlyList<string>)
                [
                    i.Name, i.Tag, i.Digest.Length > 19 ? i.Digest[..19] : i.Digest, i.Layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Size.FormatShort(i.Layers.Sum(l => l.Size)), i.ImportedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                ]));
            return 0;
        });

        var name = new Option<string?>("--name") { Description = "name[:tag] to store it under (default: the file name)" };
        var format = new Option<string?>("--format") { Description = "auto (default), oci, docker or rootfs" };
        var path = new Argument<string>("path") { Description = "an OCI image layout (directory or tar), a `docker save` tar, or a rootfs tar" };
        var import = new Command("import", "Import an image archive") { name, format, path };
        import.SetAction(async (parse, cancellationToken) =>
        {
            using var client = GlobalOptions.Client(parse);
            string source = parse.GetValue(path)!;
            string imageName = parse.GetValue(name) ?? Path.GetFileNameWithoutExtension(source.TrimEnd('/')).Split('.')[0].ToLowerInvariant();
            await using var archive = Directory.Exists(source) ? TarDirectory(source, cancellationToken) : File.OpenRead(source);
            var image = await client.ImportImageAsync(archive, imageName, parse.GetValue(format), cancellationToken);
            Console.WriteLine($"{image.Name}:{image.Tag} {image.Digest} ({image.Layers.Count} layer(s))");
            return 0;
        });

        var image = new Argument<string>("image") { Description = "image name" };
        var force = new Option<bool>("--force", "-f") { Description = "untag it even while sandboxes use it (they keep its layers until they are removed)" };
        var rm = new Command("rm", "Remove an image (refused while a sandbox uses it, unless --force)") { image, force };
        rm.SetAction(async (parse, cancellationToken) =>
        {
            using var client = GlobalOptions.Client(parse);
            await client.RemoveImageAsync(parse.GetValue(image)!, parse.GetValue(force), cancellationToken);
            return 0;
        });
        return new Command("images", "Manage images") { ls, import, rm };
    }

    /// <summary>An OCI layout directory, streamed as a tar without a temporary file.</summary>
    private static Stream TarDirectory(string directory, CancellationToken cancellationToken)
    {
        var pipe = new Pipe();
        _ = Task.Run(async () =>
        {
            await using var writer = pipe.Writer.AsStream();
            try { await TarFile.CreateFromDirectoryAsync(directory, writer, includeBaseDirectory: false, cancellationToken); }
            catch (Exception e) { await pipe.Writer.CompleteAsync(e); return; }
        }, cancellationToken);
        return pipe.Reader.AsStream();
    }
}
