namespace Dsl.Training;

/// <summary>
/// Derives the per-epoch seeds from <see cref="TrainerOptions.Seed"/>. Each epoch's shuffling and dropout depend only
/// on (seed, epoch), never on what ran before, so a run resumed from a checkpoint repeats an uninterrupted one.
/// </summary>
internal static class TrainingSeeds
{
    private const int ShuffleStream = 1;
    private const int DropoutStream = 2;

    /// <summary>Seed of the generator that draws epoch <paramref name="epoch"/>'s sample order.</summary>
    public static ulong Shuffle(int seed, int epoch) => Mix(seed, epoch, ShuffleStream);

    /// <summary>Seed given to TorchSharp's global generator (used by dropout) at the start of epoch <paramref name="epoch"/>.</summary>
    public static long Dropout(int seed, int epoch) => (long)(Mix(seed, epoch, DropoutStream) >> 1);

    // SplitMix64's finaliser: neighbouring (seed, epoch) pairs give unrelated generator seeds.
    private static ulong Mix(int seed, int epoch, int stream)
    {
        ulong z = ((ulong)(uint)seed << 32) ^ ((ulong)(uint)epoch << 2) ^ (uint)stream;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
