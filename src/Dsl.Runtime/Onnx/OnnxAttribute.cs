using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Onnx.Proto;
using Google.Protobuf;

namespace Dsl.Onnx;

/// <summary>
/// A named attribute of an ONNX node (<c>kernel_shape</c>, <c>epsilon</c>, <c>mode</c>…): an integer, a list of
/// integers, a float, a list of floats or a string. Generated <c>ExportOnnx</c> methods create them for
/// <see cref="OnnxGraphBuilder.Node(string, string[], OnnxAttribute[])"/>.
/// </summary>
public readonly struct OnnxAttribute : IEquatable<OnnxAttribute>
{
    private readonly AttributeProto? _proto;

    private OnnxAttribute(AttributeProto proto) => _proto = proto;

    /// <summary>The attribute's name.</summary>
    public string Name => _proto?.Name ?? string.Empty;

    /// <summary>An integer attribute (ONNX type INT, a 64-bit integer).</summary>
    public static OnnxAttribute Int(string name, long value) =>
        new(new AttributeProto { Name = Named(name), Type = AttributeProto.Types.AttributeType.Int, I = value });

    /// <summary>A list of integers (ONNX type INTS), e.g. <c>kernel_shape</c> or <c>pads</c>.</summary>
    public static OnnxAttribute Ints(string name, params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var proto = new AttributeProto { Name = Named(name), Type = AttributeProto.Types.AttributeType.Ints };
        proto.Ints.AddRange(values);
        return new OnnxAttribute(proto);
    }

    /// <summary>A float attribute (ONNX type FLOAT, single precision), e.g. <c>epsilon</c>.</summary>
    public static OnnxAttribute Float(string name, double value) =>
        new(new AttributeProto { Name = Named(name), Type = AttributeProto.Types.AttributeType.Float, F = (float)value });

    /// <summary>A list of floats (ONNX type FLOATS).</summary>
    public static OnnxAttribute Floats(string name, params double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var proto = new AttributeProto { Name = Named(name), Type = AttributeProto.Types.AttributeType.Floats };
        proto.Floats.AddRange(values.Select(v => (float)v));
        return new OnnxAttribute(proto);
    }

    /// <summary>A string attribute (ONNX type STRING, UTF-8), e.g. <c>mode</c>.</summary>
    public static OnnxAttribute String(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(new AttributeProto { Name = Named(name), Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) });
    }

    /// <summary>A list of strings (ONNX type STRINGS, UTF-8), e.g. a recurrent operator's <c>activations</c>.</summary>
    public static OnnxAttribute Strings(string name, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var proto = new AttributeProto { Name = Named(name), Type = AttributeProto.Types.AttributeType.Strings };
        proto.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
        return new OnnxAttribute(proto);
    }

    /// <summary>The message as written into the node; a copy, so one attribute can serve several nodes.</summary>
    internal AttributeProto ToProto() =>
        _proto?.Clone() ?? throw new InvalidOperationException("An OnnxAttribute must be created with OnnxAttribute.Int, Ints, Float, Floats, String or Strings.");

    /// <inheritdoc />
    public bool Equals(OnnxAttribute other) => Equals(_proto, other._proto);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OnnxAttribute other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _proto?.GetHashCode() ?? 0;

    /// <summary>Whether two attributes have the same name and value.</summary>
    public static bool operator ==(OnnxAttribute left, OnnxAttribute right) => left.Equals(right);

    /// <summary>Whether two attributes differ in name or value.</summary>
    public static bool operator !=(OnnxAttribute left, OnnxAttribute right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => _proto?.ToString() ?? "(none)";

    private static string Named(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return name;
    }

    internal static IEnumerable<AttributeProto> ToProtos(IEnumerable<OnnxAttribute> attributes) => attributes.Select(a => a.ToProto());
}
