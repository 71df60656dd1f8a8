using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Normalization</c> (keras/src/layers/preprocessing/normalization.py): (x − mean) / max(√variance, 1e-7), or its
/// inverse, with a mean and variance per position of the kept axes. <c>axis</c> is Keras's: numbered with the batch as 0
/// in Keras's order, so the default -1 keeps the channels of an image (its first axis here) and the features of a
/// sequence or flat input; an empty list is Keras's <c>axis=None</c>. Left to adapt, Keras creates the weights mean and
/// variance (the kept axes' shape) and an int <c>count</c>, which its summary counts: 2K + 1 non-trainable values for K
/// kept positions (the runtime's buffers). Given <c>mean</c> and <c>variance</c>, Keras creates no weights: 0.
/// </summary>
internal sealed class NormalizationLayer : LayerDefinition
{
    public static readonly IntegersOption Axis = new(nameof(NormalizationAttribute.Axis))
    {
        Counts = new[] { 0, 1, 2, 3 },
        CountText = "0 to 3 values (Keras's axes; none for one mean and variance)",
        // Negative axes count from the end, as in Keras; the shape rule checks each against the input.
        Minimum = int.MinValue,
        AllowsEmpty = true,
        Description = "an integer, a list of integers, or null (one mean and variance)",
    };

    public static readonly NumbersOption Mean = new(nameof(NormalizationAttribute.Mean))
    {
        AnyCount = true,
        CountText = "at least 1 value",
        Description = "a number or a list of numbers",
    };

    public static readonly NumbersOption Variance = new(nameof(NormalizationAttribute.Variance))
    {
        AnyCount = true,
        CountText = "at least 1 value",
        IsValid = value => value >= 0 && !double.IsInfinity(value),
        Constraint = "finite numbers of at least 0",
        Description = "a number or a list of numbers",
    };

    public static readonly FlagOption Invert = new(nameof(NormalizationAttribute.Invert));

    public NormalizationLayer()
        : base(LayerKind.Normalization, typeof(NormalizationAttribute), "Normalization", "normalization", Axis, Mean, Variance, Invert)
    {
    }

    public override LayerOption MainOption => Axis;

    /// <summary>Keras converts the input to its compute dtype, so raw pixels are normalised too.</summary>
    public override bool AcceptsIntegers => true;

