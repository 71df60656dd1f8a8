using System;
using System.IO;

namespace Dsl.Runtime.Tests.Training;

/// <summary>Writes through to a real file until <c>failAfter</c> bytes, then throws like a full disk.</summary>
internal sealed class FailingStream : Stream
{
    private readonly FileStream _file;
    private readonly long _failAfter;

    public FailingStream(string path, long failAfter)
    {
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        _failAfter = failAfter;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _file.Length;

    public override long Position
    {
        get => _file.Position;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_file.Position + count > _failAfter)
        {
            _file.Write(buffer, offset, (int)Math.Max(0, _failAfter - _file.Position));
            throw new IOException("Simulated failure: no space left on device.");
        }
        _file.Write(buffer, offset, count);
    }

    public override void Flush() => _file.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _file.Dispose();
        base.Dispose(disposing);
    }
}
