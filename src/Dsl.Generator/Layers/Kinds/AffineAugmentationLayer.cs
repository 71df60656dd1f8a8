using System;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras's geometric augmentation layers (RandomRotation, RandomTranslation, RandomZoom): a per-sample affine transform
/// (the runtime's <c>AffineSampling</c>), with Keras's <c>fill_mode</c> (reflect by default), <c>interpolation</c>
/// (bilinear by default) and <c>fill_value</c> (0) for the points that come from outside the image.
/// </summary>
internal abstract class AffineAugmentationLayer : ImageAugmentationLayer
{
    public static readonly ChoiceOption<FillMode> FillMode = new(nameof(RandomRotationAttribute.FillMode), Choices.Of<FillMode>());

    public static readonly ChoiceOption<Interpolation> Interpolation = new(nameof(RandomRotationAttribute.Interpolation), Choices.Of<Interpolation>())
    {
        Default = Dsl.Interpolation.Bilinear,
    };

    /// <summary>The value of points from outside with fill mode constant; any finite number.</summary>
    public static readonly NumberOption FillValue = new(nameof(RandomRotationAttribute.FillValue));

    protected AffineAugmentationLayer(LayerKind kind, Type attribute, string kerasClass, string kerasName, params LayerOption[] options)
        : base(kind, attribute, kerasClass, kerasName, options)
    {
    }

    /// <summary>The module's last arguments before the seed: fill mode, interpolation and fill value.</summary>
    protected static string[] Filling(LayerSpec spec) => new[]
    {
        "global::Dsl.FillMode." + FillMode.Get(spec),
        "global::Dsl.Interpolation." + Interpolation.Get(spec),
        CSharp.Double(FillValue.Get(spec)),
    };

    /// <summary>A factor as the module takes it: Keras's (lower, upper) as two double literals.</summary>
    protected static string[] Bounds(NumbersOption factor, LayerSpec spec, double lowest)
    {
        var (lower, upper) = FactorRange.Of(factor.Get(spec)!.Value, lowest);
        return new[] { CSharp.Double(lower), CSharp.Double(upper) };
    }
}
