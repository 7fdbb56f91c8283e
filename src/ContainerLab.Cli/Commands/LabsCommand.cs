using System.CommandLine;
using ContainerLab.Cli.Formatting;
using ContainerLab.Labs.Format;
using ContainerLab.Labs.Testing;

namespace ContainerLab.Cli.Commands;

/// <summary>
/// clabctl labs validate [PATH] | test [PATH] [--lab ID] | images [PATH] [--missing] | import-killercoda SOURCE DEST: check lab
/// folders, prove them solvable on the daemon, list the images they need (LabImagesCommand) and import Killercoda scenarios
/// (ImportKillercodaCommand).
/// </summary>
internal static class LabsCommand
{
    public static Command Create()
    {
        var validatePath = PathArgument();
        var validate = new Command("validate", "Report every problem of the labs under PATH (or the lab at PATH), with file and line") { validatePath };
        validate.SetAction(parse =>
        {
            var labs = LabCatalogue.LoadPath(parse.GetValue(validatePath)!);
            if (labs.Count == 0)
            {
                Console.Error.WriteLine($"clabctl: no lab folders under {parse.GetValue(validatePath)}");
                return 1;
            }
            foreach (var lab in labs)
            {
                foreach (var problem in lab.Problems)
                    Console.WriteLine($"{Path.Combine(Path.GetRelativePath(Environment.CurrentDirectory, lab.Directory), problem.ToString())}");
            }
            int broken = labs.Count(l => !l.IsValid);
            Console.WriteLine($"{labs.Count - broken} lab(s) valid, {broken} with problems ({labs.Sum(l => l.Problems.Count)} problem(s))");
            return broken == 0 ? 0 : 1;
        });

        var testPath = PathArgument();
        var only = new Option<string?>("--lab") { Description = "test only the lab with this id" };
        var test = new Command("test", "In fresh sandboxes, type each step's run blocks, and prove its checks fail before its solution and pass after it") { testPath, only };
        test.SetAction(async (parse, cancellationToken) =>
        {
            var labs = LabCatalogue.LoadPath(parse.GetValue(testPath)!)
                .Where(l => parse.GetValue(only) is not { } id || l.Id == id).ToList();
            if (labs.Count == 0)
            {
                Console.Error.WriteLine("clabctl: no lab to test");
                return 1;
            }
            using var client = GlobalOptions.Client(parse);
            var tester = new LabTester(client);
            var rows = new List<LabStepTestResult>();
            foreach (var lab in labs)
            {
                if (lab.Lab is not { } valid)
                {
                    rows.Add(new LabStepTestResult(lab.Id, "(manifest)", null, false, $"{lab.Problems.Count} problem(s): clabctl labs validate"));
                    continue;
                }
                var results = await tester.TestAsync(valid, cancellationToken);
                rows.AddRange(results);
                Console.Error.WriteLine($"{lab.Id}: {results.Count(r => r.Ok)}/{results.Count} step(s) ok");
            }
            Table.Write(Console.Out, ["LAB", "STEP", "RUN", "BEFORE", "AFTER", "RESULT", "DETAIL"], rows.Select(r => (IReadOnlyList<string>)
            [
                r.Lab, r.Step, Verdict(r.BlocksOk, $"{r.Blocks} ok", "FAILS"), Verdict(r.FailedBefore, "fails", "PASSES"),
                Verdict(r.PassedAfter, "passes", "FAILS"), r.Ok ? "ok" : "FAILED", r.Detail,
            ]));
            int failed = rows.Count(r => !r.Ok);
            Console.WriteLine($"{rows.Count - failed} step(s) ok, {failed} failed, in {labs.Count} lab(s); {rows.Sum(r => r.Blocks)} run block(s) typed");
            return failed == 0 ? 0 : 1;
        });
        return new Command("labs", "Check, test and import guided labs") { validate, test, LabImagesCommand.Create(PathArgument), ImportKillercodaCommand.Create() };
    }

    private static Argument<string> PathArgument() => new("path")
    {
        Description = "a lab folder (with lab.yaml) or a folder of labs (default: labs)",
        DefaultValueFactory = _ => "labs",
    };

    private static string Verdict(bool? value, string good, string bad) => value switch { null => "-", true => good, false => bad };
}
