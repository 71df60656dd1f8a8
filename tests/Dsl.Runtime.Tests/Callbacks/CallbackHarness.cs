using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Callbacks;

/// <summary>
/// Drives callbacks through a crafted history, in the order the trainer calls them (train begin; per epoch: begin,
/// logs, end, stop check; train end), without training: each epoch's monitored value is given, and the model's
/// weights are set to the epoch's number before the epoch ends, so restored weights tell which epoch they came from.
/// </summary>
internal sealed class CallbackHarness : IDisposable
{
    private readonly Callback[] _callbacks;

    public CallbackHarness(params Callback[] callbacks)
    {
        _callbacks = callbacks;
        Model = nn.Linear(2, 2);
    }

    public nn.Module<Tensor, Tensor> Model { get; }

    public double LearningRate { get; set; } = 0.1;

    /// <summary>The learning rate each epoch trained with.</summary>
    public List<double> LearningRates { get; } = new();

    public List<string> Messages { get; } = new();

    public History History { get; set; } = History.Empty;

    public CallbackContext? Context { get; private set; }

    /// <summary>
    /// Runs up to <paramref name="values"/>.Length epochs whose <paramref name="monitor"/> takes those values (other
    /// logs get fixed values); stops when a callback asks. Continues from <see cref="History"/> (a resumed run).
    /// </summary>
    public History Run(IReadOnlyList<double> values, string monitor = EpochLogs.ValidationLoss, bool validation = true, int? stopAfter = null)
    {
        string[] names = validation ? [EpochLogs.Loss, EpochLogs.Accuracy, EpochLogs.ValidationLoss, EpochLogs.ValidationAccuracy] : [EpochLogs.Loss, EpochLogs.Accuracy];
        var context = new CallbackContext(Model, () => LearningRate, v => LearningRate = v, values.Count, History, names, _ => null, Messages.Add);
        Context = context;
        foreach (var callback in _callbacks)
            callback.OnTrainBegin(context);
        for (int epoch = History.Count + 1; epoch <= values.Count && History.Stop is null; epoch++)
        {
            foreach (var callback in _callbacks)
                callback.OnEpochBegin(context, epoch);
            LearningRates.Add(LearningRate);
            SetWeights(epoch);
            var record = Record(epoch, values[epoch - 1], monitor, validation);
            History = History.Append(record);
            context.History = History;
            var logs = EpochLogs.From(record);
            foreach (var callback in _callbacks)
                callback.OnEpochEnd(context, epoch, logs);
            if (context.StopRequest is { } stop)
                History = History.WithStop(stop);
            if (stopAfter == epoch)
                return History; // an interruption: no train end
        }
        foreach (var callback in _callbacks)
            callback.OnTrainEnd(context);
        if (context.RestoredEpoch is { } restored && restored != History.Count)
            History = History.WithWeightsFrom(restored);
        return History;
    }

    /// <summary>The epoch number the model's weights were set to (see <see cref="Run"/>).</summary>
    public double WeightsEpoch()
    {
        var weight = Model.parameters().First();
        using var first = weight.flatten()[0];
        return first.item<float>();
    }

    public void Dispose() => Model.Dispose();

    private EpochRecord Record(int epoch, double value, string monitor, bool validation)
    {
        double loss = monitor == EpochLogs.Loss ? value : 1.0 / epoch;
        double accuracy = monitor == EpochLogs.Accuracy ? value : 0.5;
        double? valLoss = !validation ? null : monitor == EpochLogs.ValidationLoss ? value : 2.0 / epoch;
        double? valAccuracy = !validation ? null : monitor == EpochLogs.ValidationAccuracy ? value : 0.4;
        return new EpochRecord(epoch, loss, accuracy, valLoss, valAccuracy, 1.0) { LearningRate = LearningRate };
    }

    private void SetWeights(int epoch)
    {
        using var noGrad = torch.no_grad();
        foreach (var parameter in Model.parameters())
            parameter.fill_(epoch);
    }
}
