using System.IO;
using static TorchSharp.torch;

namespace Dsl;

/// <summary>
/// Implemented by every generated model class, whatever its inputs and outputs: the untyped face of its strongly typed
/// <c>forward</c>, for code that handles any model (the trainer, the exporters, tests).
/// </summary>
public interface IGeneratedModel
{
    /// <summary>The model's compile-time metadata.</summary>
    ModelInfo Info { get; }

    /// <summary>
    /// Runs <c>forward</c> on one tensor per input, in <see cref="ModelInfo.Inputs"/>' order; returns one tensor per output,
    /// in <see cref="ModelInfo.Outputs"/>' order.
    /// </summary>
    /// <exception cref="System.ArgumentException">The number of tensors, or one's shape or element type, does not fit.</exception>
    Tensor[] Run(params Tensor[] inputs);

    /// <summary>
    /// Like <see cref="Run"/>, but an output whose last layer ends with <see cref="Activation.Softmax"/> or
    /// <see cref="Activation.Sigmoid"/> is returned without it: logits, for losses that need them (cross-entropy computed
    /// from logits is stable; the log of a saturated probability is not). <see cref="OutputInfo.Activation"/> says which.
    /// </summary>
    Tensor[] RunLogits(params Tensor[] inputs);

    /// <summary>
    /// Writes the model to <paramref name="path"/> as an ONNX inference graph (opset 17) built from the compile-time graph
    /// with the current weights: an ONNX input per model input (named like it), the output <c>output</c> (or one per
    /// output, by name); dropout left out, batch normalization with its moving statistics, a final softmax kept.
    /// </summary>
    void ExportOnnx(string path);

    /// <summary>Writes the model to <paramref name="stream"/> as an ONNX inference graph (see <see cref="ExportOnnx(string)"/>).</summary>
    void ExportOnnx(Stream stream);
}
