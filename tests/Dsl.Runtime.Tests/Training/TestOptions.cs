using Dsl.Training;

namespace Dsl.Runtime.Tests.Training;

/// <summary>Trainer options for tests.</summary>
internal static class TestOptions
{
    /// <summary>
    /// Options with one thread: the models here are too small to gain from two, and on a busy shared machine two
    /// libtorch threads competing for two oversubscribed cores ran the same training 10-30 times slower (measured).
    /// </summary>
    public static TrainerOptions Create(int epochs = 1, int batchSize = 32, int seed = 0, OptimizerSettings? optimizer = null) => new()
    {
        Epochs = epochs,
        BatchSize = batchSize,
        Seed = seed,
        Optimizer = optimizer ?? OptimizerSettings.Adam(),
        Threads = 1,
    };
}
