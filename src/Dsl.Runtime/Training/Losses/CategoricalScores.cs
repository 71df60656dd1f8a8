using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>How the categorical cross-entropies read an output: as logits whenever they can, else as probabilities.</summary>
internal static class CategoricalScores
{
    /// <summary>
    /// The scores to use and whether they are logits: the output's values when the loss says they are logits, the logits
    /// a final softmax was applied to, a log-softmax output (log-softmax of log-probabilities is themselves), or else the
    /// probabilities.
    /// </summary>
    public static Tensor Of(ModelOutput output, bool fromLogits, out bool logits)
    {
        if (fromLogits || output.Activation == Activation.LogSoftmax)
        {
            logits = true;
            return output.Values;
        }
        if (output.Logits is { } scores && output.Activation == Activation.Softmax)
        {
            logits = true;
            return scores;
        }
        logits = false;
        return output.Values;
    }

    /// <summary>Keras's reading of probabilities: renormalised along the class axis, clipped to [1e-7, 1 − 1e-7], logged.</summary>
    public static Tensor LogProbabilities(Tensor probabilities, long axis)
    {
        var p = probabilities / probabilities.sum(axis, keepdim: true);
        return p.clamp(Loss.Epsilon, 1 - Loss.Epsilon).log();
    }
}
