using ContainerLab.Engine.Networking;

namespace ContainerLab.Engine.Tests.Networking;

public sealed class HostsFileTests
{
    private static readonly string[] Localhost = ["127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost ip6-loopback"];
    private static readonly string[] OneNode = [.. Localhost, "10.89.0.2\tnode1"];
    private static readonly string[] TwoNodes = [.. OneNode, "10.89.0.3\tnode2"];

    [Fact]
    public void A_new_file_holds_the_entries()
    {
        Assert.Equal("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n10.89.0.2\tnode1\n", HostsFile.Update("", [], OneNode));
    }

    [Fact]
    public void A_joining_node_is_appended_after_the_students_lines_which_stay_where_they_were()
    {
        string edited = HostsFile.Update("", [], OneNode) + "10.0.0.9\tdb # mine\n";

        Assert.Equal(
            "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n10.89.0.2\tnode1\n10.0.0.9\tdb # mine\n10.89.0.3\tnode2\n",
            HostsFile.Update(edited, OneNode, TwoNodes));
    }

    [Fact]
    public void A_leaving_node_loses_its_entry_and_nothing_else()
    {
        string edited = "# mine\n" + HostsFile.Update("", [], TwoNodes);

        Assert.Equal("# mine\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n10.89.0.2\tnode1\n",
            HostsFile.Update(edited, TwoNodes, OneNode));
    }

    [Fact]
    public void An_entry_the_student_deleted_stays_deleted_and_an_unchanged_set_changes_nothing()
    {
        string edited = "127.0.0.1\tlocalhost\n10.89.0.2\tnode1\n"; // the ::1 line removed by the student

        Assert.Equal(edited, HostsFile.Update(edited, OneNode, OneNode));
        Assert.Equal(edited + "10.89.0.3\tnode2\n", HostsFile.Update(edited, OneNode, TwoNodes));
    }

    [Fact]
    public void A_file_without_a_final_newline_gets_one_and_an_entry_the_student_already_wrote_is_not_doubled()
    {
        string edited = "127.0.0.1\tlocalhost\n10.89.0.3\tnode2";

        Assert.Equal("127.0.0.1\tlocalhost\n10.89.0.3\tnode2\n", HostsFile.Update(edited, Localhost, [.. Localhost, "10.89.0.3\tnode2"]));
    }
}
