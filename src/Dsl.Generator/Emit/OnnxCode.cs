using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Dsl.Generator.Emit;

/// <summary>
/// The C# that a layer kind's ONNX form is written in: calls on the generated <c>ExportOnnx</c>'s graph builder
/// (<c>global::Dsl.Onnx.OnnxGraphBuilder</c>, a local named <see cref="Builder"/>) that add standard ONNX operators,
/// weights by state-dict key, and constants. Each method returns an expression whose value is the name of an ONNX
/// value, so forms nest as expressions do: inner nodes are added first, in C#'s left-to-right evaluation order,
/// which keeps the graph's nodes topologically sorted. Knows operators, not kinds.
/// </summary>
internal sealed class OnnxCode
{
    private const string Attribute = "global::Dsl.Onnx.OnnxAttribute";

    public OnnxCode(string builder) => Builder = builder;

    /// <summary>The builder local's name in the generated method.</summary>
    public string Builder { get; }

    /// <summary>An omitted optional input (ONNX's empty name), e.g. <c>Resize</c>'s <c>roi</c>.</summary>
    public static string Missing => "\"\"";

    /// <summary>A node with one input: <c>onnx.Node("Relu", x)</c>.</summary>
    public string Node(string op, string input, params string[] attributes) =>
        Builder + ".Node(" + CSharp.Literal(op) + ", " + input + Tail(attributes) + ")";

    /// <summary>A node with several inputs, in the operator's order.</summary>
    public string Node(string op, IEnumerable<string> inputs, params string[] attributes) =>
        Builder + ".Node(" + CSharp.Literal(op) + ", new string[] { " + string.Join(", ", inputs) + " }" + Tail(attributes) + ")";

    /// <summary>A node with several outputs: a <c>string[]</c> expression of their names.</summary>
    public string Nodes(string op, IEnumerable<string> inputs, int outputs, params string[] attributes) =>
        Builder + ".Nodes(" + CSharp.Literal(op) + ", new string[] { " + string.Join(", ", inputs) + " }, " + outputs.ToString(CultureInfo.InvariantCulture) + Tail(attributes) + ")";

    /// <summary>The model's parameter or buffer with this state-dict key, as an initializer.</summary>
    /// <summary>
    /// <paramref name="inner"/>, which acts on the last axis, applied to the channels of an (N, C, d1, …, dk) value of
    /// batch rank <paramref name="rank"/>: Transposes to (N, d1, …, dk, C) and back, as the runtime's ChannelsLast does.
    /// </summary>
    public string ChannelsLast(string input, int rank, System.Func<string, string> inner)
    {
        var last = new[] { 0 }.Concat(Enumerable.Range(2, rank - 2)).Concat(new[] { 1 }).ToArray();
        var first = new[] { 0, rank - 1 }.Concat(Enumerable.Range(1, rank - 2)).ToArray();
        return Node("Transpose", inner(Node("Transpose", input, Ints("perm", last))), Ints("perm", first));
    }

    public string Weight(string key) => Builder + ".Weight(" + CSharp.Literal(key) + ")";

    /// <summary>
    /// The weight and bias of the convolution <paramref name="convolution"/> with the batch normalization
    /// <paramref name="normalization"/> folded in (by state-dict prefix), as two initializers: a value with
    /// <c>Weight</c> and <c>Bias</c>, the names of their ONNX values.
    /// </summary>
    public string FoldBatchNorm(string convolution, string normalization, double epsilon) =>
        Builder + ".FoldBatchNorm(" + CSharp.Literal(convolution) + ", " + CSharp.Literal(normalization) + ", " + CSharp.Double(epsilon) + ")";

    /// <summary>The weight and bias of <paramref name="layer"/> with the rescaling before it folded in (see <see cref="RescalingFolding"/>).</summary>
    public string FoldRescaling(string layer, string scaleAndOffset) =>
        Builder + ".FoldRescaling(" + CSharp.Literal(layer) + ", " + scaleAndOffset + ")";

    /// <summary>A float32 scalar constant.</summary>
    public string Scalar(double value) => Builder + ".Scalar(" + Float(value) + ")";

    /// <summary>A one-dimensional float32 constant.</summary>
    public string Floats(params double[] values) => Builder + ".Floats(" + string.Join(", ", values.Select(Float)) + ")";

    /// <summary>A one-dimensional int64 constant.</summary>
    public string Longs(IEnumerable<long> values) => Builder + ".Longs(" + string.Join(", ", values.Select(CSharp.Long)) + ")";

    /// <summary>A one-dimensional float32 constant of <paramref name="length"/> equal values.</summary>
    public string Filled(long length, double value) => Builder + ".Filled(" + CSharp.Long(length) + ", " + CSharp.Double(value) + ")";

    /// <summary>A FLOATS attribute.</summary>
    public static string FloatsAttribute(string name, IEnumerable<double> values) =>
        Attribute + ".Floats(" + CSharp.Literal(name) + string.Concat(values.Select(v => ", " + CSharp.Double(v))) + ")";

    /// <summary>A STRINGS attribute.</summary>
    public static string Texts(string name, IEnumerable<string> values) =>
        Attribute + ".Strings(" + CSharp.Literal(name) + string.Concat(values.Select(v => ", " + CSharp.Literal(v))) + ")";

    /// <summary>An INT attribute.</summary>
    public static string Int(string name, long value) => Attribute + ".Int(" + CSharp.Literal(name) + ", " + CSharp.Long(value) + ")";

    /// <summary>An INTS attribute.</summary>
    public static string Ints(string name, IEnumerable<long> values) =>
        Attribute + ".Ints(" + CSharp.Literal(name) + string.Concat(values.Select(v => ", " + CSharp.Long(v))) + ")";

    /// <summary>An INTS attribute.</summary>
    public static string Ints(string name, params int[] values) => Ints(name, values.Select(v => (long)v));

    /// <summary>A FLOAT attribute.</summary>
    public static string FloatAttribute(string name, double value) => Attribute + ".Float(" + CSharp.Literal(name) + ", " + CSharp.Double(value) + ")";

    /// <summary>A STRING attribute.</summary>
    public static string Text(string name, string value) => Attribute + ".String(" + CSharp.Literal(name) + ", " + CSharp.Literal(value) + ")";

    /// <summary>A float literal that round-trips as float: <c>0.5f</c>, <c>0.70710677f</c>.</summary>
    private static string Float(double value) => Literals.Emit(LiteralKind.Float, ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f");

    private static string Tail(string[] attributes) => string.Concat(attributes.Select(a => ", " + a));
}
