using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Layers;

/// <summary>
/// The activations, one row each: Keras's name (the YAML spelling), other accepted spellings, the TorchSharp
/// call that computes it on the output of a layer, and its ONNX form. A member of <c>Dsl.Activation</c> without a row here cannot be
/// emitted (the generator reports DSL999 rather than guess; a test checks every member has a row).
/// </summary>
internal static class Activations
{
    private const string F = "global::TorchSharp.torch.nn.functional.";

    private static readonly IReadOnlyList<Form> Forms = new[]
    {
        new Form(Activation.None, "none", "{0}", (_, x, _) => x),
        new Form(Activation.ReLU, "relu", F + "relu({0})", (g, x, _) => g.Node("Relu", x)) { InPlace = "{0}.relu_()", NonDecreasing = true },
        new Form(Activation.Sigmoid, "sigmoid", F + "sigmoid({0})", (g, x, _) => g.Node("Sigmoid", x)) { InPlace = "{0}.sigmoid_()", NonDecreasing = true },
        new Form(Activation.Tanh, "tanh", F + "tanh({0})", (g, x, _) => g.Node("Tanh", x)) { InPlace = "{0}.tanh_()", NonDecreasing = true },
        // Over the features ({1}): the channels of an image, the last axis of a sequence or a flat value (FeatureAxis).
        new Form(Activation.Softmax, "softmax", F + "softmax({0}, {1}L)", (g, x, axis) => g.Node("Softmax", x, OnnxCode.Int("axis", axis))),
        new Form(Activation.LogSoftmax, "log_softmax", F + "log_softmax({0}, {1}L)", (g, x, axis) => g.Node("LogSoftmax", x, OnnxCode.Int("axis", axis))),
        // Keras 3's LeakyReLU layer and leaky_relu activation default to a negative slope of 0.2.
        new Form(Activation.LeakyReLU, "leaky_relu", F + "leaky_relu({0}, 0.2)", (g, x, _) => g.Node("LeakyRelu", x, OnnxCode.FloatAttribute("alpha", 0.2))) { InPlace = "{0}.leaky_relu_(0.2)", NonDecreasing = true },
        new Form(Activation.ELU, "elu", F + "elu({0}, 1.0)", (g, x, _) => g.Node("Elu", x, OnnxCode.FloatAttribute("alpha", 1.0))) { InPlace = "{0}.elu_(1.0)", NonDecreasing = true },
        // Keras's gelu defaults to approximate=False: the exact erf form, as TorchSharp's. ONNX has Gelu only from
        // opset 20, so it is spelled out as PyTorch computes it: x · 0.5 · (1 + erf(x · √½)).
        new Form(Activation.GELU, "gelu", F + "gelu({0})",
            (g, x, _) => g.Node("Mul", new[] { g.Node("Mul", new[] { x, g.Scalar(0.5) }), g.Node("Add", new[] { g.Node("Erf", g.Node("Mul", new[] { x, g.Scalar(0.70710678118654752) })), g.Scalar(1.0) }) })),
        // x · sigmoid(x): ONNX has no SiLU (Swish) operator in opset 17.
        new Form(Activation.SiLU, "silu", F + "silu({0})", (g, x, _) => g.Node("Mul", new[] { x, g.Node("Sigmoid", x) }), "swish"),
        new Form(Activation.ReLU6, "relu6", F + "relu6({0})", (g, x, _) => g.Node("Clip", new[] { x, g.Scalar(0.0), g.Scalar(6.0) })) { NonDecreasing = true },
        // Keras 3 redefined hard_sigmoid as relu6(x + 3) / 6, which is PyTorch's hardsigmoid: ONNX's with alpha 1/6, beta 1/2.
        new Form(Activation.HardSigmoid, "hard_sigmoid", F + "hardsigmoid({0})",
            (g, x, _) => g.Node("HardSigmoid", x, OnnxCode.FloatAttribute("alpha", 1.0 / 6.0), OnnxCode.FloatAttribute("beta", 0.5))) { NonDecreasing = true },
        new Form(Activation.Softplus, "softplus", F + "softplus({0})", (g, x, _) => g.Node("Softplus", x)) { NonDecreasing = true },
        new Form(Activation.Softsign, "softsign", F + "softsign({0})", (g, x, _) => g.Node("Softsign", x)) { NonDecreasing = true },
        new Form(Activation.Exponential, "exponential", "global::TorchSharp.torch.exp({0})", (g, x, _) => g.Node("Exp", x)) { NonDecreasing = true },
    };

