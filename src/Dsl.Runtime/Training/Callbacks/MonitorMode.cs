namespace Dsl.Training;

/// <summary>Whether a monitored quantity should fall or rise (Keras's <c>mode</c>).</summary>
public enum MonitorMode
{
    /// <summary>Inferred from the name: <c>loss</c> and <c>val_loss</c> fall, <c>accuracy</c> and <c>val_accuracy</c> rise.</summary>
    Auto,

    /// <summary>Lower is better.</summary>
    Min,

    /// <summary>Higher is better.</summary>
    Max,
}
