using System;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// A recurrent cell's activations as functions on a step's (N, units) tensors: the same definitions the generated code
/// applies after a layer (Keras 3's: LeakyReLU's slope 0.2, hard_sigmoid as relu6(x + 3) / 6, exact GELU, softmax over the
/// last axis).
/// </summary>
public static class RecurrentActivation
{
    /// <summary>The function that computes <paramref name="activation"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a member of <see cref="Activation"/>.</exception>
    public static Func<Tensor, Tensor> Of(Activation activation) => activation switch
    {
        Activation.None => x => x.alias(),
        Activation.ReLU => x => nn.functional.relu(x),
        Activation.Sigmoid => x => nn.functional.sigmoid(x),
        Activation.Tanh => x => nn.functional.tanh(x),
        Activation.Softmax => x => nn.functional.softmax(x, -1),
        Activation.LogSoftmax => x => nn.functional.log_softmax(x, -1),
        Activation.LeakyReLU => x => nn.functional.leaky_relu(x, 0.2),
        Activation.ELU => x => nn.functional.elu(x, 1.0),
        Activation.GELU => x => nn.functional.gelu(x),
        Activation.SiLU => x => nn.functional.silu(x),
        Activation.ReLU6 => x => nn.functional.relu6(x),
        Activation.HardSigmoid => x => nn.functional.hardsigmoid(x),
        Activation.Softplus => x => nn.functional.softplus(x),
        Activation.Softsign => x => nn.functional.softsign(x),
        Activation.Exponential => x => exp(x),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "not an activation"),
    };
}
