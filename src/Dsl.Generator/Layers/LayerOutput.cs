using Dsl.Generator.Model;

namespace Dsl.Generator.Layers;

/// <summary>What a kind's shape rule works out for one layer: its per-sample output shape and its costs.</summary>
/// <param name="Shape">Output shape without the batch dimension.</param>
/// <param name="Parameters">Keras's "Param #": trainable plus non-trainable values.</param>
/// <param name="TrainableParameters">The values the optimizer updates.</param>
/// <param name="MultAdds">Multiply-accumulate operations per sample (torchinfo's convention: bias adds included).</param>
internal sealed record LayerOutput(EquatableArray<int> Shape, long Parameters = 0, long TrainableParameters = 0, long MultAdds = 0)
{
    /// <summary>
    /// The shapes of the outputs after the first, for a kind with several (a recurrent layer's final states with Keras's
    /// <c>return_state</c>), named by <see cref="LayerDefinition.OutputNames"/>; empty for one output.
    /// </summary>
    public EquatableArray<EquatableArray<int>> MoreShapes { get; init; } = EquatableArray<EquatableArray<int>>.Empty;

    /// <summary>A layer whose values are all trained (Conv2D, Dense).</summary>
    public static LayerOutput Trained(EquatableArray<int> shape, long parameters, long multAdds) => new(shape, parameters, parameters, multAdds);
}
