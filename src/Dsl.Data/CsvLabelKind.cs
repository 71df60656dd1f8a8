namespace Dsl.Data;

/// <summary>What a CSV file's label columns hold.</summary>
public enum CsvLabelKind
{
    /// <summary>
    /// One column of classes, read as int64 indices (N). Non-negative integers are the indices themselves; any other
    /// values are class names, numbered in sorted (ordinal) order, or in <see cref="CsvOptions.ClassNames"/>' order.
    /// </summary>
    ClassIndices,

    /// <summary>One or more columns of numbers for regression, read as float32 (N, targets), also for a single target.</summary>
    Regression,

    /// <summary>
    /// No labels: every column (or <see cref="CsvOptions.FeatureColumns"/>) is a feature, and the labels are empty,
    /// float32 (N, 0): inputs to predict on. <see cref="CsvOptions.LabelColumns"/> must be empty.
    /// </summary>
    None,
}
