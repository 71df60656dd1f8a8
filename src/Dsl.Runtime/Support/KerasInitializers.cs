using System;
using System.ComponentModel;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Support;

/// <summary>
/// Keras's default initialisers, so a model declared with Keras semantics also starts training like Keras:
/// Glorot-uniform kernels and zero biases (TorchSharp defaults to Kaiming-uniform). Each layer kind's generated
/// initialisation calls these with its own weights, and with Keras's fans where its layout differs.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KerasInitializers
{
    /// <summary>
    /// Keras's Glorot-uniform for a kernel whose layout gives Keras's fans (a convolution's (out, in / groups, k…) or a
    /// linear layer's (out, in)): uniform in ±sqrt(6 / (fan_in + fan_out)), as libtorch's <c>xavier_uniform_</c>.
    /// </summary>
    public static void GlorotUniform(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var noGrad = torch.no_grad();
        nn.init.xavier_uniform_(weight);
    }

    /// <summary>
    /// Keras's Glorot-uniform for a kernel whose fans Keras counts differently from TorchSharp's layout (a depthwise
    /// kernel, for example): uniform in ±sqrt(6 / (fan_in + fan_out)).
    /// </summary>
    public static void GlorotUniform(Tensor weight, long fanIn, long fanOut)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var noGrad = torch.no_grad();
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        nn.init.uniform_(weight, -limit, limit);
    }

    /// <summary>Keras's <c>RandomUniform</c> (an embedding's default, "uniform", is [−0.05, 0.05]): uniform in [low, high).</summary>
    public static void Uniform(Tensor weight, double low, double high)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var noGrad = torch.no_grad();
        nn.init.uniform_(weight, low, high);
    }

    /// <summary>Keras's default for biases and shifts: zeros.</summary>
    public static void Zeros(Tensor? bias)
    {
        if (bias is null)
            return;
        using var noGrad = torch.no_grad();
        nn.init.zeros_(bias);
    }

    /// <summary>
    /// Keras's orthogonal initializer (gain 1) for a recurrent kernel kept in Keras's (units, gates·units) layout: the QR
    /// factor of a normal matrix with the signs of R's diagonal, transposed when there are fewer rows than columns, as
    /// Keras computes it (and libtorch's <c>orthogonal_</c>, the same algorithm).
    /// </summary>
    public static void Orthogonal(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var noGrad = torch.no_grad();
        nn.init.orthogonal_(weight);
    }

    /// <summary>Keras's LSTM <c>unit_forget_bias</c>: the bias zero but for its forget-gate block (the second of four), which is 1.</summary>
    public static void UnitForgetBias(Tensor? bias)
    {
        if (bias is null)
            return;
        using var noGrad = torch.no_grad();
        long units = bias.shape[0] / 4;
        nn.init.zeros_(bias);
        bias.narrow(0, units, units).fill_(1);
    }
}
