using System.Text;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Vms;

namespace ContainerLab.Engine.Tests.Vms;

/// <summary>The agent channel's frames: what the guest (hostile, root in its VM) may send, and the exec frame's layout.</summary>
public sealed class AgentFrameTests
{
    private static byte[] Header(byte type, uint id, uint length) =>
        [type, (byte)id, (byte)(id >> 8), (byte)(id >> 16), (byte)(id >> 24), (byte)length, (byte)(length >> 8), (byte)(length >> 16), (byte)(length >> 24)];

    [Fact]
    public void A_guest_header_gives_its_type_id_and_length() =>
        Assert.Equal((AgentFrame.Stdout, 7u, 300), AgentFrame.ReadHeader(Header(AgentFrame.Stdout, 7, 300)));

    [Fact]
    public void A_frame_longer_than_64_KiB_ends_the_channel_before_anything_is_allocated()
    {
        var e = Assert.Throws<AgentProtocolException>(() => AgentFrame.ReadHeader(Header(AgentFrame.Stdout, 1, uint.MaxValue)));
        Assert.Contains("4294967295 bytes", e.Message);
    }

    [Theory]
    [InlineData((byte)'E')] // an exec from the guest to the host
    [InlineData((byte)'K')]
    [InlineData((byte)0)]
    public void A_type_the_guest_may_not_send_ends_the_channel(byte type) =>
        Assert.Throws<AgentProtocolException>(() => AgentFrame.ReadHeader(Header(type, 1, 0)));

    [Fact]
    public void An_exec_frame_is_the_directory_the_argv_an_empty_string_and_the_environment()
    {
        var frame = AgentFrame.ForExec(5, "/root", ["sh", "-c", "echo é"], ["PATH=/bin"]);
        byte[] bytes = frame.Encode();
        Assert.Equal(AgentFrame.Exec, bytes[0]);
        Assert.Equal(5, BitConverter.ToInt32(bytes, 1));
        Assert.Equal(bytes.Length - AgentFrame.HeaderBytes, BitConverter.ToInt32(bytes, 5));
        Assert.Equal("/root\0sh\0-c\0echo é\0\0PATH=/bin\0", Encoding.UTF8.GetString(bytes, AgentFrame.HeaderBytes, bytes.Length - AgentFrame.HeaderBytes));
    }

    [Fact]
    public void A_nul_inside_an_argument_would_split_it_and_is_refused() =>
        Assert.Throws<InvalidRequestException>(() => AgentFrame.ForExec(1, "/", ["echo", "a\0b"], []));

    [Fact]
    public void A_command_longer_than_a_frame_is_refused_in_bytes()
    {
        var e = Assert.Throws<InvalidRequestException>(() => AgentFrame.ForExec(1, "/", ["echo", new string('x', 70_000)], []));
        Assert.Contains("at most 65536", e.Message);
    }
}
