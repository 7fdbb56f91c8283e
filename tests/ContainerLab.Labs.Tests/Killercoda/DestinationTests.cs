using ContainerLab.Labs.Killercoda;

namespace ContainerLab.Labs.Tests.Killercoda;

/// <summary>Where the lab goes: never over something that exists unless --force, and --force replaces only a lab folder.</summary>
public sealed class DestinationTests : IDisposable
{
    private readonly KillercodaFolder _folder = new KillercodaFolder().Write(KillercodaFolder.MinimalIndex, KillercodaFolder.MinimalFiles);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void An_existing_destination_is_refused_and_left_alone_without_force()
    {
        Directory.CreateDirectory(_folder.Lab);
        File.WriteAllText(Path.Combine(_folder.Lab, "lab.yaml"), "mine\n");

        var result = _folder.Import();

        Assert.Contains(result.Problems, p => p.Message.Contains("already exists; give --force"));
        Assert.Equal("mine\n", File.ReadAllText(Path.Combine(_folder.Lab, "lab.yaml")));
        Assert.Single(Directory.EnumerateFileSystemEntries(_folder.Labs));
    }

    [Fact]
    public void Force_replaces_a_lab_folder_whole()
    {
        Directory.CreateDirectory(_folder.Lab);
        File.WriteAllText(Path.Combine(_folder.Lab, "lab.yaml"), "old\n");
        File.WriteAllText(Path.Combine(_folder.Lab, "stale.md"), "old\n");

        var result = _folder.Import(force: true);

        Assert.True(result.Validation!.IsValid, string.Join("\n", result.Validation.Problems));
        Assert.False(File.Exists(Path.Combine(_folder.Lab, "stale.md")));
        Assert.Equal(["imported"], Directory.EnumerateFileSystemEntries(_folder.Labs).Select(Path.GetFileName));
    }

    [Fact]
    public void Force_never_replaces_a_folder_that_is_not_a_lab_nor_a_symlink()
    {
        Directory.CreateDirectory(_folder.Lab);
        File.WriteAllText(Path.Combine(_folder.Lab, "thesis.tex"), "precious\n");
        Assert.Contains(_folder.Import(force: true).Problems, p => p.Message.Contains("without lab.yaml; --force replaces only a lab folder"));
        Assert.Equal("precious\n", File.ReadAllText(Path.Combine(_folder.Lab, "thesis.tex")));

        Directory.Delete(_folder.Lab, recursive: true);
        Directory.CreateSymbolicLink(_folder.Lab, _folder.Scenario);
        Assert.Contains(_folder.Import(force: true).Problems, p => p.Message.Contains("is not a folder; --force replaces only a lab folder"));
        Assert.True(File.Exists(Path.Combine(_folder.Scenario, "index.json")));
    }

    [Theory]
    [InlineData("My_Lab", "the lab's id")]
    [InlineData("missing/parent/lab", "does not exist")]
    public void The_destination_name_must_be_a_lab_id_in_an_existing_folder(string destination, string message)
    {
        var result = KillercodaImporter.Import(_folder.Scenario, Path.Combine(_folder.Labs, destination), new KillercodaImportOptions());

        Assert.Contains(result.Problems, p => p.Message.Contains(message));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Labs));
    }

    [Fact]
    public void The_destination_cannot_be_inside_the_scenario()
    {
        var result = KillercodaImporter.Import(_folder.Scenario, Path.Combine(_folder.Scenario, "lab"), new KillercodaImportOptions());

        Assert.Contains(result.Problems, p => p.Message.Contains("is the scenario folder, inside it or around it"));
        Assert.False(Directory.Exists(Path.Combine(_folder.Scenario, "lab")));
    }
}
