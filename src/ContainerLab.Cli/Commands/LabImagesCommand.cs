using System.CommandLine;
using ContainerLab.Labs.Format;

namespace ContainerLab.Cli.Commands;

/// <summary>
/// clabctl labs images [PATH] [--missing]: the images the labs' nodes run, one per line as "name:tag&lt;TAB&gt;lab,lab", so
/// scripts (scripts/run.sh) prepare exactly what the lab files name. --missing asks the daemon and keeps only those it lacks.
/// </summary>
internal static class LabImagesCommand
{
    public static Command Create(Func<Argument<string>> pathArgument)
    {
        var path = pathArgument();
        var missing = new Option<bool>("--missing") { Description = "only the images the daemon does not have (asks it)" };
        var images = new Command("images", "List the images the labs under PATH need, with the labs that name each") { path, missing };
        images.SetAction(async (parse, cancellationToken) =>
        {
            var labs = LabCatalogue.LoadPath(parse.GetValue(path)!);
            if (labs.Count == 0)
            {
                Console.Error.WriteLine($"clabctl: no lab folders under {parse.GetValue(path)}");
                return 1;
            }
            foreach (var broken in labs.Where(l => l.Lab is null))
                Console.Error.WriteLine($"clabctl: lab {broken.Id} is skipped: {broken.Problems.Count} problem(s), see clabctl labs validate");
            IEnumerable<LabImage> needed = LabImages.Needed(labs);
            if (parse.GetValue(missing))
            {
                using var client = GlobalOptions.Client(parse);
                var present = (await client.ListImagesAsync(cancellationToken)).Select(i => $"{i.Name}:{i.Tag}").ToHashSet(StringComparer.Ordinal);
                needed = needed.Where(i => !present.Contains(i.Reference));
            }
            foreach (var image in needed)
                Console.WriteLine($"{image.Reference}\t{string.Join(',', image.Labs)}");
            return 0;
        });
        return images;
    }
}
