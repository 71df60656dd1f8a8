using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// What a trainer minimises and measures, decided once from its options and the model (Keras's <c>compile</c>): a loss,
/// loss weight and metrics per output, the names they are logged under, and the running totals of an epoch.
/// </summary>
internal sealed class TrainingObjective
{
    private readonly Head[] _heads;
    // Keras's class_weight as a lookup table, built once: entry c is class c's weight, 1 for classes not listed; the
    // last entry (1) stands for every class above the highest listed, so a batch needs no read of its largest class.
    private readonly float[]? _classWeights;

    private TrainingObjective(Head[] heads, IReadOnlyDictionary<int, double>? classWeight)
    {
        _heads = heads;
        if (classWeight is not null)
        {
            _classWeights = Enumerable.Repeat(1f, Math.Max(classWeight.Keys.DefaultIfEmpty(0).Max(), 0) + 2).ToArray();
            foreach (var (index, weight) in classWeight)
                _classWeights[index] = (float)weight;
        }
    }

    /// <summary>The outputs' losses, weights and metrics, in the model's output order.</summary>
    public IReadOnlyList<Head> Heads => _heads;

    /// <summary>Whether the per-output losses are logged too (models with several outputs, as Keras logs them).</summary>
    private bool Several => _heads.Length > 1;

    /// <summary>The length of an epoch's running totals: per-output loss sums, then every metric's slots.</summary>
    public int Slots { get; private set; }

    /// <summary>Builds the objective from <paramref name="options"/>; throws <see cref="ArgumentException"/> for a model it cannot train.</summary>
    public static TrainingObjective For(ModelRunner runner, TrainerOptions options, string modelName)
    {
        var names = runner.OutputNames;
        foreach (var name in (options.OutputLosses?.Keys ?? Enumerable.Empty<string>())
            .Concat(options.LossWeights?.Keys ?? Enumerable.Empty<string>())
            .Concat(options.OutputMetrics?.Keys ?? Enumerable.Empty<string>()))
        {
            if (!names.Contains(name, StringComparer.Ordinal))
                throw new ArgumentException($"TrainerOptions names output '{name}', but {modelName}'s outputs are {string.Join(", ", names)}.", "options");
        }
        if (options.ClassWeight is not null && names.Count != 1)
            throw new ArgumentException($"TrainerOptions.ClassWeight applies to a model with one output; {modelName} has {names.Count}. Pass sample weights instead.", "options");

        var heads = new Head[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            string name = names[i];
            var info = runner.Outputs[i];
            bool inferred = false;
            var loss = options.OutputLosses?.GetValueOrDefault(name) ?? options.Loss;
            if (loss is null)
            {
                loss = DefaultLoss(runner, info, modelName);
                inferred = true;
            }
            var metrics = (options.Metrics ?? (inferred ? new[] { Metric.Accuracy() } : Array.Empty<Metric>()))
                .Concat(options.OutputMetrics?.GetValueOrDefault(name) ?? Array.Empty<Metric>())
                .ToArray();
            if (metrics.Any(m => m is null))
                throw new ArgumentException("TrainerOptions.Metrics holds a null metric.", "options");
            var duplicate = metrics.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                throw new ArgumentException($"Output '{name}' has two metrics named '{duplicate.Key}'; give one a name of its own (every factory takes a name).", "options");
            heads[i] = new Head(i, name, info, loss, options.LossWeights?.GetValueOrDefault(name, 1.0) ?? 1.0, metrics, names.Count > 1 ? name + "_" : "");
        }
        return new TrainingObjective(heads, options.ClassWeight);
    }

    /// <summary>The names an epoch's logs hold, in order: the loss, each output's loss (several outputs), the metrics; then the same with <c>val_</c>.</summary>
    public IReadOnlyList<string> LogNames(bool validation)
    {
        var names = new List<string> { EpochLogs.Loss };
        if (Several)
            names.AddRange(_heads.Select(h => h.Prefix + "loss"));
        names.AddRange(_heads.SelectMany(h => h.Metrics.Select(m => h.Prefix + m.Name)));
        if (validation)
            names.AddRange(names.ToArray().Select(n => "val_" + n));
        return names;
    }

    /// <summary>Whether larger values of the log <paramref name="name"/> (without <c>val_</c>) are better, or <see langword="null"/> if it is not one of this objective's metrics.</summary>
    public bool? HigherIsBetter(string name)
    {
        string metric = name.StartsWith("val_", StringComparison.Ordinal) ? name["val_".Length..] : name;
        foreach (var head in _heads)
        {
            foreach (var m in head.Metrics)
            {
                if (head.Prefix + m.Name == metric)
                    return m.HigherIsBetter;
            }
        }
        return null;
    }

