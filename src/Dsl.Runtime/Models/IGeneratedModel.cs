using static TorchSharp.torch;

namespace Dsl;

/// <summary>Implemented by every generated model class.</summary>
public interface IGeneratedModel
{
    /// <summary>The model's compile-time metadata.</summary>
    ModelInfo Info { get; }

    /// <summary>
    /// The forward pass without a final <see cref="Activation.Softmax"/>, for losses that need logits
    /// (cross-entropy on log-softmax is stable; the log of a probability is not). For other models, the
    /// same as <c>forward</c>.
    /// </summary>
    Tensor ForwardLogits(Tensor input);
}
