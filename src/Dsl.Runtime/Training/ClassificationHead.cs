using System;
using System.Linq;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Dsl.Training;

/// <summary>
/// Decides once, when a trainer is built, how the model's inputs are passed and how its output becomes class scores and
/// a loss, so that the loss is always computed from logits or log-probabilities (numerically stable) and never as
/// log(softmax). A generated model takes one tensor per input, whatever their number; any other module, one tensor.
/// </summary>
internal sealed class ClassificationHead
{
    private readonly nn.Module<Tensor, Tensor>? _module;
    private readonly IGeneratedModel? _generated;

    private ClassificationHead(nn.Module<Tensor, Tensor>? module, IGeneratedModel? generated, ClassifierOutput output, int? classes)
    {
        _module = module;
        _generated = generated;
        Output = output;
        Classes = classes;
    }

    /// <summary>How the output is read.</summary>
    public ClassifierOutput Output { get; }

    /// <summary>The number of classes when known at compile time (generated models), else <see langword="null"/>.</summary>
    public int? Classes { get; }

    /// <summary>How many input tensors the model takes.</summary>
    public int InputCount => _generated?.Info.Inputs.Count ?? 1;

    /// <summary>The model's name for messages and checkpoints: the generated class's full name or the module's type.</summary>
    public static string ModelName(nn.Module model) =>
        model is IGeneratedModel generated ? generated.Info.FullName : model.GetType().FullName ?? model.GetType().Name;

    /// <summary>Inspects <paramref name="model"/>; throws <see cref="ArgumentException"/> when its output cannot feed cross-entropy.</summary>
    public static ClassificationHead For(nn.Module model)
    {
        if (model is not IGeneratedModel generated)
        {
            return model is nn.Module<Tensor, Tensor> module
                ? new ClassificationHead(module, null, ClassifierOutput.Logits, null)
                : throw new ArgumentException(
                    $"{ModelName(model)} is neither a generated model nor a Module<Tensor, Tensor>; the trainer passes one input tensor to other modules.", nameof(model));
        }

        var info = generated.Info;
        if (info.Outputs.Count != 1)
        {
            throw new ArgumentException(
                $"{info.Name} has {info.Outputs.Count} outputs ({string.Join(", ", info.Outputs.Select(o => o.Name))}), but this trainer fits a classifier " +
                "with one output and one loss. Declare a single [Output] (or none: the last layer) to train it here.",
                nameof(model));
        }
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
                $"{info.Name}'s output layer ({info.Outputs[0].Layer}) uses a {other} activation, whose output is neither class probabilities, " +
                "log-probabilities nor logits, so categorical cross-entropy cannot be computed from it. Declare the last Dense layer with " +
                "Activation = Activation.Softmax (as Keras's categorical_crossentropy expects), Activation.LogSoftmax, or no activation (logits).",
                nameof(model)),
        };
        return new ClassificationHead(null, generated, output, classes);
    }

    /// <summary>
    /// The class scores the loss is computed from: logits, or log-probabilities for a log-softmax model.
    /// Their argmax is the predicted class in every case.
    /// </summary>
    public Tensor Scores(Tensor[] inputs)
    {
        if (_generated is null)
            return _module!.forward(inputs[0]);
        return Output == ClassifierOutput.Probabilities ? _generated.RunLogits(inputs)[0] : _generated.Run(inputs)[0];
    }

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
