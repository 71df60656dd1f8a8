using Dsl.Generator.Emit;

namespace Dsl.Generator.Layers;

/// <summary>
/// The statements a kind's <see cref="LayerDefinition.Initialise"/> emits for Keras's default initialisers: calls into
/// the runtime's <c>KerasInitializers</c> with the layer's own weights.
/// </summary>
internal static class Initialisers
{
    private const string Keras = CSharp.Support + ".KerasInitializers.";

    /// <summary>Glorot-uniform for a kernel whose layout gives Keras's fans (convolution, grouped convolution, linear).</summary>
    public static string Glorot(string weight) => Keras + "GlorotUniform(" + weight + ");";

    /// <summary>Glorot-uniform with Keras's fans, for a kernel whose TorchSharp layout counts them otherwise.</summary>
    public static string Glorot(string weight, long fanIn, long fanOut) =>
        Keras + "GlorotUniform(" + weight + ", " + CSharp.Long(fanIn) + ", " + CSharp.Long(fanOut) + ");";

    /// <summary>Zeros for a bias (a module without one has none, which the runtime skips).</summary>
    public static string Zeros(string bias) => Keras + "Zeros(" + bias + ");";

    /// <summary>Keras's orthogonal initializer, for a recurrent kernel in Keras's (units, gates·units) layout.</summary>
    public static string Orthogonal(string weight) => Keras + "Orthogonal(" + weight + ");";

    /// <summary>Keras's LSTM bias with <c>unit_forget_bias</c>: zeros, ones in the forget gate's block.</summary>
    public static string UnitForgetBias(string bias) => Keras + "UnitForgetBias(" + bias + ");";
}
