using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// A metric as Keras's <c>compile(metrics=[…])</c> takes it, streamed over batches: each batch adds to a few running
/// totals kept on the device, and the value is computed from the totals when it is read (once per epoch, or after every
/// batch for a live progress bar). Keras's names, definitions and defaults; create one with a factory, by Keras's name
/// (<see cref="FromName"/>), or from your own per-sample function (<see cref="Mean"/>).
/// </summary>
/// <remarks>
/// A metric object holds no state: the trainer keeps the totals, so one instance can serve every output and both the
/// training and the validation pass. As in Keras, <c>metrics</c> are not weighted by sample or class weights.
/// </remarks>
public abstract class Metric
{
    private static readonly IReadOnlyDictionary<string, Func<Metric>> Names = new Dictionary<string, Func<Metric>>(StringComparer.Ordinal)
    {
        ["accuracy"] = () => Accuracy(),
        ["acc"] = () => Accuracy(),
        ["sparse_categorical_accuracy"] = () => SparseCategoricalAccuracy(),
        ["categorical_accuracy"] = () => CategoricalAccuracy(),
        ["binary_accuracy"] = () => BinaryAccuracy(),
        ["top_k_categorical_accuracy"] = () => TopKCategoricalAccuracy(),
        ["sparse_top_k_categorical_accuracy"] = () => SparseTopKCategoricalAccuracy(),
        ["precision"] = () => Precision(),
        ["recall"] = () => Recall(),
        ["auc"] = () => Auc(),
        ["mae"] = () => MeanAbsoluteError("mae"),
        ["mean_absolute_error"] = () => MeanAbsoluteError(),
        ["mse"] = () => MeanSquaredError("mse"),
        ["mean_squared_error"] = () => MeanSquaredError(),
        ["rmse"] = () => RootMeanSquaredError("rmse"),
        ["root_mean_squared_error"] = () => RootMeanSquaredError(),
    };

