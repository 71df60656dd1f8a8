using System;
using System.Linq;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// Keras's activation functions (keras/src/activations/activations.py, Keras 3 defaults), written out in double
/// precision independently of TorchSharp, to check what the generated models compute.
/// </summary>
internal static class KerasActivations
{
    /// <summary>Element-wise activations by Keras's name.</summary>
    public static Func<double, double> ElementWise(string name) => name switch
    {
        "relu" => x => Math.Max(x, 0),
        "sigmoid" => x => 1 / (1 + Math.Exp(-x)),
        "tanh" => Math.Tanh,
        // keras.activations.leaky_relu(x, negative_slope=0.2)
        "leaky_relu" => x => x >= 0 ? x : 0.2 * x,
        // keras.activations.elu(x, alpha=1.0)
        "elu" => x => x > 0 ? x : 1.0 * (Math.Exp(x) - 1),
        // keras.activations.gelu(x, approximate=False): x * Phi(x), with the exact normal CDF.
        "gelu" => x => 0.5 * x * Erfc(-x / Math.Sqrt(2)),
        // keras.activations.silu(x) = x * sigmoid(x)
        "silu" => x => x / (1 + Math.Exp(-x)),
        "relu6" => x => Math.Min(Math.Max(x, 0), 6),
        // Keras 3: hard_sigmoid(x) = relu6(x + 3) / 6
        "hard_sigmoid" => x => Math.Min(Math.Max(x + 3, 0), 6) / 6,
        // log(1 + exp(x)), in the form that neither overflows nor loses small values
        "softplus" => x => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))),
        "softsign" => x => x / (1 + Math.Abs(x)),
        "exponential" => Math.Exp,
        _ => throw new ArgumentException("not an element-wise activation: " + name, nameof(name)),
    };

    /// <summary>keras.activations.softmax over one vector (the channels), computed stably.</summary>
    public static double[] Softmax(double[] x)
    {
        double max = x.Max();
        double[] e = x.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    /// <summary>keras.activations.log_softmax over one vector: x - max - log(sum(exp(x - max))).</summary>
    public static double[] LogSoftmax(double[] x)
    {
        double max = x.Max();
        double logSum = Math.Log(x.Sum(v => Math.Exp(v - max)));
        return x.Select(v => v - max - logSum).ToArray();
    }

    /// <summary>
    /// The complementary error function to about 1e-15: the Maclaurin series of erf for |z| &lt; 2.5, a continued
    /// fraction (evaluated backwards) for the tails, where 1 - erf would lose all precision.
    /// </summary>
    public static double Erfc(double z)
    {
        if (double.IsNaN(z))
            return double.NaN;
        if (z < 0)
            return 2 - Erfc(-z);
        if (z < 2.5)
        {
            // erf(z) = 2/sqrt(pi) * sum_n (-1)^n z^(2n+1) / (n! (2n+1))
            double term = z, sum = z;
            for (int n = 1; n < 200 && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
            {
                term *= -z * z / n;
                sum += term / (2 * n + 1);
            }
            return 1 - 2 / Math.Sqrt(Math.PI) * sum;
        }
        if (z > 27)
            return 0;
        // erfc(z) = exp(-z^2)/sqrt(pi) * 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + 2/(z + ...)))))
        double fraction = z;
        for (int k = 120; k >= 1; k--)
            fraction = z + k / 2.0 / fraction;
        return Math.Exp(-z * z) / Math.Sqrt(Math.PI) / fraction;
    }
}
