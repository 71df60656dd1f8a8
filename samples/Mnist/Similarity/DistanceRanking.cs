using System;
using System.Linq;

namespace Samples.Mnist.Similarity;

/// <summary>
/// How well distances rank pairs, whatever the threshold: the probability that a pair of different digits lies farther
/// apart than a pair of the same digit (ties count half), which is the ROC AUC of the distance as a score for
/// "different", computed exactly from ranks (Mann–Whitney U). Guessing scores 0.5.
/// </summary>
internal static class DistanceRanking
{
    /// <param name="distances">One distance per pair.</param>
    /// <param name="different">Whether each pair holds two different digits.</param>
    /// <exception cref="ArgumentException">The pairs are all of one kind, so nothing can be ranked.</exception>
    public static double Auc(float[] distances, bool[] different)
    {
        if (distances.Length != different.Length)
            throw new ArgumentException($"{distances.Length} distances for {different.Length} pairs.", nameof(different));
        long differentCount = different.Count(d => d), sameCount = different.Length - differentCount;
        if (differentCount == 0 || sameCount == 0)
            throw new ArgumentException("Ranking needs pairs of the same digit and pairs of different digits.", nameof(different));

        var order = Enumerable.Range(0, distances.Length).OrderBy(i => distances[i]).ToArray();
        double differentRanks = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && distances[order[end + 1]] == distances[order[start]])
                end++;
            double rank = ((start + end) / 2.0) + 1;   // tied distances share their mean rank
            for (int k = start; k <= end; k++)
            {
                if (different[order[k]])
                    differentRanks += rank;
            }
            start = end + 1;
        }
        double u = differentRanks - (differentCount * (differentCount + 1) / 2.0);
        return u / ((double)differentCount * sameCount);
    }
}
