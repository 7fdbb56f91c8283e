using System.Text;
using ContainerLab.Engine.Terminals;

namespace ContainerLab.Engine.Tests.Terminals;

public sealed class ScrollbackTests
{
    private static OutputChunk Chunk(string text) => new(OutputKind.Terminal, Encoding.ASCII.GetBytes(text));
    private static string Text(Scrollback s) => string.Concat(s.Snapshot().Select(c => Encoding.ASCII.GetString(c.Data.Span)));

    [Fact]
    public void Keeps_everything_below_the_capacity_in_order()
    {
        var scrollback = new Scrollback(16);
        scrollback.Append(Chunk("abc"));
        scrollback.Append(Chunk("def"));
        Assert.Equal("abcdef", Text(scrollback));
        Assert.Equal(6, scrollback.Length);
    }

    [Fact]
    public void Drops_whole_oldest_chunks_and_never_exceeds_the_capacity()
    {
        var scrollback = new Scrollback(10);
        foreach (string part in new[] { "1234", "5678", "abcd" })
            scrollback.Append(Chunk(part));
        Assert.Equal("5678abcd", Text(scrollback));
        Assert.True(scrollback.Length <= 10);
    }

    [Fact]
    public void A_chunk_larger_than_the_capacity_keeps_its_tail()
    {
        var scrollback = new Scrollback(4);
        scrollback.Append(Chunk("0123456789"));
        Assert.Equal("6789", Text(scrollback));
    }

    [Fact]
    public void Capacity_must_be_positive() => Assert.Throws<ArgumentOutOfRangeException>(() => new Scrollback(0));
}
