using System;
using Samples.Mnist.Similarity;

namespace Mnist.Tests;

/// <summary>The siamese sample's ranking figure: the share of (different, same) pairs in which the different pair is farther apart, ties counting half.</summary>
public sealed class DistanceRankingTests
{
    [Fact]
    public void Every_different_pair_farther_than_every_same_pair_is_1()
    {
        // Different pairs at 0.4 and 0.8, same pairs at 0.1 and 0.35: all four comparisons go the right way.
        Assert.Equal(1.0, DistanceRanking.Auc(new[] { 0.1f, 0.4f, 0.35f, 0.8f }, new[] { false, true, false, true }));
    }

    [Fact]
    public void Ties_count_half()
    {
        // Different {0.5, 0.2} against same {0.5, 0.9}: 0.5 = 0.5 (half), 0.5 < 0.9, 0.2 < 0.5, 0.2 < 0.9: 0.5 of 4.
        Assert.Equal(0.125, DistanceRanking.Auc(new[] { 0.5f, 0.5f, 0.2f, 0.9f }, new[] { true, false, true, false }));
    }

    [Fact]
    public void Pairs_of_one_kind_cannot_be_ranked()
    {
        var error = Assert.Throws<ArgumentException>(() => DistanceRanking.Auc(new[] { 0.1f, 0.2f }, new[] { true, true }));
        Assert.StartsWith("Ranking needs pairs of the same digit and pairs of different digits.", error.Message, StringComparison.Ordinal);
    }
}
