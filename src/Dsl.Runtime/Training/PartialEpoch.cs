namespace Dsl.Training;

/// <summary>
/// An epoch that was started but not finished: Fit was cancelled after <paramref name="Steps"/> of its steps, or a
/// checkpoint saved in the middle of it was loaded. The next <c>Fit</c> trains its remaining steps, then goes on.
/// </summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Steps">Steps (batches) of it already trained.</param>
/// <param name="Samples">Samples of it already trained on.</param>
public sealed record PartialEpoch(int Epoch, int Steps, long Samples);
