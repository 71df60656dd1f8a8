using System;
using System.Collections.Generic;
using System.Linq;

namespace Dsl.Runtime.Tests.Training;

/// <summary>
/// Keras 3's optimizers written out in plain double arithmetic, line by line from keras/src/optimizers/*.py and
/// base_optimizer.py, to check the engine against: independent of it (no TorchSharp, no shared code).
/// </summary>
internal static class KerasReference
{
    /// <summary>One optimizer's update_step, with its own slots, for every variable.</summary>
    public abstract class Rule
    {
        /// <summary>Keras's update_step for variable <paramref name="index"/> at <paramref name="iterations"/> (0 for the first step).</summary>
        public abstract void Update(int index, double[] w, double[] g, double lr, long iterations);

        /// <summary>Once per step before the variables (Keras's _backend_update_step); Nadam's u_product.</summary>
        public virtual void BeginStep(long iterations)
        {
        }
    }

    /// <summary>The options of Keras's BaseOptimizer.</summary>
    public sealed record Options(double? WeightDecay = null, double? ClipNorm = null, double? ClipValue = null, double? GlobalClipNorm = null);

    /// <summary>
    /// BaseOptimizer.apply: filter variables without gradients, _clip_gradients, _apply_weight_decay, update, iterations += 1.
    /// <paramref name="learningRate"/> is the rate of the step (a schedule's value at <paramref name="iterations"/>).
    /// </summary>
    public static void Apply(Rule rule, Options options, IReadOnlyList<double[]> weights, IReadOnlyList<double[]?> gradients, double learningRate, long iterations)
    {
        var present = Enumerable.Range(0, weights.Count).Where(i => gradients[i] is not null).ToArray();
        var grads = present.ToDictionary(i => i, i => (double[])gradients[i]!.Clone());

        if (options.ClipNorm is { } clipNorm)
        {
            foreach (var g in grads.Values)
            {
                double l2sum = g.Sum(x => x * x);
                double l2norm = l2sum > 0 ? Math.Sqrt(l2sum) : l2sum;
                for (int k = 0; k < g.Length; k++)
                    g[k] = g[k] * clipNorm / Math.Max(l2norm, clipNorm);
            }
        }
        else if (options.GlobalClipNorm is { } globalClip)
        {
            double useNorm = Math.Sqrt(grads.Values.Sum(g => g.Sum(x => x * x)));
            double scale = globalClip * Math.Min(1.0 / useNorm, 1.0 / globalClip) + (useNorm - useNorm);
            foreach (var g in grads.Values)
            {
                for (int k = 0; k < g.Length; k++)
                    g[k] *= scale;
            }
        }
        else if (options.ClipValue is { } clipValue)
        {
            foreach (var g in grads.Values)
            {
                for (int k = 0; k < g.Length; k++)
                    g[k] = Math.Clamp(g[k], -clipValue, clipValue);
            }
        }

        if (options.WeightDecay is { } wd)
        {
            foreach (int i in present)
            {
                var w = weights[i];
                for (int k = 0; k < w.Length; k++)
                    w[k] = w[k] - w[k] * wd * learningRate;
            }
        }

        rule.BeginStep(iterations);
        foreach (int i in present)
            rule.Update(i, weights[i], grads[i], learningRate, iterations);
    }

    /// <summary>sgd.py.</summary>
    public sealed class Sgd(int variables, int size, double momentum, bool nesterov) : Rule
    {
        private readonly double[][] _m = Slots(variables, size);

        public override void Update(int index, double[] w, double[] g, double lr, long iterations)
        {
            var m = _m[index];
            for (int k = 0; k < w.Length; k++)
            {
                if (momentum == 0)
                {
                    w[k] -= g[k] * lr;
                    continue;
                }
                m[k] = m[k] * momentum - g[k] * lr;
                w[k] += nesterov ? m[k] * momentum - g[k] * lr : m[k];
            }
        }
    }

    /// <summary>adam.py (AdamW is this with a weight decay).</summary>
    public sealed class Adam(int variables, int size, double beta1, double beta2, double epsilon, bool amsgrad) : Rule
    {
        private readonly double[][] _m = Slots(variables, size);
        private readonly double[][] _v = Slots(variables, size);
        private readonly double[][] _vHat = Slots(variables, size);

