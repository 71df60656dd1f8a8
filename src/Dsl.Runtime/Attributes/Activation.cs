namespace Dsl;

/// <summary>An activation applied to a layer's output (Keras's <c>activation=</c> argument).</summary>
public enum Activation
{
    /// <summary>No activation: the layer is linear.</summary>
    None = 0,
    /// <summary>max(x, 0).</summary>
    ReLU,
    /// <summary>1 / (1 + e^-x).</summary>
    Sigmoid,
    /// <summary>Hyperbolic tangent.</summary>
    Tanh,
    /// <summary>Softmax over the channel/feature dimension; use on the last layer only.</summary>
    Softmax,
    /// <summary>Log of softmax over the channel/feature dimension.</summary>
    LogSoftmax,
    /// <summary>Leaky ReLU with Keras's negative slope 0.2.</summary>
    LeakyReLU,
    /// <summary>Exponential linear unit, alpha 1.</summary>
    ELU,
    /// <summary>Gaussian error linear unit (exact, not the tanh approximation).</summary>
    GELU,
    /// <summary>x · sigmoid(x), Keras's <c>silu</c> (also spelt <c>swish</c>).</summary>
    SiLU,
    /// <summary>min(max(x, 0), 6).</summary>
    ReLU6,
    /// <summary>Keras 3's hard sigmoid: relu6(x + 3) / 6.</summary>
    HardSigmoid,
    /// <summary>log(1 + e^x).</summary>
    Softplus,
    /// <summary>x / (1 + |x|).</summary>
    Softsign,
    /// <summary>e^x.</summary>
    Exponential,
}
