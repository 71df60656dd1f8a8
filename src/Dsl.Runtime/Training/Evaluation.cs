using System.Collections.Generic;

namespace Dsl.Training;

/// <summary>
/// The result of <c>Trainer.Evaluate</c>, like Keras's <c>model.evaluate(return_dict=True)</c>: the loss and every
/// metric under its log name (without <c>val_</c>).
/// </summary>
/// <param name="Logs">The loss (<c>loss</c>), each output's loss for a model with several, and the metrics.</param>
/// <param name="Samples">How many samples were evaluated.</param>
public sealed record Evaluation(EpochLogs Logs, long Samples)
{
    /// <summary>A classifier's evaluation: loss and accuracy.</summary>
    public Evaluation(double loss, double accuracy, long samples)
        : this(new EpochLogs(new KeyValuePair<string, double>[] { new(EpochLogs.Loss, loss), new(EpochLogs.Accuracy, accuracy) }), samples)
    {
    }

    /// <summary>The mean loss over all samples.</summary>
    public double Loss => Logs[EpochLogs.Loss];

    /// <summary>The accuracy, or <see langword="null"/> when the trainer does not measure <c>accuracy</c>.</summary>
    public double? Accuracy => Get(EpochLogs.Accuracy);

    /// <summary>The value logged as <paramref name="name"/> (e.g. <c>auc</c>), or <see langword="null"/>.</summary>
    public double? Get(string name) => Logs.TryGetValue(name, out double value) ? value : null;
}
