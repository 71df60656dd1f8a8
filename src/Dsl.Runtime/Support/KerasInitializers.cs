using System;
using System.ComponentModel;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dsl.Support;

/// <summary>
/// Keras's default initialisers, so a model declared with Keras semantics also starts training like Keras:
/// Glorot-uniform kernels and zero biases for Conv2D and Dense (TorchSharp defaults to Kaiming-uniform for both).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KerasInitializers
{
    /// <summary>Re-initialises every convolution and linear layer of <paramref name="model"/>.</summary>
    public static void Apply(nn.Module model)
    {
        using var noGrad = torch.no_grad();
        foreach (var (_, module) in model.named_modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    Initialise(conv.weight, conv.bias);
                    break;
                case Linear linear:
                    Initialise(linear.weight, linear.bias);
                    break;
            }
        }
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

    /// <summary>Keras's default for biases and shifts: zeros.</summary>
    public static void Zeros(Tensor? bias)
    {
        if (bias is null)
            return;
        using var noGrad = torch.no_grad();
        nn.init.zeros_(bias);
    }

    private static void Initialise(Tensor? weight, Tensor? bias)
    {
        if (weight is not null)
            nn.init.xavier_uniform_(weight);
        if (bias is not null)
            nn.init.zeros_(bias);
    }
}