    /// <summary>Checks a data set's targets (one per output) and returns them as the losses take them.</summary>
    public Tensor[] PrepareTargets(IReadOnlyList<Tensor> targets, string argument)
    {
        if (targets.Count != _heads.Length)
        {
            throw new ArgumentException(
                $"{argument} must hold one target per output of the model, {_heads.Length} ({string.Join(", ", _heads.Select(h => h.Name))}), but holds {targets.Count}.", argument);
        }
        var prepared = new Tensor[targets.Count];
        for (int i = 0; i < targets.Count; i++)
        {
            var head = _heads[i];
            string which = targets.Count == 1 ? argument : $"{argument}[{i}] ('{head.Name}')";
            if (targets[i].Dimensions < 1)
                throw new ArgumentException($"{which} must hold a target per sample, (N, …), but is a scalar.", argument);
            prepared[i] = head.Loss.PrepareTargets(targets[i], head.Info, which);
        }
        return prepared;
    }

    /// <summary>
    /// The batch's total loss (Σ loss weight × output loss, each the weighted sum over the batch's loss values divided
    /// by their number, Keras's <c>sum_over_batch_size</c>), and each output's loss.
    /// </summary>
    public (Tensor Total, Tensor[] PerOutput) Loss(ModelOutput[] outputs, Tensor[] targets, Tensor? sampleWeight)
    {
        var weights = ClassWeights(targets, sampleWeight);
        Tensor? total = null;
        var perOutput = new Tensor[_heads.Length];
        for (int i = 0; i < _heads.Length; i++)
        {
            var head = _heads[i];
            var values = head.Loss.Compute(targets[i], outputs[i]);
            if (values.Dimensions == 0 || values.shape[0] != targets[i].shape[0])
            {
                throw new InvalidOperationException(
                    $"Loss '{head.Loss.Name}' returned shape ({string.Join(", ", values.shape)}) for a batch of {targets[i].shape[0]}; a loss returns one value per sample (or more, samples first).");
            }
            if (weights is not null)
                values = values * weights.reshape(new[] { weights.shape[0] }.Concat(Enumerable.Repeat(1L, (int)values.Dimensions - 1)).ToArray());
            var reduced = weights is null ? values.mean() : values.sum() / values.numel();
            perOutput[i] = reduced;
            var weighted = head.Weight == 1.0 ? reduced : reduced * head.Weight;
            total = total is null ? weighted : total + weighted;
        }
        return (total!, perOutput);
    }

    /// <summary>
    /// Whether the metrics that depend on the data are settled (<see cref="Resolve"/> has seen a batch).
    /// </summary>
    public bool IsResolved => _heads.All(h => h.Resolved is not null);

    /// <summary>
    /// Settles the metrics that depend on the data (<c>"accuracy"</c>) from a first batch's targets and outputs, and so
    /// <see cref="Slots"/>; later calls do nothing.
    /// </summary>
    public void Resolve(ModelOutput[] outputs, Tensor[] targets)
    {
        if (_heads.All(h => h.Resolved is not null))
            return;
        for (int i = 0; i < _heads.Length; i++)
            _heads[i].Resolve(targets[i], outputs[i].Scores.shape);
        Slots = (Several ? _heads.Length : 0) + _heads.Sum(h => h.Resolved!.Sum(m => m.Slots));
    }

    /// <summary>
    /// Adds a batch of <paramref name="count"/> samples to the epoch's totals (on the device, without reading them);
    /// <paramref name="sums"/> is created, <see cref="Slots"/> long, on the first batch.
    /// </summary>
    public void Accumulate(ref Tensor? sums, ModelOutput[] outputs, Tensor[] targets, Tensor[] perOutputLoss, long count)
    {
        Resolve(outputs, targets);
        sums ??= zeros(Slots, ScalarType.Float64, device: targets[0].device).DetachFromDisposeScope();
        int offset = 0;
        if (Several)
        {
            for (int i = 0; i < _heads.Length; i++)
                sums[offset++].add_(perOutputLoss[i].detach().to_type(ScalarType.Float64) * count);
        }
        for (int i = 0; i < _heads.Length; i++)
        {
            foreach (var metric in _heads[i].Resolved!)
            {
                var totals = metric.BatchTotals(targets[i], outputs[i]);
                if (totals.Dimensions != 1 || totals.shape[0] != metric.Slots)
                    throw new InvalidOperationException($"Metric '{metric.Name}' returned totals shaped ({string.Join(", ", totals.shape)}), not its {metric.Slots} slots.");
                sums.narrow(0, offset, metric.Slots).add_(totals);
                offset += metric.Slots;
            }
        }
    }

