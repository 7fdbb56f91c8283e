using System.CommandLine;
using ContainerLab.Cli.Formatting;
using ContainerLab.Labs.Format;
using ContainerLab.Labs.Killercoda;

namespace ContainerLab.Cli.Commands;

/// <summary>
/// clabctl labs import-killercoda SOURCE DEST [--image NAME] [--force]: a Killercoda scenario folder becomes the lab
/// folder DEST (docs/KILLERCODA.md); prints the lab it wrote, what did not carry over, and the lab's validation.
/// </summary>
internal static class ImportKillercodaCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "the scenario folder (it holds index.json)" };
        var destination = new Argument<string>("dest") { Description = "the lab folder to write, e.g. labs/my-lab (its name is the lab's id)" };
        var image = new Option<string?>("--image") { Description = "the node's image, instead of the one chosen from backend.imageid (ubuntu -> debian, else busybox)" };
        var force = new Option<bool>("--force") { Description = "replace DEST if it is an existing lab folder" };
        var command = new Command("import-killercoda", "Import a Killercoda scenario (index.json, Markdown, verify/background scripts, assets) as a lab folder")
        {
            source, destination, image, force,
        };
        command.SetAction(parse =>
        {
            string dest = parse.GetValue(destination)!;
            var result = KillercodaImporter.Import(parse.GetValue(source)!, dest, new KillercodaImportOptions(parse.GetValue(image)), parse.GetValue(force));
            if (!result.Written)
            {
                foreach (var problem in result.Problems)
                    Console.Error.WriteLine($"clabctl: {Printable(problem)}");
                Console.Error.WriteLine($"clabctl: nothing was written ({result.Problems.Count} problem(s))");
                return 1;
            }
            var lab = result.Lab!;
            Console.WriteLine($"wrote lab '{result.Validation!.Id}' ({lab.Title}, image {lab.Image}) to {dest}:");
            Table.Write(Console.Out, ["STEP", "TITLE", "SETUP", "CHECK", "SOLUTION"], lab.Steps.Select(s => (IReadOnlyList<string>)
            [
                s.Id, s.Title, s.Setup ?? "-", s.Check ?? "-", s.Solution is null ? (s.Check is null ? "-" : "NONE") : $"{s.Solution} ({s.SolutionFrom})",
            ]));
            if (result.Notes.Count > 0)
            {
                Console.WriteLine($"{result.Notes.Count} note(s) on what did not carry over (also in lab.yaml):");
                foreach (var note in result.Notes)
                    Console.WriteLine($"  {Printable(note)}");
            }
            return Report(result.Validation, dest);
        });
        return command;
    }

    /// <summary>A problem or note for the terminal: text from the scenario (a field's name) cannot send escape sequences.</summary>
    private static string Printable(LabProblem problem) =>
        new([.. problem.ToString().Select(c => char.IsControl(c) ? '?' : c)]);

    private static int Report(LabLoadResult validation, string dest)
    {
        foreach (var problem in validation.Problems)
            Console.WriteLine(Path.Combine(dest, Printable(problem)));
        Console.WriteLine(validation.IsValid
            ? $"valid: clabctl labs validate finds no problem; prove it solvable with clabctl labs test {dest}"
            : $"the lab has {validation.Problems.Count} problem(s) (clabctl labs validate {dest}); fix them before students use it");
        return validation.IsValid ? 0 : 1;
    }
}
