namespace Dsl.Tool;

/// <summary>What a loss compares the model's output with, so what the labels of the data must be made into.</summary>
internal enum TargetKind
{
    /// <summary>One class index per sample, int64 (N): sparse categorical cross-entropy.</summary>
    ClassIndices,

    /// <summary>One row of class probabilities per sample, float32 (N, classes): categorical cross-entropy (indices are one-hot encoded).</summary>
    OneHot,

    /// <summary>0 or 1 per output unit, float32: binary cross-entropy.</summary>
    Binary,

    /// <summary>Numbers shaped like the output, float32: regression losses.</summary>
    Values,
}
