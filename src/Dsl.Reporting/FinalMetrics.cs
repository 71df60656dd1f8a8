using System;
using Dsl.Training;

namespace Dsl.Reporting;

/// <summary>
/// Loss and accuracy after training, on the test and the training data (Keras's two <c>model.evaluate</c> calls).
/// A value that was not measured is <see cref="double.NaN"/>, shown as "—" in tables.
/// </summary>
public sealed record FinalMetrics
{
    /// <summary>Mean cross-entropy on the test data.</summary>
    public double TestLoss { get; init; } = double.NaN;

    /// <summary>Accuracy on the test data.</summary>
    public double TestAccuracy { get; init; } = double.NaN;

    /// <summary>Mean cross-entropy on the training data, evaluated after training (dropout off).</summary>
    public double TrainLoss { get; init; } = double.NaN;

    /// <summary>Accuracy on the training data, evaluated after training (dropout off).</summary>
    public double TrainAccuracy { get; init; } = double.NaN;

    /// <summary>From the trainer's evaluations; a missing one leaves its values unmeasured.</summary>
    /// <param name="test">The evaluation on the test data.</param>
    /// <param name="train">The evaluation on the training data, if one was made.</param>
    public static FinalMetrics From(Evaluation test, Evaluation? train)
    {
        ArgumentNullException.ThrowIfNull(test);
        return new FinalMetrics
        {
            TestLoss = test.Loss,
            TestAccuracy = test.Accuracy ?? double.NaN,
            TrainLoss = train?.Loss ?? double.NaN,
            TrainAccuracy = train?.Accuracy ?? double.NaN,
        };
    }
}