    /// <summary>Creates a metric logged as <paramref name="name"/>.</summary>
    /// <param name="name">The log name (Keras's default names are snake_case).</param>
    /// <param name="higherIsBetter">Whether larger values are better: how callbacks in <see cref="MonitorMode.Auto"/> read it.</param>
    protected Metric(string name, bool higherIsBetter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.StartsWith("val_", StringComparison.Ordinal) || name == "loss" || name.EndsWith("_loss", StringComparison.Ordinal))
            throw new ArgumentException($"A metric cannot be named '{name}': names starting with val_ or ending with loss are the trainer's own.", nameof(name));
        Name = name;
        HigherIsBetter = higherIsBetter;
    }

    /// <summary>The name in <see cref="History"/>, the progress line, logs and callbacks' <c>monitor</c> (<c>val_</c> + it for validation).</summary>
    public string Name { get; }

    /// <summary>Whether larger values are better (accuracy, AUC) or smaller ones (errors).</summary>
    public bool HigherIsBetter { get; }

    /// <summary>How many running totals the metric keeps.</summary>
    public abstract int Slots { get; }

    /// <summary>
    /// A batch's contribution to the totals: float64, shape (<see cref="Slots"/>), on the output's device; the trainer
    /// adds these up over the epoch without reading them.
    /// </summary>
    /// <param name="target">The batch's targets, as the output's loss prepared them (class indices as int64, values as floats).</param>
    /// <param name="output">The model's output for the batch.</param>
    public abstract Tensor BatchTotals(Tensor target, ModelOutput output);

    /// <summary>The metric's value from the totals summed over batches.</summary>
    public abstract double Result(ReadOnlySpan<double> totals);

    /// <summary>
    /// The metric that computes this one for targets like <paramref name="targets"/> and an output shaped
    /// <paramref name="outputShape"/>: itself, except <see cref="Accuracy"/>, which becomes the binary, sparse or
    /// categorical accuracy as Keras's <c>"accuracy"</c> does.
    /// </summary>
    internal virtual Metric ResolveFor(Tensor targets, IReadOnlyList<long> outputShape) => this;

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>
    /// Keras's <c>"accuracy"</c>: binary accuracy for an output with one unit, sparse categorical accuracy for class
    /// indices, categorical accuracy for one-hot targets; logged as <c>accuracy</c>.
    /// </summary>
    public static Metric Accuracy() => new AutoAccuracy();

    /// <summary>Keras's <c>SparseCategoricalAccuracy</c>: how often the argmax of the scores equals the class index.</summary>
    public static Metric SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") => new TopKAccuracy(name, 1, sparse: true);

    /// <summary>Keras's <c>CategoricalAccuracy</c>: how often the argmax of the scores equals the argmax of the one-hot target.</summary>
    public static Metric CategoricalAccuracy(string name = "categorical_accuracy") => new TopKAccuracy(name, 1, sparse: false);

    /// <summary>Keras's <c>BinaryAccuracy</c>: how often (probability &gt; <paramref name="threshold"/>) equals the 0/1 target.</summary>
    public static Metric BinaryAccuracy(double threshold = 0.5, string name = "binary_accuracy") => new BinaryAccuracyMetric(name, threshold);

    /// <summary>Keras's <c>TopKCategoricalAccuracy</c>: how often the one-hot target's class is among the <paramref name="k"/> highest scores.</summary>
    public static Metric TopKCategoricalAccuracy(int k = 5, string name = "top_k_categorical_accuracy") => new TopKAccuracy(name, k, sparse: false);

    /// <summary>Keras's <c>SparseTopKCategoricalAccuracy</c>: how often the class index is among the <paramref name="k"/> highest scores.</summary>
    public static Metric SparseTopKCategoricalAccuracy(int k = 5, string name = "sparse_top_k_categorical_accuracy") => new TopKAccuracy(name, k, sparse: true);

    /// <summary>Keras's <c>Precision</c>: true positives / predicted positives, a prediction being positive above <paramref name="threshold"/>.</summary>
    public static Metric Precision(double threshold = 0.5, string name = "precision") => new ConfusionMetric(name, threshold, recall: false);

    /// <summary>Keras's <c>Recall</c>: true positives / actual positives, a prediction being positive above <paramref name="threshold"/>.</summary>
    public static Metric Recall(double threshold = 0.5, string name = "recall") => new ConfusionMetric(name, threshold, recall: true);

    /// <summary>
    /// Keras's <c>AUC</c>: the area under the ROC (or precision–recall) curve, from confusion counts at
    /// <paramref name="numThresholds"/> thresholds evenly spaced in [0, 1], with Keras's interpolation.
    /// </summary>
    public static Metric Auc(int numThresholds = 200, AucCurve curve = AucCurve.Roc, string name = "auc") => new AucMetric(name, numThresholds, curve);

    /// <summary>Keras's <c>MeanAbsoluteError</c> metric: mean over samples of the mean |y − ŷ| over the last axis.</summary>
    public static Metric MeanAbsoluteError(string name = "mean_absolute_error") =>
        new MeanMetric(name, (y, p) => (ElementwiseLoss.SameShape(y, p) - p).abs(), higherIsBetter: false);

    /// <summary>Keras's <c>MeanSquaredError</c> metric: mean over samples of the mean (y − ŷ)² over the last axis.</summary>
    public static Metric MeanSquaredError(string name = "mean_squared_error") =>
        new MeanMetric(name, (y, p) => (ElementwiseLoss.SameShape(y, p) - p).square(), higherIsBetter: false);

    /// <summary>Keras's <c>RootMeanSquaredError</c>: the square root of the mean of every (y − ŷ)².</summary>
    public static Metric RootMeanSquaredError(string name = "root_mean_squared_error") => new RootMeanSquaredErrorMetric(name);

    /// <summary>
    /// Your own metric: the mean over the epoch of <paramref name="perSample"/>(y_true, y_pred), Keras's
    /// <c>MeanMetricWrapper</c>. The function returns a value per sample (values along further axes are averaged first).
    /// </summary>
    /// <param name="name">The log name.</param>
    /// <param name="perSample">(targets, output values) → one value per sample.</param>
    /// <param name="higherIsBetter">Whether larger values are better, for callbacks' automatic mode.</param>
    public static Metric Mean(string name, Func<Tensor, Tensor, Tensor> perSample, bool higherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(perSample);
        return new MeanMetric(name, perSample, higherIsBetter);
    }

    /// <summary>The metric Keras's <c>compile(metrics=["…"])</c> names, e.g. <c>accuracy</c>, <c>auc</c>, <c>mae</c>.</summary>
    /// <exception cref="ArgumentException">The name is not one of Keras's metrics; the message lists them.</exception>
    public static Metric FromName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (Names.TryGetValue(name.Trim().ToLowerInvariant(), out var create))
            return create();
        throw new ArgumentException($"'{name}' is not a metric. Known metrics: {string.Join(", ", Names.Keys)}.", nameof(name));
    }

    /// <summary>The metric names <see cref="FromName"/> accepts.</summary>
    public static IReadOnlyCollection<string> KnownNames => Names.Keys.ToArray();

    /// <summary>Whether a built-in metric logged as <paramref name="name"/> is better when higher, or <see langword="null"/> if none is.</summary>
    internal static bool? BuiltInDirection(string name) =>
        Names.TryGetValue(name, out var create) ? create().HigherIsBetter : null;

    /// <summary>Stacks a few float64 scalars into a batch's totals.</summary>
    private protected static Tensor Totals(params Tensor[] values) => stack(values.Select(v => v.to_type(ScalarType.Float64)).ToArray());

    /// <summary>The sum of <paramref name="values"/> and how many there are: the totals of a mean.</summary>
    private protected static Tensor SumAndCount(Tensor values) =>
        Totals(values.sum(type: ScalarType.Float64), tensor(values.numel(), ScalarType.Float64, device: values.device));

    /// <summary>a / b, or 0 when b is 0 (Keras's <c>divide_no_nan</c>).</summary>
    private protected static double DivideNoNan(double a, double b) => b == 0 ? 0 : a / b;
}
