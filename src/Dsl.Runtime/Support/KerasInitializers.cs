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

    private static void Initialise(Tensor? weight, Tensor? bias)
    {
        if (weight is not null)
            nn.init.xavier_uniform_(weight);
        if (bias is not null)
            nn.init.zeros_(bias);
    }
}
