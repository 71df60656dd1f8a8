using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Training;

namespace Dsl.Tool;

/// <summary>
/// The loss <c>dsl train</c> minimises and the metrics it reports: the one <c>--loss</c> names (Keras's names), or the
/// one a Keras user would pick for the model's output: softmax over classes → sparse categorical cross-entropy,
/// sigmoid → binary cross-entropy, anything else (linear) → mean squared error. A cross-entropy on an output without
/// an activation is computed from logits (Keras's <c>from_logits=True</c>), so the choice is right either way.
/// </summary>
internal sealed record LossChoice(Loss Loss, string Name, string Reason, TargetKind Targets, IReadOnlyList<Metric> Metrics)
{
    private static readonly string[] Classification = ["sparse_categorical_crossentropy", "categorical_crossentropy"];

    /// <summary>Whether the model is trained as a classifier of one class per sample (accuracy, a confusion matrix).</summary>
    public bool IsClassifier => Targets is TargetKind.ClassIndices or TargetKind.OneHot;

    /// <exception cref="UsageException">The loss is unknown, or does not fit the output.</exception>
    public static LossChoice For(ModelInfo model, string? requested)
    {
        var output = model.Outputs[0];
        bool logits = output.Activation is Activation.None or Activation.LogSoftmax;
        string name;
        string reason;
        if (requested is null)
        {
            (name, reason) = output.Activation switch
            {
                Activation.Softmax or Activation.LogSoftmax when output.Shape.Count == 1 && output.Shape[0] >= 2 =>
                    ("sparse_categorical_crossentropy", $"the output is {output.Activation.ToString().ToLowerInvariant()} over {output.Shape[0]} classes"),
                Activation.Sigmoid => ("binary_crossentropy", $"the output is sigmoid over ({Shape(output.Shape)})"),
                Activation.None => ("mean_squared_error", $"the output ({Shape(output.Shape)}) is linear"),
                var other => ("mean_squared_error", $"the output ({Shape(output.Shape)}) uses {other}, not softmax or sigmoid"),
            };
        }
        else
        {
            name = Canonical(requested);
            reason = "--loss";
        }

        Loss loss = name switch
        {
            "sparse_categorical_crossentropy" => Loss.SparseCategoricalCrossentropy(fromLogits: logits),
            "categorical_crossentropy" => Loss.CategoricalCrossentropy(fromLogits: logits),
            "binary_crossentropy" => Loss.BinaryCrossentropy(fromLogits: output.Activation == Activation.None),
            _ => Loss.FromName(name),
        };
        if (Classification.Contains(name) && (output.Shape.Count != 1 || output.Shape[0] < 2))
        {
            throw new UsageException($"--loss {name} needs one score per class, but {model.Name}'s output is ({Shape(output.Shape)}); " +
                "end the model with a dense layer of one unit per class (softmax), or choose another loss (binary_crossentropy for a yes/no output, mse for numbers).");
        }
        var targets = name switch
        {
            "sparse_categorical_crossentropy" => TargetKind.ClassIndices,
            "categorical_crossentropy" => TargetKind.OneHot,
            "binary_crossentropy" => TargetKind.Binary,
            _ => TargetKind.Values,
        };
        IReadOnlyList<Metric> metrics = targets == TargetKind.Values ? [Metric.MeanAbsoluteError()] : [Metric.Accuracy()];
        return new LossChoice(loss, name, reason, targets, metrics);
    }

    /// <summary>The class-index loss's one-hot twin, for labels that come one-hot (N, classes).</summary>
    public LossChoice WithOneHotLabels(ModelInfo model) =>
        this with
        {
            Loss = Loss.CategoricalCrossentropy(fromLogits: model.Outputs[0].Activation is Activation.None or Activation.LogSoftmax),
            Name = "categorical_crossentropy",
            Reason = Reason + ", and the labels are one-hot rows",
            Targets = TargetKind.OneHot,
        };

    /// <summary>Keras's name for a loss (its aliases, e.g. <c>mse</c>, resolved by the runtime), or a usage error listing the known ones.</summary>
    private static string Canonical(string requested)
    {
        try
        {
            return Loss.FromName(requested).Name;
        }
        catch (ArgumentException)
        {
            throw new UsageException($"--loss '{requested}' is not a loss; use one of Keras's names: {string.Join(", ", Loss.KnownNames)}.");
        }
    }

    private static string Shape(IReadOnlyList<int> shape) => string.Join(", ", shape);
}
