using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras 3 <c>RandomContrast</c>: in training, one factor c per sample from [1 − lower, 1 + upper]; each channel becomes
/// (x − mean) · c + mean, then the result is clipped to <c>value_range</c> (default [0, 255]). Keras 3's code reads a
/// single factor f as (0, f), so contrast only rises ([1, 1 + f]); its docstring's "lower = upper" would be [1 − f, 1 + f],
/// which the pair (f, f) gives. Each value in [0, 1]. The identity in evaluation and in the ONNX export.
/// </summary>
internal sealed class RandomContrastLayer : ImageAugmentationLayer
{
    public static readonly NumbersOption Factor = new(nameof(RandomContrastAttribute.Factor))
    {
        IsRequired = true,
        IsValid = value => value >= 0 && value <= 1,
        Constraint = "between 0 and 1",
    };

    public static readonly NumbersOption ValueRange = new(nameof(RandomContrastAttribute.ValueRange))
    {
        Counts = new[] { 2 },
        CountText = "2 values (low, high)",
        Constraint = "finite numbers",
        Description = "a list [low, high]",
    };

    public RandomContrastLayer()
        : base(LayerKind.RandomContrast, typeof(RandomContrastAttribute), "RandomContrast", "random_contrast", Factor, ValueRange, Seed)
    {
    }

    public override LayerOption MainOption => Factor;

    /// <summary>A value range must run upwards (Keras would clip every value to one end otherwise).</summary>
    public override bool CheckLayer(LayerSpec layer, string name, ICollection<DiagnosticInfo> diagnostics)
    {
        var (low, high) = Range(layer);
        if (low < high)
            return true;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, layer.Location, ValueRange.Name, name, "[low, high] with low below high",
            "[" + Invariant.Number(low) + ", " + Invariant.Number(high) + "]"));
        return false;
    }

    public override LayerField Field(LayerPlan layer)
    {
        var (lower, upper) = FactorRange.Of(Factor.Get(layer.Spec)!.Value, 0);
        var (low, high) = Range(layer.Spec);
        return Module("RandomContrast", layer.Spec, CSharp.Double(lower), CSharp.Double(upper), CSharp.Double(low), CSharp.Double(high));
    }

    private static (double Low, double High) Range(LayerSpec layer) =>
        ValueRange.Get(layer) is { Count: 2 } range ? (range[0], range[1]) : (0, 255);
}
