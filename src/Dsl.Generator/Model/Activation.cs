namespace Dsl.Generator.Model;

/// <summary>Mirrors <c>Dsl.Activation</c> in the runtime (same names, same values).</summary>
internal enum Activation
{
    None = 0,
    ReLU,
    Sigmoid,
    Tanh,
    Softmax,
    LogSoftmax,
    LeakyReLU,
    ELU,
    GELU,
}
