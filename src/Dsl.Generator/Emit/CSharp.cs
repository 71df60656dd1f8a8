using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Dsl.Generator.Layers.Geometry;

namespace Dsl.Generator.Emit;

/// <summary>Literals and names as they appear in generated C#, always culture-invariant.</summary>
internal static class CSharp
{
    public const string Nn = "global::TorchSharp.torch.nn";
    public const string Functional = "global::TorchSharp.torch.nn.functional";
    public const string Torch = "global::TorchSharp.torch";
    public const string Modules = "global::TorchSharp.Modules";
    public const string Support = "global::Dsl.Support";

    // Every literal goes through Literals.Emit, so that a block's class can read the ones that vary from use to use
    // from its instance's plan.

    public static string Int(int value) => Literals.Emit(LiteralKind.Int, value.ToString(CultureInfo.InvariantCulture));

    public static string Long(long value) => Literals.Emit(LiteralKind.Long, value.ToString(CultureInfo.InvariantCulture) + "L");

    /// <summary>A double literal that round-trips: <c>0.35</c>, <c>1.0</c>, <c>1E-05</c>.</summary>
    public static string Double(double value)
    {
        var text = Invariant.Number(value);
        return Literals.Emit(LiteralKind.Double, text.IndexOf('.') >= 0 || text.IndexOf('E') >= 0 ? text : text + ".0");
    }

    public static string Bool(bool value) => Literals.Emit(LiteralKind.Bool, value ? "true" : "false");

    /// <summary>A nested block instance's plan: <c>global::Zoo.Inner.Plan_…</c>.</summary>
    public static string Plan(string block, string planId) => Literals.Emit(LiteralKind.Plan, "global::" + Identifier.EscapeDotted(block) + "." + planId);

    /// <summary>A tuple of two longs: <c>(3L, 3L)</c>.</summary>
    public static string Pair(int a, int b) => "(" + Long(a) + ", " + Long(b) + ")";

    public static string Pair(Window2D window) => Pair(window.Height, window.Width);

    /// <summary><c>new long[] { 1L, 1L }</c>: the array form TorchSharp's functional convolutions take.</summary>
    public static string Longs(params long[] values) => "new long[] { " + string.Join(", ", values.Select(Long)) + " }";

    /// <summary>The four sides of a padding as arguments: <c>0L, 1L, 0L, 1L</c> (top, bottom, left, right).</summary>
    public static string Sides(Pads pads) => Long(pads.Top) + ", " + Long(pads.Bottom) + ", " + Long(pads.Left) + ", " + Long(pads.Right);

    /// <summary>A read-only shape list for metadata: <c>global::Dsl.Support.ShapeList.Of(8, 7, 7)</c>.</summary>
    public static string Shape(IEnumerable<int> shape) => Support + ".ShapeList.Of(" + string.Join(", ", shape.Select(Int)) + ")";

    public static string Literal(string value)
    {
        var text = new StringBuilder("\"");
        foreach (char c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }

    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
