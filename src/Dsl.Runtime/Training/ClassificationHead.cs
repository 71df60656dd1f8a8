using System;
using System.Linq;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Dsl.Training;

/// <summary>
/// Decides once, when a trainer is built, how the model's output becomes class scores and a loss, so that the
/// loss is always computed from logits or log-probabilities (numerically stable) and never as log(softmax).
/// </summary>
internal sealed class ClassificationHead
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly IGeneratedModel? _generated;

    private ClassificationHead(nn.Module<Tensor, Tensor> model, ClassifierOutput output, int? classes)
    {
        _model = model;
        _generated = model as IGeneratedModel;
        Output = output;
        Classes = classes;
    }

    /// <summary>How the output is read.</summary>
    public ClassifierOutput Output { get; }

    /// <summary>The number of classes when known at compile time (generated models), else <see langword="null"/>.</summary>
    public int? Classes { get; }

    /// <summary>The model's name for messages and checkpoints: the generated class's full name or the module's type.</summary>
    public static string ModelName(nn.Module<Tensor, Tensor> model) =>
        model is IGeneratedModel generated ? generated.Info.FullName : model.GetType().FullName ?? model.GetType().Name;

    /// <summary>Inspects <paramref name="model"/>; throws <see cref="ArgumentException"/> when its output cannot feed cross-entropy.</summary>
    public static ClassificationHead For(nn.Module<Tensor, Tensor> model)
    {
        if (model is not IGeneratedModel generated)
            return new ClassificationHead(model, ClassifierOutput.Logits, null);

        var info = generated.Info;
        if (info.OutputShape.Count != 1)
        {
            throw new ArgumentException(
                $"{info.Name} outputs shape ({string.Join(", ", info.OutputShape)}) per sample, but categorical cross-entropy needs one score " +
                "per class. End the model with [Flatten] (or [GlobalAvgPool2D]) and [Dense(classes, Activation = Activation.Softmax)].",
                nameof(model));
        }
        int classes = info.OutputShape[0];
        if (classes < 2)
        {
            throw new ArgumentException(
                $"{info.Name} has a single output unit, but categorical cross-entropy needs at least two classes; " +
                "for a yes/no task declare [Dense(2, Activation = Activation.Softmax)].",
                nameof(model));
        }

        var output = info.OutputActivation switch
        {
            Activation.Softmax => ClassifierOutput.Probabilities,
            Activation.LogSoftmax => ClassifierOutput.LogProbabilities,
            Activation.None => ClassifierOutput.Logits,
            var other => throw new ArgumentException(
                $"{info.Name}'s last layer ({info.Layers.Last().Name}) uses a {other} activation, whose output is neither class probabilities, " +
                "log-probabilities nor logits, so categorical cross-entropy cannot be computed from it. Declare the last Dense layer with " +
                "Activation = Activation.Softmax (as Keras's categorical_crossentropy expects), Activation.LogSoftmax, or no activation (logits).",
                nameof(model)),
        };
        return new ClassificationHead(model, output, classes);
    }

    /// <summary>
    /// The class scores the loss is computed from: logits, or log-probabilities for a log-softmax model.
    /// Their argmax is the predicted class in every case.
    /// </summary>
    public Tensor Scores(Tensor input) => Output == ClassifierOutput.Probabilities
        ? _generated!.ForwardLogits(input)
        : _model.forward(input);

    /// <summary>Categorical cross-entropy of <paramref name="scores"/> against integer <paramref name="labels"/>.</summary>
    public Tensor Loss(Tensor scores, Tensor labels, nn.Reduction reduction = nn.Reduction.Mean) => Output == ClassifierOutput.LogProbabilities
        ? F.nll_loss(scores, labels, reduction: reduction)
        : F.cross_entropy(scores, labels, reduction: reduction);

    /// <summary>Adds how many predictions equal <paramref name="labels"/> to <paramref name="total"/> (int64, on the scores' device) without reading it.</summary>
    public static void AddCorrect(Tensor scores, Tensor labels, Tensor total)
    {
        using var predicted = scores.argmax(1);
        using var hits = predicted.eq(labels);
        using var count = hits.sum();
        total.add_(count);
    }

    /// <summary>How many predictions (argmax of <paramref name="scores"/>) equal <paramref name="labels"/>.</summary>
    public static long CountCorrect(Tensor scores, Tensor labels)
    {
        using var predicted = scores.argmax(1);
        using var hits = predicted.eq(labels);
        using var count = hits.sum();
        return count.item<long>();
    }
}
