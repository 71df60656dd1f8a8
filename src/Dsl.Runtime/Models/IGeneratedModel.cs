using System.IO;
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

    /// <summary>
    /// Writes the model to <paramref name="path"/> as an ONNX inference graph (opset 17) built from the compile-time
    /// graph with the current weights: input <c>input</c> (batch, …<see cref="ModelInfo.InputShape"/>), output
    /// <c>output</c>; dropout left out, batch normalization with its moving statistics, a final softmax kept.
    /// </summary>
    void ExportOnnx(string path);

    /// <summary>Writes the model to <paramref name="stream"/> as an ONNX inference graph (see <see cref="ExportOnnx(string)"/>).</summary>
    void ExportOnnx(Stream stream);
}
