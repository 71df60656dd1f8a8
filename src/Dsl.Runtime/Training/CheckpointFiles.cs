using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// A checkpoint on disk: the manifest at the chosen path (JSON: model, optimizer settings, history, file names and
/// hashes) plus files beside it, <c>&lt;name&gt;.e0005-1a2b3c4d.weights</c> (TorchSharp <c>module.save</c>),
/// <c>&lt;name&gt;.e0005-1a2b3c4d.optimizer</c> (the optimizer's state) and, when callbacks have tensors,
/// <c>….callbacks</c>. The last two are named-tensor files: a count, then per tensor its name and TorchSharp's own
/// serialisation of it (dtype, shape, data), so every value is restored bit for bit.
/// </summary>
/// <remarks>
/// Every save writes fresh, uniquely named data files and commits them by atomically replacing the manifest; only then
/// are the previous data files deleted. An interrupted or failed save therefore leaves the previous checkpoint whole.
/// </remarks>
internal static class CheckpointFiles
{
    /// <summary>Saves model weights, optimizer state and <paramref name="manifest"/>'s history at <paramref name="path"/>.</summary>
    public static void Save(string path, nn.Module model, KerasOptimizer optimizer, CheckpointManifest manifest, IReadOnlyDictionary<string, Tensor> callbackTensors, Func<string, Stream> open)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)!;
        string name = Path.GetFileName(fullPath);
        Directory.CreateDirectory(folder);

        string stem = string.Create(CultureInfo.InvariantCulture, $"{name}.e{manifest.History.Count:D4}-{AtomicFile.RandomHex()}");
        string weightsFile = stem + ".weights";
        string optimizerFile = stem + ".optimizer";
        string weightsPath = Path.Combine(folder, weightsFile);
        string optimizerPath = Path.Combine(folder, optimizerFile);
        string tensorsFile = callbackTensors.Count == 0 ? "" : stem + ".callbacks";
        string tensorsPath = Path.Combine(folder, stem + ".callbacks");
        try
        {
            AtomicFile.Write(weightsPath, stream => WithWriter(stream, writer => model.save(writer)), open);
            AtomicFile.Write(optimizerPath, stream => WithWriter(stream, writer => optimizer.WriteState(state => WriteTensors(writer, state))), open);
            if (tensorsFile.Length > 0)
                AtomicFile.Write(tensorsPath, stream => WithWriter(stream, writer => WriteTensors(writer, callbackTensors)), open);
            var committed = manifest with
            {
                CallbackTensorsFile = tensorsFile,
                CallbackTensorsSha256 = tensorsFile.Length == 0 ? "" : AtomicFile.Sha256(tensorsPath),
                Format = CheckpointManifest.CurrentFormat,
                SavedUtc = DateTime.UtcNow,
                WeightsFile = weightsFile,
                WeightsSha256 = AtomicFile.Sha256(weightsPath),
                OptimizerFile = optimizerFile,
                OptimizerSha256 = AtomicFile.Sha256(optimizerPath),
            };
            // The commit point: until this rename succeeds, the manifest still names the previous files.
            AtomicFile.Write(fullPath, stream => WriteManifest(stream, committed), open);
        }
        catch
        {
            AtomicFile.TryDelete(weightsPath);
            AtomicFile.TryDelete(optimizerPath);
            AtomicFile.TryDelete(tensorsPath);
            throw;
        }
        DeleteStaleFiles(folder, name, weightsFile, optimizerFile, tensorsFile);
    }

    /// <summary>Deletes the checkpoint at <paramref name="path"/>: its manifest first (so no half checkpoint is ever read), then its data files.</summary>
    public static void Delete(string path)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(folder))
            return;
        AtomicFile.TryDelete(fullPath);
        DeleteStaleFiles(folder, Path.GetFileName(fullPath), "", "", "");
    }

    /// <summary>Reads and validates the manifest at <paramref name="path"/>, without loading tensors.</summary>
    public static CheckpointManifest ReadManifest(string path)
    {
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new FileNotFoundException($"There is no checkpoint at '{fullPath}'.", fullPath);
        CheckpointManifest? manifest;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(fullPath));
            string body;
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(ManifestProperty, out var wrapped))
            {
                // Format 2: the manifest's text exactly as written, and its SHA-256 beside it.
                body = wrapped.GetRawText();
                string recorded = document.RootElement.TryGetProperty(ChecksumProperty, out var sum) && sum.ValueKind == JsonValueKind.String ? sum.GetString()! : "";
                if (!string.Equals(Sha256(body), recorded, StringComparison.OrdinalIgnoreCase))
                    throw new InvalidDataException($"Checkpoint '{fullPath}' is damaged: its manifest (history, settings, file list) does not match the SHA-256 recorded when it was saved. Delete the checkpoint to train from the start.");
            }
            else
            {
                body = document.RootElement.GetRawText();
            }
            // The format first: an older manifest's settings need not even deserialise into today's types.
            using (var parsed = JsonDocument.Parse(body))
            {
                if (parsed.RootElement.ValueKind != JsonValueKind.Object
                    || !parsed.RootElement.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.Number)
                    throw new InvalidDataException($"'{fullPath}' is not a checkpoint: its manifest has no format number.");
                if (!format.TryGetInt32(out int number) || number != CheckpointManifest.CurrentFormat)
                    throw new InvalidDataException(OlderFormat(fullPath, format.GetRawText()));
            }
            manifest = JsonSerializer.Deserialize<CheckpointManifest>(body, TrainingJson.Options);
        }
        catch (Exception error) when (error is JsonException or ArgumentException or NotSupportedException)
        {
            throw new InvalidDataException($"'{fullPath}' is not a readable checkpoint: {error.Message}", error);
        }
        if (manifest is null)
            throw new InvalidDataException($"'{fullPath}' is not a checkpoint: its manifest is empty.");
        if (!IsPlainFileName(manifest.WeightsFile) || !IsPlainFileName(manifest.OptimizerFile)
            || (manifest.CallbackTensorsFile.Length > 0 && !IsPlainFileName(manifest.CallbackTensorsFile)))
            throw new InvalidDataException($"'{fullPath}' names its data files with folders; a checkpoint's files must sit beside it.");
        return manifest;
    }

    /// <summary>
    /// Loads weights into <paramref name="model"/> and state into <paramref name="optimizer"/> after checking that the
    /// checkpoint belongs to this model and optimizer and that its files are intact. Returns the manifest.
    /// </summary>
    /// <param name="path">The manifest.</param>
    /// <param name="model">Receives the weights.</param>
    /// <param name="modelName">The model's name, checked against the manifest.</param>
    /// <param name="optimizer">Receives the optimizer state.</param>
    /// <param name="settings">The optimizer settings, checked against the manifest.</param>
    /// <param name="callbackTensors">The callbacks' tensors (owned by the caller), empty when the checkpoint has none.</param>
    /// <param name="refuse">Why the loading trainer must not resume this checkpoint (its recorded settings), or null to go on.</param>
    public static CheckpointManifest Load(string path, nn.Module model, string modelName, KerasOptimizer optimizer, OptimizerSettings settings, out Dictionary<string, Tensor> callbackTensors,
        Func<CheckpointManifest, string?>? refuse = null)
    {
        var manifest = ReadManifest(path);
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)!;
        if (!string.Equals(manifest.Model, modelName, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Checkpoint '{fullPath}' holds the weights of {manifest.Model}, but this trainer trains {modelName}. Load it into a {manifest.Model}, or pick another checkpoint path.");
        }
        if (manifest.Optimizer is null || manifest.Optimizer.Name != settings.Name)
        {
            throw new InvalidOperationException(
                $"Checkpoint '{fullPath}' holds {manifest.Optimizer?.Name ?? "no"} optimizer state, but this trainer uses {settings.Name}; " +
                $"resume with TrainerOptions.Optimizer set to {manifest.Optimizer?.Name ?? "the saved optimizer"}.");
        }

        if (refuse?.Invoke(manifest) is { } why)
        {
            throw new InvalidOperationException(
                $"Checkpoint '{fullPath}' was saved by a run with other settings ({why}); resume it with the same settings, or start over in another place.");
        }

        string weightsPath = Path.Combine(folder, manifest.WeightsFile);
        string optimizerPath = Path.Combine(folder, manifest.OptimizerFile);
        // Check both files before touching the model, so a damaged checkpoint changes nothing.
        Verify(weightsPath, manifest.WeightsSha256, fullPath);
        Verify(optimizerPath, manifest.OptimizerSha256, fullPath);
        string? tensorsPath = manifest.CallbackTensorsFile.Length == 0 ? null : Path.Combine(folder, manifest.CallbackTensorsFile);
        if (tensorsPath is not null)
            Verify(tensorsPath, manifest.CallbackTensorsSha256, fullPath);

        var optimizerState = ReadTensors(optimizerPath, fullPath, "the optimizer's state");
        Dictionary<string, Tensor>? callbacks = null;
        try
        {
            // Checked before the model changes, like the hashes.
            if (optimizer.Misfit(optimizerState) is { } misfit)
            {
                throw new InvalidDataException(
                    $"Checkpoint '{fullPath}': the optimizer state in '{manifest.OptimizerFile}' does not fit this trainer's {settings.Name} over {modelName} ({misfit}). Start a new run: delete the checkpoint or save to another path.");
            }
            callbacks = tensorsPath is null ? new Dictionary<string, Tensor>() : ReadTensors(tensorsPath, fullPath, "the callbacks' tensors");
            using (var stream = File.OpenRead(weightsPath))
                model.load(stream);
            optimizer.LoadState(optimizerState);
        }
        catch
        {
            if (callbacks is not null)
            {
                foreach (var tensor in callbacks.Values)
                    tensor.Dispose();
            }
            throw;
        }
        finally
        {
            foreach (var tensor in optimizerState.Values)
                tensor.Dispose();
        }
        callbackTensors = callbacks;
        return manifest;
    }

    /// <summary>Why a checkpoint of an older <paramref name="format"/> is refused, and what to do.</summary>
    private static string OlderFormat(string fullPath, string format) =>
        $"Checkpoint '{fullPath}' has format {format}; this version reads format {CheckpointManifest.CurrentFormat} only. " +
        "Checkpoints of format 1 and 2 hold the state of TorchSharp's Adam and SGD, which Keras's optimizers (used since format 3) cannot continue exactly. " +
        "Start a new run: delete the checkpoint or save to another path.";

    // Named tensors (the optimizer's state, the callbacks' tensors): a count, then per tensor its name and TorchSharp's own tensor serialisation.
    private static void WriteTensors(BinaryWriter writer, IReadOnlyDictionary<string, Tensor> tensors)
    {
        writer.Write(tensors.Count);
        foreach (var (name, tensor) in tensors)
        {
            writer.Write(name);
            TorchSharp.TensorExtensionMethods.Save(tensor, writer);
        }
    }

    private static Dictionary<string, Tensor> ReadTensors(string path, string manifestPath, string what)
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            int count = reader.ReadInt32();
            for (int i = 0; i < count; i++)
            {
                string name = reader.ReadString();
                tensors[name] = TorchSharp.TensorExtensionMethods.Load(reader).DetachFromDisposeScope();
            }
            return tensors;
        }
        catch (Exception error) when (error is EndOfStreamException or ArgumentException or InvalidOperationException)
        {
            foreach (var tensor in tensors.Values)
                tensor.Dispose();
            throw new InvalidDataException($"Checkpoint '{manifestPath}': {what} in '{Path.GetFileName(path)}' cannot be read: {error.Message}", error);
        }
    }

    private static void WithWriter(Stream stream, Action<BinaryWriter> write)
    {
        // leaveOpen: the atomic writer still has to flush the file to disk before renaming it.
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        write(writer);
        writer.Flush();
    }

    private const string ManifestProperty = "manifest";
    private const string ChecksumProperty = "manifestSha256";

    /// <summary>Writes <c>{ "manifestSha256": …, "manifest": { … } }</c>: the manifest's text and the SHA-256 of exactly that text.</summary>
    private static void WriteManifest(Stream stream, CheckpointManifest manifest)
    {
        string body = JsonSerializer.Serialize(manifest, TrainingJson.Options);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString(ChecksumProperty, Sha256(body));
        writer.WritePropertyName(ManifestProperty);
        writer.WriteRawValue(body, skipInputValidation: true);
        writer.WriteEndObject();
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static void Verify(string dataPath, string expectedSha256, string manifestPath)
    {
        if (!File.Exists(dataPath))
            throw new InvalidDataException($"Checkpoint '{manifestPath}' is incomplete: its file '{Path.GetFileName(dataPath)}' is missing.");
        if (!string.Equals(AtomicFile.Sha256(dataPath), expectedSha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"Checkpoint '{manifestPath}' is damaged: '{Path.GetFileName(dataPath)}' does not match the SHA-256 recorded when it was saved.");
    }

    private static bool IsPlainFileName(string file) =>
        file.Length > 0 && file == Path.GetFileName(file) && file is not "." and not "..";

    /// <summary>Deletes data files of earlier saves and temporary files of failed ones; best effort.</summary>
    private static void DeleteStaleFiles(string folder, string name, string weightsFile, string optimizerFile, string tensorsFile)
    {
        var ours = new Regex(
            "^" + Regex.Escape(name) + @"(\.e\d{4,}-[0-9a-f]{8}\.(weights|optimizer|callbacks)|(\.e\d{4,}-[0-9a-f]{8}\.(weights|optimizer|callbacks))?\.[0-9a-f]{8}\.tmp)$",
            RegexOptions.CultureInvariant);
        try
        {
            foreach (var file in Directory.EnumerateFiles(folder, name + ".*"))
            {
                string fileName = Path.GetFileName(file);
                if (fileName != weightsFile && fileName != optimizerFile && fileName != tensorsFile && ours.IsMatch(fileName))
                    AtomicFile.TryDelete(file);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
