using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Serialization;

namespace Dsl.Training;

/// <summary>
/// Saves the model's weights after every epoch, or only when a monitored quantity improves: Keras's
/// <c>keras.callbacks.ModelCheckpoint</c>, with its arguments and file name template.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="FilePath"/> may hold Python-style fields filled from the epoch (from 1, as Keras fills <c>{epoch}</c>)
/// and the epoch logs: <c>checkpoints/model1-{epoch:02d}-{val_accuracy:.4f}.weights</c>. Unknown names are an error
/// when Fit starts, before any epoch.
/// </para>
/// <para>
/// The weights are written in TorchSharp's <c>module.save</c> format (load them with <c>model.load(path)</c>),
/// atomically. Keras can also save a whole model; a generated model is code, so only its weights are saved. For a
/// resumable checkpoint with optimizer state and history, use <see cref="Trainer.SaveCheckpoint(string)"/>.
/// The best value is kept in the trainer's checkpoints.
/// </para>
/// </remarks>
/// <example><code>
/// trainer.Callbacks.Add(new ModelCheckpoint("best.weights", monitor: "val_accuracy", saveBestOnly: true));
/// </code></example>
public sealed class ModelCheckpoint : Callback
{
    private readonly Monitor _monitor;
    private readonly double? _initialValueThreshold;

    /// <summary>Creates the callback; the arguments are Keras's.</summary>
    /// <param name="filePath">Where to save; may contain fields such as <c>{epoch:02d}</c> and <c>{val_loss:.4f}</c>.</param>
    /// <param name="monitor">The quantity that decides "best" with <paramref name="saveBestOnly"/>.</param>
    /// <param name="verbose">1 prints a line per decision.</param>
    /// <param name="saveBestOnly">Save only when <paramref name="monitor"/> improves on the best so far.</param>
    /// <param name="mode">Whether lower (<c>Min</c>) or higher (<c>Max</c>) is better; <c>Auto</c> infers it from the name.</param>
    /// <param name="initialValueThreshold">The initial "best": a first save needs to beat it.</param>
    /// <exception cref="FormatException">The file name template is malformed.</exception>
    /// <exception cref="ArgumentException"><c>Auto</c> cannot tell the direction of <paramref name="monitor"/>.</exception>
    public ModelCheckpoint(
        string filePath,
        string monitor = EpochLogs.ValidationLoss,
        int verbose = 0,
        bool saveBestOnly = false,
        MonitorMode mode = MonitorMode.Auto,
        double? initialValueThreshold = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        _ = PathTemplate.Names(filePath);
        _monitor = new Monitor(nameof(ModelCheckpoint), monitor, mode, 0);
        FilePath = filePath;
        Verbose = verbose;
        SaveBestOnly = saveBestOnly;
        _initialValueThreshold = initialValueThreshold;
        Best = initialValueThreshold;
    }

    /// <summary>The file name template.</summary>
    public string FilePath { get; }

    /// <summary>The quantity watched.</summary>
    public string Monitor => _monitor.Name;

    /// <summary>1 prints messages.</summary>
    public int Verbose { get; }

    /// <summary>Whether only improvements are saved.</summary>
    public bool SaveBestOnly { get; }

    /// <summary>The mode as given.</summary>
    public MonitorMode Mode => _monitor.Mode;

    /// <summary>The best value saved so far (or the initial threshold).</summary>
    public double? Best { get; private set; }

    /// <summary>The file written last, or <see langword="null"/>.</summary>
    public string? LastSaved { get; private set; }

    /// <inheritdoc />
    public override void OnTrainBegin(CallbackContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (SaveBestOnly)
        {
            context.RequireMetric(nameof(ModelCheckpoint), Monitor);
            _monitor.Resolve(context);
        }
        var unknown = PathTemplate.Names(FilePath).Where(n => n != "epoch" && !context.Metrics.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"ModelCheckpoint's file name '{FilePath}' uses {string.Join(", ", unknown.Select(n => "{" + n + "}"))}, which this run's logs do not have. Available: epoch, {string.Join(", ", context.Metrics)}.");
        }
        // Keras keeps the best value across fit() calls; nothing to reset.
    }

    /// <inheritdoc />
    public override void OnEpochEnd(CallbackContext context, int epoch, EpochLogs logs)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(logs);
        string path = PathTemplate.Format(FilePath, epoch, logs);
        if (SaveBestOnly)
        {
            double current = logs[Monitor];
            string best = Best is { } b ? b.ToString("F5", System.Globalization.CultureInfo.InvariantCulture) : "None";
            if (!_monitor.IsImprovement(current, Best))
            {
                if (Verbose > 0)
                    context.Log($"Epoch {epoch}: {Monitor} did not improve from {best}");
                return;
            }
            if (Verbose > 0)
                context.Log(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Epoch {epoch}: {Monitor} improved from {best} to {current:F5}, saving model to {path}"));
            Best = current;
        }
        else if (Verbose > 0)
        {
            context.Log($"Epoch {epoch}: saving model to {path}");
        }
        Save(context, path);
    }

    /// <inheritdoc />
    public override CallbackState GetState() => CallbackState.From(new State(Best, LastSaved));

    /// <inheritdoc />
    public override void SetState(CallbackState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var saved = state.Read<State>();
        Best = saved.Best ?? _initialValueThreshold;
        LastSaved = saved.LastSaved;
    }

    private void Save(CallbackContext context, string path)
    {
        if (Directory.Exists(path))
            throw new IOException($"ModelCheckpoint's file '{path}' is an existing folder; give a file name.");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
            Directory.CreateDirectory(folder);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            context.Model.save(writer);
            writer.Flush();
        }, AtomicFile.CreateNew);
        LastSaved = path;
    }

    private sealed record State(
        [property: JsonPropertyName("best")] double? Best,
        [property: JsonPropertyName("last_saved")] string? LastSaved);
}
