using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;

namespace Dsl.Generator.Shapes;

/// <summary>
/// Checks a declared model and infers every layer's shape, parameter count and mult-adds with Keras's
/// semantics. Pure: no Roslyn symbols, no TorchSharp. Option checks run on every layer; shape inference stops
/// at the first layer whose input cannot be known, so one mistake yields one error, not a cascade.
/// </summary>
internal static class ModelAnalyzer
{
    public static ModelAnalysis Analyze(ModelSpec spec)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var plans = new List<LayerPlan>();

        if (spec.InputShape.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingInput, spec.Location, spec.ClassName));
            return Result(spec, plans, diagnostics);
        }
        if (!CheckInput(spec, diagnostics))
            return Result(spec, plans, diagnostics);
        if (spec.Layers.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, spec.Location, spec.ClassName));
            return Result(spec, plans, diagnostics);
        }

        var names = Names(spec.Layers);
        bool optionsValid = true;
        for (int i = 0; i < spec.Layers.Count; i++)
            optionsValid &= CheckOptions(spec.Layers[i], names[i], diagnostics);

        if (optionsValid)
        {
            var shape = spec.InputShape;
            string producer = "the input";
            for (int i = 0; i < spec.Layers.Count; i++)
            {
                var plan = Plan(spec.Layers[i], names[i], shape, producer, diagnostics);
                if (plan is null)
                    break;
                plans.Add(plan);
                shape = plan.OutputShape;
                producer = "'" + plan.Name + "'";
            }
        }

        for (int i = 0; i < spec.Layers.Count - 1; i++)
        {
            var activation = (Activation)spec.Layers[i].Activation;
            if (activation is Activation.Softmax or Activation.LogSoftmax)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxNotLast, spec.Layers[i].Location, names[i], activation.ToString()));
        }

        if (!diagnostics.Any(d => d.IsError) && spec.ExpectedParameters is long expected)
        {
            long actual = plans.Sum(p => p.Parameters);
            if (actual != expected)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ParameterCountMismatch, spec.ExpectedParametersLocation, spec.ClassName,
                    Invariant.Grouped(actual), Invariant.Grouped(expected), (actual - expected).ToString("+#,0;-#,0", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return Result(spec, plans, diagnostics);
    }

    private static ModelAnalysis Result(ModelSpec spec, List<LayerPlan> plans, List<DiagnosticInfo> diagnostics) =>
        new(spec, plans.ToEquatableArray(), diagnostics.ToEquatableArray());

    private static bool CheckInput(ModelSpec spec, List<DiagnosticInfo> diagnostics)
    {
        if (spec.InputShape.Count is not (1 or 3))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongValueCount, spec.InputLocation,
                "The input shape", spec.ClassName, "3 values (channels, height, width) or 1 (features)", Count(spec.InputShape.Count)));
            return false;
        }
        if (spec.InputShape.Any(d => d < 1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutputBelowOne, spec.InputLocation,
                "The input of '" + spec.ClassName + "'", Invariant.SampleShape(spec.InputShape), string.Empty));
            return false;
        }
        return true;
    }

    private static string[] Names(EquatableArray<LayerSpec> layers)
    {
        var counters = new Dictionary<LayerKind, int>();
        var names = new string[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            var kind = layers[i].Kind;
            counters.TryGetValue(kind, out int count);
            counters[kind] = ++count;
            names[i] = KerasNames.Prefix(kind) + "_" + count;
        }
        return names;
    }

    private static bool CheckOptions(LayerSpec layer, string name, List<DiagnosticInfo> diagnostics)
    {
        int before = diagnostics.Count(d => d.IsError);
        void Invalid(string option, string constraint, object value) =>
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, layer.Location, option, name, constraint, value));

        switch (layer.Kind)
        {
            case LayerKind.Conv2D:
                if (layer.Size < 1)
                    Invalid("Filters", "at least 1", layer.Size);
                CheckPair(layer, name, "KernelSize", layer.Window, allowEmpty: false, diagnostics);
                CheckPair(layer, name, "Stride", layer.Stride, allowEmpty: true, diagnostics);
                CheckEnum<Padding>(layer, name, "Padding", layer.Padding, diagnostics);
                CheckEnum<Activation>(layer, name, "Activation", layer.Activation, diagnostics);
                break;
            case LayerKind.MaxPool2D:
            case LayerKind.AvgPool2D:
                CheckPair(layer, name, "PoolSize", layer.Window, allowEmpty: false, diagnostics);
                CheckPair(layer, name, "Stride", layer.Stride, allowEmpty: true, diagnostics);
                CheckEnum<Padding>(layer, name, "Padding", layer.Padding, diagnostics);
                break;
            case LayerKind.Dense:
                if (layer.Size < 1)
                    Invalid("Units", "at least 1", layer.Size);
                CheckEnum<Activation>(layer, name, "Activation", layer.Activation, diagnostics);
                break;
            case LayerKind.Dropout:
                if (!(layer.Rate >= 0 && layer.Rate < 1))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutRateOutOfRange, layer.Location, name, layer.Rate));
                break;
            case LayerKind.BatchNorm:
                if (!(layer.Epsilon > 0 && layer.Epsilon < double.PositiveInfinity))
                    Invalid("Epsilon", "a finite number greater than 0", layer.Epsilon);
                if (!(layer.Momentum >= 0 && layer.Momentum <= 1))
                    Invalid("Momentum", "between 0 and 1", layer.Momentum);
                break;
        }
        return diagnostics.Count(d => d.IsError) == before;
    }

    private static void CheckPair(LayerSpec layer, string name, string option, EquatableArray<int> values, bool allowEmpty, List<DiagnosticInfo> diagnostics)
    {
        if (values.Count > 2 || (values.Count == 0 && !allowEmpty))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongValueCount, layer.Location,
                option, name, "1 value (square) or 2 (height, width)", Count(values.Count)));
            return;
        }
        foreach (var value in values)
        {
            if (value < 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, layer.Location,
                    option, name, "at least 1", values.Count == 1 ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : Invariant.SampleShape(values)));
                return;
            }
        }
    }

    private static void CheckEnum<TEnum>(LayerSpec layer, string name, string option, int value, List<DiagnosticInfo> diagnostics)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(typeof(TEnum), value))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownEnumValue, layer.Location, option, name, value));
    }

    private static string Count(int count) => count == 1 ? "1 was" : count + " were";

    private static LayerPlan? Plan(LayerSpec layer, string name, EquatableArray<int> input, string producer, List<DiagnosticInfo> diagnostics)
    {
        var plan = new LayerPlan
        {
            Kind = layer.Kind,
            Name = name,
            TypeName = KerasNames.TypeName(layer.Kind),
            InputShape = input,
            OutputShape = input,
            Activation = (Activation)layer.Activation,
            Padding = (Padding)layer.Padding,
            UseBias = layer.UseBias,
            Size = layer.Size,
            Rate = layer.Rate,
            Epsilon = layer.Epsilon,
            Momentum = layer.Momentum,
        };
        bool spatial = input.Count == 3;

        switch (layer.Kind)
        {
            case LayerKind.Conv2D:
            case LayerKind.MaxPool2D:
            case LayerKind.AvgPool2D:
            {
                if (!spatial)
                    return SpatialOnFlat(layer, name, input, producer, diagnostics);
                var window = Pair(layer.Window);
                var stride = layer.Stride.Count == 0
                    ? (layer.Kind == LayerKind.Conv2D ? new Window2D(1, 1) : window)
                    : Pair(layer.Stride);
                var padding = (Padding)layer.Padding;
                int channels = input[0], height = input[1], width = input[2];
                if (padding == Padding.Valid && (window.Height > height || window.Width > width))
                {
                    int outH = LayerMath.OutputLength(height, window.Height, stride.Height, padding);
                    int outW = LayerMath.OutputLength(width, window.Width, stride.Width, padding);
                    int outC = layer.Kind == LayerKind.Conv2D ? layer.Size : channels;
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WindowLargerThanInput, layer.Location,
                        name, window.ToString(), layer.Kind == LayerKind.Conv2D ? "kernel" : "pool window",
                        height + "x" + width, producer, Invariant.SampleShape(new[] { outC, outH, outW })));
                    return null;
                }
                int outHeight = LayerMath.OutputLength(height, window.Height, stride.Height, padding);
                int outWidth = LayerMath.OutputLength(width, window.Width, stride.Width, padding);
                int outChannels = layer.Kind == LayerKind.Conv2D ? layer.Size : channels;
                var output = EquatableArray.Of(outChannels, outHeight, outWidth);
                if (outHeight < 1 || outWidth < 1)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutputBelowOne, layer.Location,
                        "'" + name + "'", Invariant.SampleShape(output), " from input " + Invariant.SampleShape(input)));
                    return null;
                }
                var pads = Pads(padding, height, width, window, stride);
                long parameters = 0, multAdds = 0;
                if (layer.Kind == LayerKind.Conv2D)
                {
                    long weights = (long)window.Height * window.Width * channels * layer.Size;
                    long positions = (long)outHeight * outWidth;
                    parameters = weights + (layer.UseBias ? layer.Size : 0);
                    multAdds = (weights * positions) + (layer.UseBias ? layer.Size * positions : 0);
                }
                return plan with
                {
                    OutputShape = output,
                    Window = window,
                    Stride = stride,
                    Pads = pads,
                    Parameters = parameters,
                    TrainableParameters = parameters,
                    MultAdds = multAdds,
                };
            }

            case LayerKind.GlobalAvgPool2D:
                if (!spatial)
                    return SpatialOnFlat(layer, name, input, producer, diagnostics);
                return plan with { OutputShape = EquatableArray.Of(input[0]) };

            case LayerKind.Flatten:
            {
                long size = ModelAnalysis.Elements(input);
                if (size > int.MaxValue)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, layer.Location,
                        "The flattened size", name, "at most 2,147,483,647", Invariant.Grouped(size)));
                    return null;
                }
                return plan with { OutputShape = EquatableArray.Of((int)size) };
            }

            case LayerKind.Dense:
            {
                if (spatial)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DenseOnSpatialInput, layer.Location,
                        name, Invariant.SampleShape(input), producer));
                    return null;
                }
                long weights = (long)input[0] * layer.Size;
                long parameters = weights + (layer.UseBias ? layer.Size : 0);
                return plan with
                {
                    OutputShape = EquatableArray.Of(layer.Size),
                    Parameters = parameters,
                    TrainableParameters = parameters,
                    MultAdds = parameters,
                };
            }

            case LayerKind.BatchNorm:
            {
                // Keras: gamma and beta are trained; the moving mean and variance are not (TorchSharp buffers).
                long channels = input[0];
                return plan with
                {
                    Parameters = 4 * channels,
                    TrainableParameters = 2 * channels,
                    MultAdds = ModelAnalysis.Elements(input),
                };
            }

            case LayerKind.Dropout:
                return plan;

            default:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, layer.Location, name, "unknown layer kind " + layer.Kind));
                return null;
        }
    }

    private static LayerPlan? SpatialOnFlat(LayerSpec layer, string name, EquatableArray<int> input, string producer, List<DiagnosticInfo> diagnostics)
    {
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SpatialLayerOnFlatInput, layer.Location,
            name, KerasNames.TypeName(layer.Kind), Invariant.SampleShape(input), producer));
        return null;
    }

    private static Window2D Pair(EquatableArray<int> values) =>
        values.Count == 1 ? new Window2D(values[0], values[0]) : new Window2D(values[0], values[1]);

    private static Pads Pads(Padding padding, int height, int width, Window2D window, Window2D stride)
    {
        if (padding != Padding.Same)
            return default;
        var (top, bottom) = LayerMath.SamePadding(height, window.Height, stride.Height);
        var (left, right) = LayerMath.SamePadding(width, window.Width, stride.Width);
        return new Pads(top, bottom, left, right);
    }
}
