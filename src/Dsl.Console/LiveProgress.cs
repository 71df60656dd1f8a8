using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>verbose=1</c> on a terminal: a live Spectre.Console bar per epoch with samples done/total, ETA and the
/// running loss and accuracy, replaced by the Keras end-of-epoch line when the epoch finishes. It redraws four times a
/// second and asks the trainer for the running metrics as often (<see cref="IThrottledProgress"/>), not after every
/// batch: on a machine whose cores all train, every wake-up of the display thread holds up the others.
/// Use <see cref="ConsoleProgress.Create"/> to fall back to <see cref="LineProgress"/> when output is redirected.
/// </summary>
/// <remarks>
/// Spectre's live display blocks the thread that starts it, so each epoch's display runs on its own thread and the
/// training thread only sets values (Spectre's progress tasks are thread-safe). If the display cannot start (for
/// example another live display is already running), this falls back to plain end-of-epoch lines.
/// </remarks>
public sealed class LiveProgress : IThrottledProgress
{
    /// <summary>How often the bar is redrawn, and the running metrics read.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    private readonly IAnsiConsole _console;
    private LiveEpoch? _current;
    private bool _liveFailed;

    /// <summary>Draws on <paramref name="console"/>, e.g. <see cref="AnsiConsole.Console"/>.</summary>
    public LiveProgress(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
    }

    /// <inheritdoc />
    public TimeSpan MetricsInterval => RefreshInterval;

    /// <inheritdoc />
    public void EpochStarted(EpochPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Close();
        if (_liveFailed)
            return;
        var epoch = new LiveEpoch(_console, plan);
        if (epoch.Error is { } error)
        {
            _liveFailed = true;
            WriteLine($"(live progress unavailable: {error.Message}; printing one line per epoch)");
            return;
        }
        _current = epoch;
    }

    /// <inheritdoc />
    public void BatchCompleted(BatchProgress progress) => _current?.Update(progress);

    /// <inheritdoc />
    public void EpochCompleted(EpochPlan plan, EpochRecord record)
    {
        Close();
        WriteLine(KerasFormat.EpochLine(plan, record));
    }

    /// <inheritdoc />
    public void EpochAborted(EpochPlan plan, Exception reason)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Close();
        WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {plan.Epoch}/{plan.Epochs} stopped: {reason?.GetType().Name}"));
    }

    // Written raw once no live display is running, not through Spectre's renderer, which would hard-wrap the line at
    // the terminal's width: each line stays one line, easy to grep in a captured log.
    private void WriteLine(string line)
    {
        var writer = _console.Profile.Out.Writer;
        writer.WriteLine(line);
        writer.Flush();
    }

    private void Close()
    {
        _current?.Finish();
        _current = null;
    }

    /// <summary>One epoch's live display, running on its own thread until <see cref="Finish"/>.</summary>
    private sealed class LiveEpoch
    {
        private readonly ManualResetEventSlim _started = new();
        private readonly ManualResetEventSlim _finish = new();
        private readonly Thread _thread;
        private ProgressTask? _task;
        // The latest batch, with the latest metrics read (a batch between two reads has none of its own); formatted
        // only when the bar is drawn.
        private volatile BatchProgress? _latest;
        private EpochLogs? _metrics;

        public LiveEpoch(IAnsiConsole console, EpochPlan plan)
        {
            _thread = new Thread(() => Run(console, plan)) { IsBackground = true, Name = "Dsl.Training live progress" };
            _thread.Start();
            _started.Wait();
        }

        /// <summary>Why the display could not start, or <see langword="null"/>.</summary>
        public Exception? Error { get; private set; }

        public void Update(BatchProgress progress)
        {
            if (progress.Metrics is { } metrics)
                _metrics = metrics;
            else if (_metrics is not null)
                progress = progress with { Metrics = _metrics };
            _latest = progress;
            var task = _task;
            if (task is not null)
                task.Value = progress.SamplesDone;
        }

        public void Finish()
        {
            _finish.Set();
            _thread.Join();
            _started.Dispose();
            _finish.Dispose();
        }

        private void Run(IAnsiConsole console, EpochPlan plan)
        {
            try
            {
                var display = console.Progress();
                display.RefreshRate = RefreshInterval;
                display
                    .AutoClear(true)
                    .Columns(
                        new TaskDescriptionColumn { Alignment = Justify.Left },
                        new ProgressBarColumn { Width = 20 },
                        new TextColumn(task => string.Create(CultureInfo.InvariantCulture, $"{(long)task.Value}/{(long)task.MaxValue}")),
                        new TextColumn(_ => _latest is { } latest ? KerasFormat.Running(latest) : ""))
                    .Start(context =>
                    {
                        _task = context.AddTask(string.Create(CultureInfo.InvariantCulture, $"Epoch {plan.Epoch}/{plan.Epochs}"), maxValue: Math.Max(1, plan.Samples));
                        _started.Set();
                        _finish.Wait();
                    });
            }
            catch (Exception error)
            {
                // Never let a display failure escape on this thread (it would end the process); the training thread
                // reads Error once the display was meant to start and falls back to plain lines.
                Error ??= error;
            }
            finally
            {
                _started.Set();
            }
        }
    }

    /// <summary>A column showing text computed from the task at each refresh.</summary>
    private sealed class TextColumn : ProgressColumn
    {
        private readonly Func<ProgressTask, string> _text;

        public TextColumn(Func<ProgressTask, string> text) => _text = text;

        protected override bool NoWrap => true;

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) => new Text(_text(task));
    }
}
