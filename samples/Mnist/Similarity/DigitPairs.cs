using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Samples.Mnist.Similarity;

/// <summary>
/// Pairs of digits as Keras's siamese example makes them (<c>make_pairs</c>): for every digit, one pair with a digit of
/// the same class (label 0) and one with a digit of another class (label 1), so half the pairs match. The partner of the
/// same class is any digit of that class, possibly the digit itself, as Keras's <c>random.choice</c> allows; the other
/// class is drawn uniformly among the rest.
/// </summary>
internal sealed record DigitPairs(Tensor Left, Tensor Right, Tensor Labels)
{
    /// <summary>The label of a pair of the same digit, as the example's contrastive loss expects it.</summary>
    public const float Same = 0;

    /// <summary>The label of a pair of two different digits.</summary>
    public const float Different = 1;

    /// <summary>Pairs for <paramref name="images"/> (N, 1, 28, 28) with their class <paramref name="labels"/> (N): 2N pairs, in the example's order.</summary>
    /// <exception cref="ArgumentException">The images hold fewer than two classes, so no pair of different digits can be made.</exception>
    public static DigitPairs Make(Tensor images, Tensor labels, Random random, string what)
    {
        var classes = labels.data<long>().ToArray();
        var byClass = classes.Select((label, index) => (label, index)).GroupBy(p => p.label).ToDictionary(g => g.Key, g => g.Select(p => (long)p.index).ToArray());
        if (byClass.Count < 2)
            throw new ArgumentException($"The {what} digits hold {byClass.Count} class(es); pairs of different digits need at least two. Use more digits (--train-limit).");
        var present = byClass.Keys.Order().ToArray();

        var left = new long[2 * classes.Length];
        var right = new long[2 * classes.Length];
        var pairLabels = new float[2 * classes.Length];
        for (int i = 0; i < classes.Length; i++)
        {
            long label = classes[i];
            left[2 * i] = i;
            right[2 * i] = Pick(byClass[label], random);
            pairLabels[2 * i] = Same;

            long other;
            do
                other = present[random.Next(present.Length)];
            while (other == label);
            left[(2 * i) + 1] = i;
            right[(2 * i) + 1] = Pick(byClass[other], random);
            pairLabels[(2 * i) + 1] = Different;
        }
        return new DigitPairs(images.index_select(0, tensor(left)), images.index_select(0, tensor(right)), tensor(pairLabels));
    }

    /// <summary>The number of pairs.</summary>
    public long Count => Labels.shape[0];

    /// <summary>Both digits of every pair, as the model's inputs (left, right).</summary>
    public IReadOnlyList<Tensor> Inputs => new[] { Left, Right };

    private static long Pick(long[] indices, Random random) => indices[random.Next(indices.Length)];
}
