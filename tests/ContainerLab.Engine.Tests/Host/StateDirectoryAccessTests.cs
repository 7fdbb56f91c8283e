using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Host;
using ContainerLab.TestSupport;

namespace ContainerLab.Engine.Tests.Host;

public sealed class StateDirectoryAccessTests
{
    private const UnixFileMode Owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public void The_walk_goes_from_the_root_down_to_the_directory_itself()
    {
        Assert.Equal(["/", "/var", "/var/lib", "/var/lib/containerlab"], StateDirectoryAccess.SelfAndAncestors("/var/lib/containerlab"));
    }

    [Fact]
    public void A_parent_others_cannot_search_is_named_with_its_mode_and_the_fix()
    {
        using var temp = new TempDirectory();
        string parent = temp.Combine("private");
        string state = Path.Combine(parent, "state");
        Directory.CreateDirectory(state);
        File.SetUnixFileMode(temp.Path, Owner | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(parent, Owner);

        var refused = Assert.Throws<InvalidRequestException>(() => StateDirectoryAccess.RequireSearchableByOthers(state));

        Assert.Contains($"the state directory {state} lies under {parent} (mode 700)", refused.Message);
        Assert.Contains($"chmod o+x {parent}", refused.Message);
    }

    [Fact]
    public void The_state_directory_itself_must_be_searchable_too()
    {
        using var temp = new TempDirectory();
        File.SetUnixFileMode(temp.Path, Owner | UnixFileMode.OtherExecute);
        string state = temp.Combine("state");
        Directory.CreateDirectory(state);
        File.SetUnixFileMode(state, Owner);

        var refused = Assert.Throws<InvalidRequestException>(() => StateDirectoryAccess.RequireSearchableByOthers(state));

        Assert.StartsWith($"the state directory {state} (mode 700)", refused.Message);
    }

    [Fact]
    public void Search_without_read_is_enough()
    {
        using var temp = new TempDirectory();
        string state = temp.Combine("state");
        Directory.CreateDirectory(state);
        File.SetUnixFileMode(temp.Path, Owner | UnixFileMode.OtherExecute); // 0701: others pass through, cannot list

        StateDirectoryAccess.RequireSearchableByOthers(state);
    }
}
