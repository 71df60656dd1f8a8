using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Training;

namespace Dsl.Tool;

/// <summary>
/// <c>--optimizer</c> and <c>--learning-rate</c>: an optimizer by the name Keras's <c>compile(optimizer="…")</c> takes,
/// with Keras's defaults for everything but the learning rate.
/// </summary>
internal static class OptimizerChoice
{
    private static readonly IReadOnlyDictionary<string, Func<double?, OptimizerSettings>> Names = new Dictionary<string, Func<double?, OptimizerSettings>>(StringComparer.Ordinal)
    {
        ["adam"] = lr => lr is { } r ? OptimizerSettings.Adam(r) : OptimizerSettings.Adam(),
        ["adamw"] = lr => lr is { } r ? OptimizerSettings.AdamW(r) : OptimizerSettings.AdamW(),
        ["sgd"] = lr => lr is { } r ? OptimizerSettings.Sgd(r) : OptimizerSettings.Sgd(),
        ["rmsprop"] = lr => lr is { } r ? OptimizerSettings.RmsProp(r) : OptimizerSettings.RmsProp(),
        ["adagrad"] = lr => lr is { } r ? OptimizerSettings.Adagrad(r) : OptimizerSettings.Adagrad(),
        ["nadam"] = lr => lr is { } r ? OptimizerSettings.Nadam(r) : OptimizerSettings.Nadam(),
    };

    /// <summary>The names <see cref="For"/> accepts.</summary>
    public static IEnumerable<string> Known => Names.Keys;

    /// <exception cref="UsageException">The name is not one of Keras's optimizers, or the learning rate is not positive.</exception>
    public static OptimizerSettings For(string name, double? learningRate)
    {
        if (!Names.TryGetValue(name.Trim().ToLowerInvariant(), out var create))
            throw new UsageException($"--optimizer '{name}' is not an optimizer; use one of {string.Join(", ", Known)}.");
        if (learningRate is { } rate && !(rate > 0 && double.IsFinite(rate)))
            throw new UsageException($"--learning-rate must be a positive number (Adam's default is 0.001), not {rate}.");
        return create(learningRate);
    }
}
