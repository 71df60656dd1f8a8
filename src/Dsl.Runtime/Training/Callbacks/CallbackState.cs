using System;
using System.Collections.Generic;
using System.Text.Json;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// A callback's state as kept in a checkpoint: JSON values (counters, best values) and optionally named tensors
/// (e.g. <see cref="EarlyStopping"/>'s best weights), saved beside the checkpoint in TorchSharp's format.
/// </summary>
public sealed class CallbackState
{
    private CallbackState(JsonElement values, IReadOnlyDictionary<string, Tensor> tensors)
    {
        Values = values;
        Tensors = tensors;
    }

    /// <summary>The JSON values.</summary>
    public JsonElement Values { get; }

    /// <summary>Named tensors (empty for most callbacks).</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    /// <summary>State from <paramref name="values"/> (serialised to JSON; NaN and infinities allowed) and optional tensors.</summary>
    public static CallbackState From<T>(T values, IReadOnlyDictionary<string, Tensor>? tensors = null) =>
        new(JsonSerializer.SerializeToElement(values, TrainingJson.Options), tensors ?? new Dictionary<string, Tensor>());

    /// <summary>State read back from a checkpoint.</summary>
    internal static CallbackState FromJson(JsonElement values, IReadOnlyDictionary<string, Tensor> tensors) => new(values.Clone(), tensors);

    /// <summary>The JSON values as a <typeparamref name="T"/>.</summary>
    /// <exception cref="JsonException">The values do not fit <typeparamref name="T"/>.</exception>
    public T Read<T>() =>
        Values.Deserialize<T>(TrainingJson.Options) ?? throw new JsonException($"A callback's saved state is null, not a {typeof(T).Name}.");
}
