namespace Dsl.Training;

/// <summary>How a <see cref="Trainer"/> reads a model's output to compute categorical cross-entropy.</summary>
public enum ClassifierOutput
{
    /// <summary>
    /// The output is unnormalised scores (logits): loss = <c>cross_entropy(forward(x))</c>, i.e. log-softmax then
    /// negative log-likelihood. Used for generated models without a final activation and for every other module.
    /// </summary>
    Logits,

    /// <summary>
    /// The model ends with softmax: the trainer calls <see cref="IGeneratedModel.RunLogits"/> and applies
    /// <c>cross_entropy</c> to the logits, never the log of a probability (which is -inf once softmax saturates).
    /// </summary>
    Probabilities,

    /// <summary>The model ends with log-softmax: loss = <c>nll_loss(forward(x))</c>.</summary>
    LogProbabilities,
}