        public override void Update(int index, double[] w, double[] g, double lr, long iterations)
        {
            double localStep = iterations + 1;
            double beta1Power = Math.Pow(beta1, localStep);
            double beta2Power = Math.Pow(beta2, localStep);
            double alpha = lr * Math.Sqrt(1 - beta2Power) / (1 - beta1Power);
            var m = _m[index];
            var v = _v[index];
            var vHat = _vHat[index];
            for (int k = 0; k < w.Length; k++)
            {
                m[k] += (g[k] - m[k]) * (1 - beta1);
                v[k] += (g[k] * g[k] - v[k]) * (1 - beta2);
                double vUsed = v[k];
                if (amsgrad)
                {
                    vHat[k] = Math.Max(vHat[k], v[k]);
                    vUsed = vHat[k];
                }
                w[k] -= m[k] * alpha / (Math.Sqrt(vUsed) + epsilon);
            }
        }
    }

    /// <summary>rmsprop.py.</summary>
    public sealed class RmsProp(int variables, int size, double rho, double momentum, double epsilon, bool centered) : Rule
    {
        private readonly double[][] _velocity = Slots(variables, size);
        private readonly double[][] _momentum = Slots(variables, size);
        private readonly double[][] _average = Slots(variables, size);

        public override void Update(int index, double[] w, double[] g, double lr, long iterations)
        {
            var velocity = _velocity[index];
            var mom = _momentum[index];
            var average = _average[index];
            for (int k = 0; k < w.Length; k++)
            {
                velocity[k] = rho * velocity[k] + (1 - rho) * g[k] * g[k];
                double denominator;
                if (centered)
                {
                    average[k] = rho * average[k] + (1 - rho) * g[k];
                    denominator = velocity[k] - average[k] * average[k] + epsilon;
                }
                else
                {
                    denominator = velocity[k] + epsilon;
                }
                double increment = lr * g[k] / Math.Sqrt(denominator);
                if (momentum > 0)
                {
                    mom[k] = momentum * mom[k] + increment;
                    w[k] -= mom[k];
                }
                else
                {
                    w[k] -= increment;
                }
            }
        }
    }

    /// <summary>adagrad.py.</summary>
    public sealed class Adagrad(int variables, int size, double initialAccumulatorValue, double epsilon) : Rule
    {
        private readonly double[][] _accumulator = Slots(variables, size, initialAccumulatorValue);

        public override void Update(int index, double[] w, double[] g, double lr, long iterations)
        {
            var accumulator = _accumulator[index];
            for (int k = 0; k < w.Length; k++)
            {
                accumulator[k] += g[k] * g[k];
                w[k] -= lr * g[k] / Math.Sqrt(accumulator[k] + epsilon);
            }
        }
    }

    /// <summary>nadam.py, u_product included.</summary>
    public sealed class Nadam(int variables, int size, double beta1, double beta2, double epsilon) : Rule
    {
        private readonly double[][] _m = Slots(variables, size);
        private readonly double[][] _v = Slots(variables, size);
        private double _uProduct = 1.0;

        public override void BeginStep(long iterations) =>
            _uProduct = _uProduct * beta1 * (1.0 - 0.5 * Math.Pow(0.96, iterations + 1));

        public override void Update(int index, double[] w, double[] g, double lr, long iterations)
        {
            double localStep = iterations + 1;
            double nextStep = iterations + 2;
            double uT = beta1 * (1.0 - 0.5 * Math.Pow(0.96, localStep));
            double uT1 = beta1 * (1.0 - 0.5 * Math.Pow(0.96, nextStep));
            double uProductT = _uProduct;
            double uProductT1 = uProductT * uT1;
            double beta2Power = Math.Pow(beta2, localStep);
            var m = _m[index];
            var v = _v[index];
            for (int k = 0; k < w.Length; k++)
            {
                m[k] += (g[k] - m[k]) * (1 - beta1);
                v[k] += (g[k] * g[k] - v[k]) * (1 - beta2);
                double mHat = uT1 * m[k] / (1 - uProductT1) + (1 - uT) * g[k] / (1 - uProductT);
                double vHat = v[k] / (1 - beta2Power);
                w[k] -= mHat * lr / (Math.Sqrt(vHat) + epsilon);
            }
        }
    }

    private static double[][] Slots(int variables, int size, double initial = 0) =>
        Enumerable.Range(0, variables).Select(_ => Enumerable.Repeat(initial, size).ToArray()).ToArray();
}
