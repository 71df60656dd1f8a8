namespace Dsl.Training;

/// <summary>The result of <see cref="Trainer.Evaluate(TorchSharp.torch.Tensor, TorchSharp.torch.Tensor, int?)"/>: like Keras's <c>model.evaluate</c>, loss and accuracy.</summary>
/// <param name="Loss">Mean categorical cross-entropy over all samples.</param>
/// <param name="Accuracy">Share of samples whose argmax prediction equals the label.</param>
/// <param name="Samples">How many samples were evaluated.</param>
public sealed record Evaluation(double Loss, double Accuracy, long Samples);
