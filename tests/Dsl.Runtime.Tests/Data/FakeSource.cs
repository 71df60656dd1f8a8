using System;
using System.Collections.Generic;
using System.IO;
using Dsl.Data;

namespace Dsl.Runtime.Tests.Data;

/// <summary>A source that serves given bytes per file name, or fails the way it is told to.</summary>
internal sealed class FakeSource(string description, Func<string, Stream> open) : IMnistSource
{
    public string Description => description;

    public int Calls { get; private set; }

    public List<string> Requested { get; } = [];

    public void Fetch(IReadOnlyCollection<string> fileNames, Action<string, Stream> store)
    {
        Calls++;
        foreach (string name in fileNames)
        {
            Requested.Add(name);
            using Stream content = open(name);
            store(name, content);
        }
    }

    /// <summary>Serves the fixture's raw files.</summary>
    public static FakeSource Fixture(string description = "fake fixture source") =>
        new(description, name => new MemoryStream(FixtureBytes.Raw(name)));

    /// <summary>Fails the test if it is ever asked for anything.</summary>
    public static FakeSource Unused() =>
        new("unused source", name => throw new InvalidOperationException($"The source was asked for {name} but should not have been used."));
}

/// <summary>A stream that yields some bytes and then fails, like a connection that drops mid-download.</summary>
internal sealed class FailingStream(byte[] head) : Stream
{
    private int _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= head.Length)
        {
            throw new IOException("Connection reset by peer (simulated).");
        }
        int n = Math.Min(count, head.Length - _position);
        Array.Copy(head, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
