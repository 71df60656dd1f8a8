using System;
using System.Linq;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// Keras 3's recurrent layers written out from its sources in double precision, one sample and one step at a time, with no
/// TorchSharp: the cells of keras/src/layers/rnn/simple_rnn.py, lstm.py (gates i, f, c, o) and gru.py (gates z, r, h, both
/// reset_after forms), and the loop of keras/src/backend/numpy/rnn.py: go_backwards processes the steps from the last and
/// returns the outputs in processing order; a masked step keeps the states and outputs the previous output (zeros with
/// zero_output_for_mask).
/// </summary>
internal sealed record KerasRecurrentReference(string Cell, double[,] Kernel, double[,] RecurrentKernel, double[]? Bias, double[]? RecurrentBias)
{
    public Func<double, double> Activation { get; init; } = Math.Tanh;

    public Func<double, double> RecurrentActivation { get; init; } = x => 1 / (1 + Math.Exp(-x));

    public bool ResetAfter { get; init; } = true;

    public bool GoBackwards { get; init; }

    public bool ReturnSequences { get; init; }

    public bool ZeroOutputForMask { get; init; }

    private int Units => RecurrentKernel.GetLength(0);

    /// <summary>x [n, t, d] (mask [n, t] or null) → [n, t, units] with return_sequences, else [n, 1, units].</summary>
    public double[,,] Run(double[,,] x, bool[,]? mask = null) => RunWithStates(x, mask).Output;

    /// <summary>
    /// The output and the final states h and c [n, units] (c is zeros but for the LSTM), from Keras's initial_state
    /// <paramref name="initialH"/> (and <paramref name="initialC"/>) [n, units], or zeros. A masked step outputs h, the
    /// initial one before the first real step, as Keras's loop does without unroll (<c>output_tm1 = states[0]</c>).
    /// </summary>
    public (double[,,] Output, double[,] H, double[,] C) RunWithStates(double[,,] x, bool[,]? mask = null, double[,]? initialH = null, double[,]? initialC = null)
    {
        int n = x.GetLength(0), steps = x.GetLength(1), units = Units;
        var result = new double[n, ReturnSequences ? steps : 1, units];
        var finalH = new double[n, units];
        var finalC = new double[n, units];
        for (int b = 0; b < n; b++)
        {
            var h = Row(initialH, b, units);
            var c = Row(initialC, b, units);
            var output = new double[units];
            for (int k = 0; k < steps; k++)
            {
                int t = GoBackwards ? steps - 1 - k : k;
                var input = Enumerable.Range(0, x.GetLength(2)).Select(d => x[b, t, d]).ToArray();
                var (newH, newC) = Step(input, h, c);
                if (mask is null || mask[b, t])
                {
                    (h, c, output) = (newH, newC, newH);
                }
                else
                {
                    output = ZeroOutputForMask ? new double[units] : (double[])h.Clone();
                }
                if (ReturnSequences || k == steps - 1)
                {
                    for (int u = 0; u < units; u++)
                        result[b, ReturnSequences ? k : 0, u] = output[u];
                }
            }
            for (int u = 0; u < units; u++)
                (finalH[b, u], finalC[b, u]) = (h[u], c[u]);
        }
        return (result, finalH, finalC);
    }

    private static double[] Row(double[,]? values, int b, int units) =>
        values is null ? new double[units] : Enumerable.Range(0, units).Select(u => values[b, u]).ToArray();

    private (double[] H, double[] C) Step(double[] x, double[] h, double[] c)
    {
        int units = Units;
        double In(int column) => Enumerable.Range(0, x.Length).Sum(d => x[d] * Kernel[d, column]) + (Bias?[column] ?? 0);
        double Rec(double[] state, int column) => Enumerable.Range(0, units).Sum(j => state[j] * RecurrentKernel[j, column]);
        var next = new double[units];
        var carry = new double[units];
        switch (Cell)
        {
            case "simple_rnn":
                for (int u = 0; u < units; u++)
                    next[u] = Activation(In(u) + Rec(h, u));
                break;
            case "lstm":
                for (int u = 0; u < units; u++)
                {
                    double i = RecurrentActivation(In(u) + Rec(h, u));
                    double f = RecurrentActivation(In(units + u) + Rec(h, units + u));
                    carry[u] = f * c[u] + i * Activation(In(2 * units + u) + Rec(h, 2 * units + u));
                    double o = RecurrentActivation(In(3 * units + u) + Rec(h, 3 * units + u));
                    next[u] = o * Activation(carry[u]);
                }
                break;
            case "gru":
                var z = new double[units];
                var r = new double[units];
                for (int u = 0; u < units; u++)
                {
                    z[u] = RecurrentActivation(In(u) + Rec(h, u) + (RecurrentBias?[u] ?? 0));
                    r[u] = RecurrentActivation(In(units + u) + Rec(h, units + u) + (RecurrentBias?[units + u] ?? 0));
                }
                var reset = h.Select((v, j) => r[j] * v).ToArray();
                for (int u = 0; u < units; u++)
                {
                    double candidate = ResetAfter
                        ? Activation(In(2 * units + u) + r[u] * (Rec(h, 2 * units + u) + (RecurrentBias?[2 * units + u] ?? 0)))
                        : Activation(In(2 * units + u) + Rec(reset, 2 * units + u));
                    next[u] = z[u] * h[u] + (1 - z[u]) * candidate;
                }
                break;
            default:
                throw new ArgumentException("no such cell: " + Cell);
        }
        return (next, carry);
    }
}
