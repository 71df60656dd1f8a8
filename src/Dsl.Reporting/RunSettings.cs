using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Dsl.Reporting;

/// <summary>
/// Keeps a run folder to one set of settings per model: a finished record or an interrupted run's checkpoint made with
/// other settings is refused, saying which settings differ, rather than silently mixed with this run's.
/// </summary>
public static class RunSettings
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The file beside a checkpoint that records the settings it was made with.</summary>
    public static string FileFor(string checkpoint) => checkpoint + ".settings.json";

    /// <summary>
    /// Before resuming from <paramref name="checkpoint"/>: refuses a checkpoint made with other settings, then records
    /// <paramref name="config"/> as the settings of the checkpoints to come.
    /// </summary>
    /// <exception cref="IOException">The checkpoint was made with other settings.</exception>
    public static void CheckAndRecord(string checkpoint, RunConfig config, string model)
    {
        string file = FileFor(checkpoint);
        // A checkpoint from before settings were recorded beside it is resumed as before.
        if (File.Exists(checkpoint) && File.Exists(file))
        {
            RunConfig? saved;
            try
            {
                saved = JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(file), Json);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{file} is not readable ({e.Message}); delete it to resume {model} with this run's settings.", e);
            }
            if (saved is not null && saved != config)
            {
                throw new IOException(
                    $"{checkpoint} holds an interrupted run of {model} with other settings ({Differences(saved, config)}); " +
                    $"run again with the same settings to resume it, use a new --out folder, or delete {checkpoint}* to start {model} over.");
            }
        }
        File.WriteAllText(file, JsonSerializer.Serialize(config, Json));
    }

    /// <summary>The settings that differ, as "option: value in the folder, value now".</summary>
    public static string Differences(RunConfig saved, RunConfig now)
    {
        var differences = new List<string>();
        Add(differences, "--epochs", saved.Epochs, now.Epochs);
        Add(differences, "--batch-size", saved.BatchSize, now.BatchSize);
        Add(differences, "optimizer", saved.Optimizer, now.Optimizer);
        Add(differences, "--lr", saved.LearningRate, now.LearningRate);
        Add(differences, "--seed", saved.Seed, now.Seed);
        Add(differences, "--train-limit", saved.TrainLimit, now.TrainLimit);
        Add(differences, "training samples", saved.TrainSamples, now.TrainSamples);
        Add(differences, "test samples", saved.TestSamples, now.TestSamples);
        Add(differences, "--threads", saved.Threads, now.Threads);
        return differences.Count == 0 ? "the settings differ" : string.Join("; ", differences);
    }

    private static void Add<T>(List<string> differences, string name, T saved, T now)
    {
        if (!EqualityComparer<T>.Default.Equals(saved, now))
            differences.Add($"{name}: {Show(saved)} in the folder, {Show(now)} now");
    }

    private static string Show<T>(T value) => value switch
    {
        null => "none",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => string.Format(CultureInfo.InvariantCulture, "{0}", value),
    };
}