    /// <summary>YAML spellings; <c>linear</c> and an empty value mean none, as in Keras.</summary>
    public static Choices Choices { get; } = Choices.Of(
        Forms.Select(f => (f.Value, f.KerasName, f.Value == Activation.None ? new[] { "linear" } : f.Others)),
        Activation.None, "linear");

    /// <summary>
    /// Whether a model's <c>ForwardLogits</c> leaves <paramref name="activation"/> out when it ends an output: softmax and
    /// sigmoid, whose losses (categorical and binary cross-entropy) are stable only when computed from the logits.
    /// </summary>
    public static bool LeftOutOfLogits(Activation activation) => activation is Activation.Softmax or Activation.Sigmoid;

    /// <summary>
    /// The statement-free expression that applies <paramref name="activation"/> to <paramref name="input"/>, whose features
    /// (what softmax normalises) are its batch axis <paramref name="featureAxis"/> (<see cref="Geometry.FeatureAxis.InBatch"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The activation has no row (a generator bug, reported as DSL999).</exception>
    public static string Apply(Activation activation, string input, int featureAxis) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Find(activation).Code, input, featureAxis);

    /// <summary>
    /// The expression that adds <paramref name="activation"/>'s ONNX nodes after the value <paramref name="input"/>, which
    /// must be a plain local (some forms use it twice).
    /// </summary>
    /// <exception cref="InvalidOperationException">The activation has no row (a generator bug, reported as DSL999).</exception>
    public static string Onnx(Activation activation, OnnxCode onnx, string input, int featureAxis) => Find(activation).Onnx(onnx, input, featureAxis);

    /// <summary>
    /// The expression that applies <paramref name="activation"/> to <paramref name="input"/>, overwriting it, when
    /// <paramref name="overwritable"/> says nothing else reads the input; otherwise, or when the activation has no safe
    /// in-place form, the same as <see cref="Apply"/>. In-place forms exist only for activations whose backward pass
    /// reads their result rather than their input (PyTorch's <c>relu_</c>, <c>sigmoid_</c>, <c>tanh_</c>,
    /// <c>leaky_relu_</c> with a positive slope, <c>elu_</c> with a non-negative alpha), so autograd stays exact.
    /// </summary>
    public static string Apply(Activation activation, string input, int featureAxis, bool overwritable) =>
        overwritable && Find(activation).InPlace is { } inPlace
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, inPlace, input)
            : Apply(activation, input, featureAxis);

    /// <summary>
    /// Whether <paramref name="activation"/> is element-wise and non-decreasing (a ≤ b ⇒ f(a) ≤ f(b)), so that it commutes
    /// with a maximum: max(f(a), f(b)) = f(max(a, b)). ReLU, sigmoid, tanh, LeakyReLU and ELU (their slopes here are
    /// positive), ReLU6, hard sigmoid, softplus, softsign, exponential; not GELU or SiLU (each has a dip below zero),
    /// not softmax (not element-wise).
    /// </summary>
    public static bool IsNonDecreasing(Activation activation) => Find(activation).NonDecreasing;

    /// <summary>Keras's name, e.g. <c>leaky_relu</c>.</summary>
    public static string KerasName(Activation activation) => Find(activation).KerasName;

    /// <summary>Whether <paramref name="activation"/> turns the output into probabilities or their logarithms.</summary>
    public static bool IsSoftmax(Activation activation) => activation is Activation.Softmax or Activation.LogSoftmax;

    public static IEnumerable<Activation> All => Forms.Select(f => f.Value);

    private static Form Find(Activation activation) =>
        Forms.FirstOrDefault(f => f.Value == activation)
        ?? throw new InvalidOperationException("the activation " + activation + " has no TorchSharp form");

    /// <param name="Code">The TorchSharp form: {0} the input, {1} its feature axis in the batch.</param>
    /// <param name="Onnx">The ONNX form: standard operators applied to a value, the layer's output, given its feature axis.</param>
    private sealed record Form(Activation Value, string KerasName, string Code, Func<OnnxCode, string, int, string> Onnx, params string[] Others)
    {
        /// <summary>The in-place form, whose backward pass reads only its result; null where there is none.</summary>
        public string? InPlace { get; init; }

        /// <summary>Element-wise and non-decreasing (see <see cref="IsNonDecreasing"/>).</summary>
        public bool NonDecreasing { get; init; }
    }
}
