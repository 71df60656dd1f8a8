using System;
using System.Collections.Generic;
using System.IO;
using TorchSharp.Modules;
using static TorchSharp.torch.utils;

namespace Dsl.Training;

/// <summary>
/// Writes TensorBoard event files with TorchSharp's own <c>torch.utils.tensorboard.SummaryWriter</c>, laid out as Keras's
/// <c>keras.callbacks.TensorBoard</c> lays them out: <c>&lt;logDir&gt;/train</c> gets <c>epoch_loss</c>,
/// <c>epoch_accuracy</c> and <c>epoch_learning_rate</c>, <c>&lt;logDir&gt;/validation</c> gets <c>epoch_loss</c> and
/// <c>epoch_accuracy</c>, so TensorBoard overlays the two. The step is Keras's 0-based epoch index.
/// </summary>
/// <remarks>
/// View with <c>tensorboard --logdir &lt;logDir&gt;</c>. A resumed run adds a new event file beside the earlier
/// ones; TensorBoard reads them together. <see cref="AddImage"/> adds a picture such as a confusion matrix.
/// </remarks>
/// <example><code>
/// trainer.Callbacks.Add(new TensorBoard("logs/model1"));
/// </code></example>
public sealed class TensorBoard : Callback
{
    /// <summary>The subfolder of training scalars.</summary>
    public const string TrainRun = "train";

    /// <summary>The subfolder of validation scalars.</summary>
    public const string ValidationRun = "validation";

    private readonly Dictionary<string, SummaryWriter> _writers = new(StringComparer.Ordinal);

    /// <summary>Writes under <paramref name="logDir"/>, creating it.</summary>
    public TensorBoard(string logDir = "logs")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logDir);
        LogDir = logDir;
    }

    /// <summary>The root folder of the event files.</summary>
    public string LogDir { get; }

    /// <inheritdoc />
    public override void OnEpochEnd(CallbackContext context, int epoch, EpochLogs logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        int step = epoch - 1;
        foreach (var (name, value) in logs)
        {
            bool validation = name.StartsWith("val_", StringComparison.Ordinal);
            string tag = "epoch_" + (validation ? name["val_".Length..] : name);
            Writer(validation ? ValidationRun : TrainRun).add_scalar(tag, (float)value, step);
        }
    }

    /// <summary>Adds a PNG as an image summary under <paramref name="tag"/>, in the subfolder <paramref name="run"/>.</summary>
    /// <param name="tag">The image's name in TensorBoard, e.g. <c>confusion_matrix</c>.</param>
    /// <param name="pngFile">The picture.</param>
    /// <param name="step">The step to show it at (e.g. the last epoch's index).</param>
    /// <param name="run">The subfolder, e.g. <c>test</c>.</param>
    public void AddImage(string tag, string pngFile, int step, string run = TrainRun)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        ArgumentException.ThrowIfNullOrWhiteSpace(run);
        if (!File.Exists(pngFile))
            throw new FileNotFoundException($"There is no image at '{pngFile}'.", pngFile);
        Writer(run).add_img(tag, pngFile, step);
    }

    private SummaryWriter Writer(string run)
    {
        if (!_writers.TryGetValue(run, out var writer))
        {
            writer = tensorboard.SummaryWriter(Path.Combine(LogDir, run));
            _writers.Add(run, writer);
        }
        return writer;
    }
}
