using ContainerLab.Labs.Killercoda;

namespace ContainerLab.Labs.Tests.Killercoda;

/// <summary>
/// Scenarios are other people's files: every way out of the folder, every oversize file and every malformed index is
/// refused with its file and line, and a refused import writes nothing at all.
/// </summary>
public sealed class HostileScenarioTests : IDisposable
{
    private readonly KillercodaFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private KillercodaImportResult Refused()
    {
        var result = _folder.Import();
        Assert.NotEmpty(result.Problems);
        Assert.False(result.Written);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Labs)); // no lab, no staging folder
        return result;
    }

    private static string IndexWithVerify(string verify) => KillercodaFolder.MinimalIndex.Replace("step1/verify.sh", verify, StringComparison.Ordinal);

    [Theory]
    [InlineData("../outside.sh")]
    [InlineData("step1/../../outside.sh")]
    [InlineData("/etc/passwd")]
    [InlineData("step1\\\\verify.sh")]
    [InlineData("step1//verify.sh")]
    public void A_path_out_of_the_folder_is_refused_at_its_line(string path)
    {
        _folder.Write(IndexWithVerify(path), KillercodaFolder.MinimalFiles);

        var problem = Assert.Single(Refused().Problems);
        Assert.Equal(("index.json", 6), (problem.File, problem.Line));
        Assert.Contains("must be a path inside the scenario folder", problem.Message);
    }

    [Fact]
    public void A_missing_file_and_a_folder_are_refused_at_their_lines()
    {
        _folder.Write(KillercodaFolder.MinimalIndex.Replace("intro.md", "step1", StringComparison.Ordinal).Replace("step1/verify.sh", "step1/check.sh", StringComparison.Ordinal),
            KillercodaFolder.MinimalFiles);

        var problems = Refused().Problems;
        Assert.Contains(problems, p => p.Line == 4 && p.Message.Contains("'step1' is a folder"));
        Assert.Contains(problems, p => p.Line == 6 && p.Message.Contains("'step1/check.sh' does not exist"));
    }

    [Fact]
    public void A_symlink_anywhere_in_the_folder_is_refused_even_one_nothing_names()
    {
        _folder.Write(KillercodaFolder.MinimalIndex, KillercodaFolder.MinimalFiles);
        File.CreateSymbolicLink(Path.Combine(_folder.Scenario, "step1", "notes.md"), "/etc/shadow");
        Directory.CreateSymbolicLink(Path.Combine(_folder.Scenario, "assets"), "/etc");

        var problems = Refused().Problems;
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.File == "step1/notes.md" && p.Message.Contains("is a symlink (to /etc/shadow)"));
        Assert.Contains(problems, p => p.File == "assets" && p.Message.Contains("is a symlink"));
    }

    [Fact]
    public void A_symlinked_text_is_refused_before_it_is_read()
    {
        _folder.Write(KillercodaFolder.MinimalIndex, KillercodaFolder.MinimalFiles);
        File.Delete(Path.Combine(_folder.Scenario, "intro.md"));
        File.CreateSymbolicLink(Path.Combine(_folder.Scenario, "intro.md"), "/etc/passwd");

        Assert.Contains(Refused().Problems, p => p.File == "intro.md" && p.Message.Contains("symlink"));
    }

    [Fact]
    public void Oversize_scripts_texts_and_index_are_refused_with_the_limit()
    {
        _folder.Write(KillercodaFolder.MinimalIndex, KillercodaFolder.MinimalFiles);
        _folder.WriteBytes("step1/verify.sh", new byte[ScenarioFolder.MaxScriptBytes + 1]);
        _folder.WriteBytes("intro.md", new byte[ScenarioFolder.MaxFileBytes + 1]);

        var problems = Refused().Problems;
        Assert.Contains(problems, p => p.File == "step1/verify.sh" && p.Message.Contains($"at most {ScenarioFolder.MaxScriptBytes} bytes") && p.Message.Contains("can carry into a node"));
        Assert.Contains(problems, p => p.File == "intro.md" && p.Message.Contains($"at most {ScenarioFolder.MaxFileBytes} bytes"));

        _folder.WriteBytes("index.json", new byte[ScenarioFolder.MaxIndexBytes + 1]);
        Assert.Contains(Refused().Problems, p => p.File == "index.json" && p.Message.Contains($"at most {ScenarioFolder.MaxIndexBytes}"));
    }

    [Fact]
    public void Too_many_entries_are_refused_a_scenario_is_not_a_repository()
    {
        _folder.Write(KillercodaFolder.MinimalIndex, KillercodaFolder.MinimalFiles);
        for (int i = 0; i < ScenarioFolder.MaxEntries; i++)
            File.WriteAllBytes(Path.Combine(_folder.Scenario, $"f{i}"), []);

        Assert.Contains("more than", Assert.Single(Refused().Problems).Message);
    }

    [Fact]
    public void Malformed_json_is_one_problem_at_its_line()
    {
        _folder.Write("{\n  \"title\": \"x\",\n  \"details\": {\n    \"intro\": { \"text\": \"intro.md\" }\n    \"steps\": []\n  }\n}\n", KillercodaFolder.MinimalFiles);

        var problem = Assert.Single(Refused().Problems);
        Assert.Equal(("index.json", 5), (problem.File, problem.Line));
        Assert.StartsWith("not valid JSON", problem.Message);
        Assert.DoesNotContain("LineNumber", problem.Message);
    }

    [Fact]
    public void Mistyped_fields_are_problems_at_their_lines_unknown_ones_only_notes()
    {
        const string index = """
            {
              "title": 42,
              "details": {
                "intro": "intro.md",
                "steps": [
                  { "title": "One", "verify": "step1/verify.sh" },
                  "step2"
                ],
                "assets": { "host01": [ { "file": "a.txt", "target": "root/x", "chmod": "+x; rm -rf /" } ] }
              },
              "backend": { "imageid": "ubuntu" },
              "pathwayTitle": "legacy"
            }
            """;
        _folder.Write(index, [.. KillercodaFolder.MinimalFiles, ("assets/a.txt", "a\n")]);

        var result = Refused();
        var problems = result.Problems.Select(p => (p.Line, p.Message)).ToList();
        Assert.Contains(problems, p => p.Line == 2 && p.Message.Contains("'title' must be a non-empty text"));
        Assert.Contains(problems, p => p.Line == 4 && p.Message.Contains("'intro' must be an object"));
        Assert.Contains(problems, p => p.Line == 6 && p.Message.Contains("'text' is required"));
        Assert.Contains(problems, p => p.Line == 7 && p.Message.Contains("a step must be an object"));
        Assert.Contains(problems, p => p.Line == 9 && p.Message.Contains("target 'root/x' must be an absolute folder"));
        Assert.Contains(problems, p => p.Line == 9 && p.Message.Contains("chmod '+x; rm -rf /'"));
        Assert.Contains(result.Notes, n => n.Line == 12 && n.Message.Contains("'pathwayTitle' is not converted"));
    }

    [Theory]
    [InlineData("../index.json", "must be a path inside")]
    [InlineData("/etc/passwd", "must be a path inside")]
    [InlineData("../*", "must be a path inside the scenario's assets/ folder")]
    [InlineData("nothing-*.txt", "matches no file")]
    public void An_asset_out_of_the_assets_folder_or_matching_nothing_is_refused_at_its_line(string file, string message)
    {
        string index = KillercodaFolder.MinimalIndex.Replace("\"steps\"", $$"""
            "assets": {
                  "host01": [ { "file": "{{file}}", "target": "/root" } ]
                },
                "steps"
            """, StringComparison.Ordinal);
        _folder.Write(index, [.. KillercodaFolder.MinimalFiles, ("assets/a.txt", "a\n")]);

        var problem = Assert.Single(Refused().Problems);
        Assert.Equal(6, problem.Line);
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void Assets_too_large_to_travel_in_one_setup_script_are_refused()
    {
        string index = KillercodaFolder.MinimalIndex.Replace("\"steps\"", "\"assets\": { \"host01\": [ { \"file\": \"big-*.txt\", \"target\": \"/root\" } ] },\n    \"steps\"",
            StringComparison.Ordinal);
        string Text(char c) => string.Concat(Enumerable.Repeat(new string(c, 99) + "\n", 6000)); // 600,000 bytes each, two of them
        _folder.Write(index, [.. KillercodaFolder.MinimalFiles, ("assets/big-1.txt", Text('x')), ("assets/big-2.txt", Text('y'))]);

        var problem = Assert.Single(Refused().Problems);
        Assert.Equal("containerlab/intro-setup.sh", problem.File);
        Assert.Contains($"at most {KillercodaConverter.MaxGeneratedScriptBytes}", problem.Message);
    }

    [Fact]
    public void A_scenario_file_where_the_import_writes_its_own_is_refused()
    {
        _folder.Write(KillercodaFolder.MinimalIndex.Replace("step1/text.md", "containerlab/text.md", StringComparison.Ordinal),
            [.. KillercodaFolder.MinimalFiles, ("containerlab/text.md", "x\n")]);

        Assert.Contains(Refused().Problems, p => p.File == "containerlab/text.md" && p.Message.Contains("the import writes"));
    }
}
