using System;
using System.Collections.Generic;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// An activation as ONNX's recurrent operators name it in their <c>activations</c> attribute, with its alpha and beta
/// (consumed in order by the activations that take them). Keras's linear is ONNX's Affine(1, 0); Keras 3's hard_sigmoid is
/// ONNX's HardSigmoid(1/6, 1/2).
/// </summary>
internal sealed record OnnxActivation(string Name, IReadOnlyList<double> Alpha, IReadOnlyList<double> Beta)
{
    /// <summary>Whether ONNX's recurrent operators can apply <paramref name="activation"/>.</summary>
    public static bool Supports(Activation activation) => activation is Activation.None or Activation.Tanh or Activation.Sigmoid or Activation.ReLU
        or Activation.HardSigmoid or Activation.Softsign or Activation.Softplus or Activation.LeakyReLU or Activation.ELU;

    public static OnnxActivation Of(Activation activation) => activation switch
    {
        Activation.None => new("Affine", new[] { 1.0 }, new[] { 0.0 }),
        Activation.Tanh => Plain("Tanh"),
        Activation.Sigmoid => Plain("Sigmoid"),
        Activation.ReLU => Plain("Relu"),
        Activation.HardSigmoid => new("HardSigmoid", new[] { 1.0 / 6.0 }, new[] { 0.5 }),
        Activation.Softsign => Plain("Softsign"),
        Activation.Softplus => Plain("Softplus"),
        Activation.LeakyReLU => new("LeakyRelu", new[] { 0.2 }, Array.Empty<double>()),
        Activation.ELU => new("Elu", new[] { 1.0 }, Array.Empty<double>()),
        _ => throw new InvalidOperationException("ONNX's recurrent operators have no " + activation + " activation"),
    };

    private static OnnxActivation Plain(string name) => new(name, Array.Empty<double>(), Array.Empty<double>());
}