    /// <summary>The logs of a pass: the mean loss, each output's mean loss, each metric from the totals; names prefixed with <paramref name="prefix"/>.</summary>
    public List<KeyValuePair<string, double>> Logs(double meanLoss, ReadOnlySpan<double> sums, long samples, string prefix)
    {
        var logs = new List<KeyValuePair<string, double>> { new(prefix + EpochLogs.Loss, meanLoss) };
        int offset = 0;
        if (Several)
        {
            foreach (var head in _heads)
                logs.Add(new(prefix + head.Prefix + "loss", sums[offset++] / samples));
        }
        foreach (var head in _heads)
        {
            foreach (var metric in head.Resolved ?? Array.Empty<Metric>())
            {
                logs.Add(new(prefix + head.Prefix + metric.Name, metric.Result(sums.Slice(offset, metric.Slots))));
                offset += metric.Slots;
            }
        }
        return logs;
    }

    /// <summary>Sample weights times class weights, or <see langword="null"/> when neither is given.</summary>
    private Tensor? ClassWeights(Tensor[] targets, Tensor? sampleWeight)
    {
        if (_classWeights is null)
            return sampleWeight?.to_type(ScalarType.Float32);
        var target = targets[0];
        // Keras: the class of a sample is its index, the argmax of a one-hot row, or a binary target rounded.
        var classes = target.is_floating_point()
            ? (target.Dimensions >= 2 && target.shape[^1] > 1 ? target.argmax(-1) : target.round().to_type(ScalarType.Int64))
            : target;
        classes = classes.reshape(classes.shape[0], -1)[.., 0].clamp_max(_classWeights.Length - 1);
        var weights = tensor(_classWeights, device: target.device).index_select(0, classes);
        return sampleWeight is null ? weights : weights * sampleWeight.to_type(ScalarType.Float32);
    }

    private static Loss DefaultLoss(ModelRunner runner, OutputInfo? info, string modelName)
    {
        if (runner.OutputNames.Count != 1)
        {
            throw new ArgumentException(
                $"{modelName} has {runner.OutputNames.Count} outputs ({string.Join(", ", runner.OutputNames)}); say how to train each: set TrainerOptions.Loss " +
                "(for every output) or TrainerOptions.OutputLosses (by output name), as Keras's compile(loss=…) does.", "model");
        }
        if (info is null)
            return Training.Loss.SparseCategoricalCrossentropy(fromLogits: true);
        if (info.Shape.Count != 1)
        {
            throw new ArgumentException(
                $"{modelName} outputs shape ({string.Join(", ", info.Shape)}) per sample, but the default loss (categorical cross-entropy) needs one score " +
                "per class. Set TrainerOptions.Loss for this task (e.g. Loss.MeanSquaredError(), Loss.BinaryCrossentropy()), or end the model with " +
                "[Flatten] (or [GlobalAvgPool2D]) and [Dense(classes, Activation = Activation.Softmax)].", "model");
        }
        if (info.Shape[0] < 2)
        {
            throw new ArgumentException(
                $"{modelName} has a single output unit, but the default loss (categorical cross-entropy) needs at least two classes; for a yes/no task " +
                "set TrainerOptions.Loss = Loss.BinaryCrossentropy() (with a sigmoid output), for a regression Loss.MeanSquaredError().", "model");
        }
        return info.Activation switch
        {
            Activation.Softmax => Training.Loss.SparseCategoricalCrossentropy(),
            Activation.LogSoftmax or Activation.None => Training.Loss.SparseCategoricalCrossentropy(fromLogits: true),
            var other => throw new ArgumentException(
                $"{modelName}'s output layer ({info.Layer}) uses a {other} activation, whose output is neither class probabilities, " +
                "log-probabilities nor logits, so the default loss (categorical cross-entropy) cannot be computed from it. Declare the last Dense layer with " +
                "Activation = Activation.Softmax (as Keras's categorical_crossentropy expects), Activation.LogSoftmax, or no activation (logits); " +
                "or set TrainerOptions.Loss for another task (Loss.BinaryCrossentropy() for a sigmoid output).",
                "model"),
        };
    }

    /// <summary>One output's part of the objective.</summary>
    internal sealed class Head
    {
        public Head(int index, string name, OutputInfo? info, Loss loss, double weight, Metric[] metrics, string prefix)
        {
            Index = index;
            Name = name;
            Info = info;
            Loss = loss;
            Weight = weight;
            Metrics = metrics;
            Prefix = prefix;
        }

        public int Index { get; }

        public string Name { get; }

        public OutputInfo? Info { get; }

        public Loss Loss { get; }

        public double Weight { get; }

        /// <summary>The metrics as configured (<c>"accuracy"</c> unresolved).</summary>
        public Metric[] Metrics { get; }

        /// <summary>The metrics as computed, once a first batch has been seen; <see langword="null"/> before.</summary>
        public Metric[]? Resolved { get; private set; }

        /// <summary>What the output's logs are prefixed with: its name and <c>_</c> when the model has several outputs.</summary>
        public string Prefix { get; }

        public void Resolve(Tensor targets, long[] outputShape) => Resolved ??= Metrics.Select(m => m.ResolveFor(targets, outputShape)).ToArray();
    }
}
