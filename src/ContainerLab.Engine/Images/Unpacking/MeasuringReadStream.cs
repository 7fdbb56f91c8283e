using System.Security.Cryptography;

namespace ContainerLab.Engine.Images.Unpacking;

/// <summary>
/// A forward-only read stream that hashes (sha256) and counts what passes through it, calling
/// <paramref name="onRead"/> after every read so a limit can stop the import as soon as it is crossed.
/// </summary>
internal sealed class MeasuringReadStream(Stream inner, Action<long>? onRead = null, bool leaveOpen = false) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long BytesRead { get; private set; }

    /// <summary>"sha256:&lt;hex&gt;" of everything read so far.</summary>
    public string Digest => "sha256:" + Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        Account(buffer[..n]);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Account(buffer.Span[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reads to the end (a tar reader stops at the end-of-archive marker; the digest covers the padding too).</summary>
    public void Drain(CancellationToken ct)
    {
        byte[] buffer = new byte[81920];
        while (Read(buffer) > 0)
            ct.ThrowIfCancellationRequested();
    }

    private void Account(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
            return;
        _hash.AppendData(data);
        BytesRead += data.Length;
        onRead?.Invoke(data.Length);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            if (!leaveOpen)
                inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
