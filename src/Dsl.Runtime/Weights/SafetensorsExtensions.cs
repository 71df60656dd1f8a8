using System;
using System.IO;
using Dsl.Training;
using TorchSharp;
using TorchSharp.PyBridge;

namespace Dsl;

/// <summary>
/// A model's weights as a <c>.safetensors</c> file (Hugging Face's format, readable by PyTorch, JAX and others),
/// under the same Keras-style keys as its <c>state_dict</c> (<c>conv2d_1.weight</c>,
/// <c>batch_normalization_1.running_mean</c>): every parameter and buffer. Written with TorchSharp.PyBridge.
/// </summary>
public static class SafetensorsExtensions
{
    /// <summary>
    /// Writes every parameter and buffer of <paramref name="model"/> to <paramref name="path"/>. The file is written
    /// beside its final name and renamed over it, so a failure never leaves a torn file.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    public static void SaveSafetensors(this torch.nn.Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } directory && !Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Cannot write '{full}': the folder '{directory}' does not exist.");
        AtomicFile.Write(full, stream => model.save_safetensors(stream, leaveOpen: true), AtomicFile.CreateNew);
    }

    /// <summary>
    /// Loads weights written by <see cref="SaveSafetensors"/> (or by PyTorch with the same keys) into <paramref name="model"/>.
    /// </summary>
    /// <param name="model">The model, of the architecture that wrote the file.</param>
    /// <param name="path">The <c>.safetensors</c> file.</param>
    /// <param name="strict">Whether every key of the model must be in the file and every key of the file in the model.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a safetensors file, or its keys or shapes do not fit the model.</exception>
    public static void LoadSafetensors(this torch.nn.Module model, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No safetensors file at '{Path.GetFullPath(path)}'.", path);
        try
        {
            model.load_safetensors(path, strict);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or EndOfStreamException or System.Text.Json.JsonException or OverflowException)
        {
            throw new InvalidDataException($"'{Path.GetFullPath(path)}' does not hold this model's weights as safetensors: {e.Message}", e);
        }
    }
}
