namespace Dsl.Training;

/// <summary>When a <see cref="Trainer"/> lays image batches out channels-last (NHWC strides): see <see cref="TrainerOptions.ChannelsLast"/>.</summary>
public enum ChannelsLastMode
{
    /// <summary>Never: batches keep their layout.</summary>
    Off,

    /// <summary>For evaluation only (validation, <c>Evaluate</c>, <c>Predict</c>): results equal the default layout's up to float rounding.</summary>
    Evaluation,

    /// <summary>For training and evaluation (the default). Dropout then draws its masks in memory order: a seeded run is repeatable, but draws other masks than <see cref="Off"/>.</summary>
    TrainingAndEvaluation,
}
