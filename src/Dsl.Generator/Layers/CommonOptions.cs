using Dsl.Generator.Diagnostics;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Layers;

/// <summary>Options that many kinds share, declared once so they read and check the same everywhere.</summary>
internal static class CommonOptions
{
    /// <summary>Every layer's own name (<c>Name = "stem"</c>, <c>name: stem</c>).</summary>
    public static readonly TextOption Name = new(nameof(LayerAttribute.Name));

    /// <summary>The layer a one-input layer takes its input from (<c>From = "stem"</c>, <c>from: stem</c>).</summary>
    public static readonly TextOption From = new(nameof(LayerAttribute.From));

    /// <summary>The layers a merge joins (<c>[Add("a", "b")]</c>, <c>add: [a, b]</c>).</summary>
    public static readonly TextsOption Inputs = new(nameof(MergeLayerAttribute.Inputs)) { IsRequired = true };

    /// <summary>An activation applied to the layer's output; default none (Keras's linear).</summary>
    public static readonly ChoiceOption<Activation> Activation = new(nameof(Conv2DAttribute.Activation), Activations.Choices);

    /// <summary>Whether the layer adds a learned bias; default true.</summary>
    public static readonly FlagOption UseBias = new(nameof(Conv2DAttribute.UseBias)) { Default = true };

    /// <summary>Valid or same; Keras's causal padding only where a kind declares its own padding option allowing it.</summary>
    public static readonly ChoiceOption<Padding> Padding = new(nameof(Conv2DAttribute.Padding), Choices.Of<Padding>())
    {
        Allowed = new[] { Dsl.Padding.Valid, Dsl.Padding.Same },
    };

    /// <summary>Whether a global pooling layer keeps the pooled dimensions with size 1 (Keras <c>keepdims</c>); default false.</summary>
    public static readonly FlagOption Keepdims = new(nameof(GlobalAvgPool2DAttribute.Keepdims));

    /// <summary>The fraction a dropout layer drops in training: at least 0 and below 1 (DSL006 otherwise).</summary>
    public static readonly NumberOption DropoutRate = new(nameof(DropoutAttribute.Rate))
    {
        IsRequired = true,
        IsValid = rate => rate >= 0 && rate < 1,
        OutOfRange = DiagnosticDescriptors.DropoutRateOutOfRange,
    };
}