    /// <summary>Keras's constructor check: a mean without a variance, or the other way round, is an error.</summary>
    public override bool CheckLayer(LayerSpec layer, string name, ICollection<DiagnosticInfo> diagnostics)
    {
        bool mean = Mean.Get(layer) is not null, variance = Variance.Get(layer) is not null;
        if (mean == variance)
            return true;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StatisticsNotPaired, layer.Location, name,
            mean ? "a mean" : "a variance", mean ? "a variance" : "a mean"));
        return false;
    }

    public override LayerOutput? Infer(LayerContext context)
    {
        if (KeptAxes(context) is not { } kept)
            return null;
        long positions = kept.Aggregate(1L, (product, axis) => checked(product * context.Input[axis]));
        long multAdds = ModelAnalysis.Elements(context.Input);
        if (Mean.Get(context.Spec) is not { } mean || Variance.Get(context.Spec) is not { } variance)
            return new LayerOutput(context.Input, checked((2 * positions) + 1), 0, multAdds);
        bool fits = mean.Count == variance.Count && (mean.Count == 1 || mean.Count == positions);
        if (!fits)
        {
            return context.Fail(DiagnosticDescriptors.StatisticsCount, context.Name, Invariant.ToText(mean.Count), Invariant.ToText(variance.Count),
                Invariant.Grouped(positions), Positions(kept, context.Input));
        }
        return new LayerOutput(context.Input, 0, 0, multAdds);
    }

    public override LayerField Field(LayerPlan layer)
    {
        const string type = "global::Dsl.Modules.Normalization";
        var kept = KeptAxes(layer.Spec, layer.InputShape.Count)!;
        string arguments = Longs(layer.InputShape.Select(d => (long)d)) + ", " + Longs(kept.Select(a => (long)a)) + ", " + CSharp.Bool(Invert.Get(layer.Spec));
        if (Mean.Get(layer.Spec) is { } mean && Variance.Get(layer.Spec) is { } variance)
            arguments += ", " + Doubles(mean) + ", " + Doubles(variance);
        return new LayerField(type, "new " + type + "(" + arguments + ")");
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    /// <summary>
    /// Sub and Div by Max(Sqrt(variance), 1e-7) (Mul and Add when inverted), as Keras computes it, with the statistics
    /// reshaped to broadcast over the reduced axes: the buffers by state-dict key, or the constants.
    /// </summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        var shape = layer.InputShape;
        var kept = KeptAxes(layer.Spec, shape.Count)!;
        var broadcast = shape.Select((d, axis) => kept.Contains(axis) ? (long)d : 1L).ToArray();
        string input = layer.InputTypes[0].IsFloating ? inputs[0] : onnx.Node("Cast", inputs[0], OnnxCode.Int("to", 1));
        string Statistic(string key, EquatableArray<double>? constants)
        {
            string value = constants is { } values ? onnx.Floats(values.ToArray()) : onnx.Weight(layer.Name + "." + key);
            return constants is { Count: 1 } ? value : onnx.Node("Reshape", new[] { value, onnx.Longs(broadcast) });
        }
        string mean = Statistic("mean", Mean.Get(layer.Spec));
        string deviation = onnx.Node("Max", new[] { onnx.Node("Sqrt", Statistic("variance", Variance.Get(layer.Spec))), onnx.Scalar(1e-7) });
        return Invert.Get(layer.Spec)
            ? onnx.Node("Add", new[] { onnx.Node("Mul", new[] { input, deviation }), mean })
            : onnx.Node("Div", new[] { onnx.Node("Sub", new[] { input, mean }), deviation });
    }

    /// <summary>The kept axes in this DSL's order (sorted), or null after reporting an axis that does not fit (DSL071).</summary>
    private static int[]? KeptAxes(LayerContext context)
    {
        int rank = context.Input.Count;
        var given = Axis.Get(context.Spec) ?? EquatableArray.Of(-1);
        var kept = new List<int>();
        foreach (int axis in given)
        {
            string? problem = null;
            int keras = axis < 0 ? axis + rank + 1 : axis;
            if (keras == 0)
                problem = "axis " + Invariant.ToText(axis) + " is the batch, whose size is not known";
            else if (keras < 0 || keras > rank)
                problem = "there is no axis " + Invariant.ToText(axis);
            else if (kept.Contains(KerasAxes.ToDsl(keras - 1, rank)))
                problem = "axis " + Invariant.ToText(axis) + " is given twice";
            if (problem is not null)
            {
                context.Fail(DiagnosticDescriptors.NormalizationAxis, context.Name, Invariant.SampleShape(given), problem,
                    Invariant.SampleShape(context.Input), context.Producer, AxesText(rank));
                return null;
            }
            kept.Add(KerasAxes.ToDsl(keras - 1, rank));
        }
        return kept.OrderBy(a => a).ToArray();
    }

    /// <summary>The kept axes of a checked layer.</summary>
    private static int[]? KeptAxes(LayerSpec spec, int rank) =>
        (Axis.Get(spec) ?? EquatableArray.Of(-1)).Select(axis => KerasAxes.ToDsl((axis < 0 ? axis + rank + 1 : axis) - 1, rank)).OrderBy(a => a).ToArray();

    /// <summary>How Keras numbers the axes of an input of this rank: <c>1 to 3 (height, width, channels) or -3 to -1</c>.</summary>
    private static string AxesText(int rank)
    {
        string names = rank switch
        {
            1 => "features",
            2 => "steps, features",
            _ => "height, width, channels",
        };
        string count = Invariant.ToText(rank);
        return (rank == 1 ? "1" : "1 to " + count) + " (" + names + ") or " + (rank == 1 ? "-1" : "-" + count + " to -1") + ", the batch being 0";
    }

    /// <summary>What the kept positions are, for messages: <c>the channels of (3, 224, 224)</c>.</summary>
    private static string Positions(int[] kept, EquatableArray<int> input)
    {
        if (kept.Length == 0)
            return "one mean and variance for the whole input";
        string[] names = input.Count switch
        {
            1 => new[] { "features" },
            2 => new[] { "steps", "features" },
            _ => new[] { "channels", "height", "width" },
        };
        return "the " + string.Join(" and ", kept.Select(a => names[a])) + " of " + Invariant.SampleShape(input);
    }

    private static string Longs(IEnumerable<long> values) => "new long[] { " + string.Join(", ", values.Select(CSharp.Long)) + " }";

    private static string Doubles(IEnumerable<double> values) => "new double[] { " + string.Join(", ", values.Select(CSharp.Double)) + " }";
}
