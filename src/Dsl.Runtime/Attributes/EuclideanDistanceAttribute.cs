using System;

namespace Dsl;

/// <summary>
/// The Euclidean distance between its two inputs, one value per sample: <c>sqrt(max(Σ(a − b)², 1e-7))</c> over every
/// axis but the batch's, exactly two inputs of one shape, output (1). The <c>Lambda</c> of Keras's siamese example
/// ("Image similarity estimation using a Siamese Network with a contrastive loss") as a layer; 1e-7 is Keras's epsilon,
/// which keeps the gradient finite where the inputs are equal.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EuclideanDistanceAttribute : MergeLayerAttribute
{
    /// <param name="inputs">The two layers to compare, by name (<c>"input"</c> for the model's input).</param>
    public EuclideanDistanceAttribute(params string[] inputs)
        : base(inputs)
    {
    }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="EuclideanDistanceAttribute"/>.</summary>
    public static LayerKind EuclideanDistance { get; } = new(nameof(EuclideanDistance));
}
