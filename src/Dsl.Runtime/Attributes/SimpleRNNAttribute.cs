using System;

namespace Dsl;

/// <summary>
/// A fully connected recurrent layer on a sequence (steps, features) (Keras <c>SimpleRNN</c>):
/// h_t = activation(x_t·kernel + h_{t−1}·recurrent_kernel + bias); D·U + U² + U parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SimpleRNNAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$units</c>).</summary>
    /// <param name="options">Keys and values (<c>"units: $units, return_sequences: true"</c>), or a bare value for the main option.</param>
    public SimpleRNNAttribute(string options)
        : base(options)
    {
    }

    /// <param name="units">The state's size: each step's output has this many values.</param>
    public SimpleRNNAttribute(int units) => Units = units;

    /// <summary>The state's size (Keras's <c>units</c>), at least 1.</summary>
    public int Units { get; }

    /// <summary>The cell's activation (Keras's <c>activation</c>); default <see cref="Activation.Tanh"/>.</summary>
    public Activation Activation { get; set; } = Activation.Tanh;

    /// <summary>Whether the layer has a bias; default true.</summary>
    public bool UseBias { get; set; } = true;

    /// <summary>Output every step's output, (steps, units), instead of the last one's, (units); default false.</summary>
    public bool ReturnSequences { get; set; }

    /// <summary>
    /// Also output the final states (Keras's <c>return_state</c>): the layer's outputs are then <c>output</c>,
    /// <c>state_h</c> (and <c>state_c</c> for the LSTM), read as <c>lstm_1.state_h</c>; default false.
    /// </summary>
    public bool ReturnState { get; set; }

    /// <summary>Process the steps from the last to the first; the outputs come in processing order, as in Keras. Default false.</summary>
    public bool GoBackwards { get; set; }

    /// <summary>The fraction of each step's input features dropped in training (one mask per batch, as Keras's), in [0, 1); default 0.</summary>
    public double Dropout { get; set; }

    /// <summary>The fraction of the previous output dropped in training before the recurrent product, in [0, 1); default 0.</summary>
    public double RecurrentDropout { get; set; }

    /// <summary>
    /// The values the first step's states start from (Keras's <c>initial_state</c>), by name, each of shape (units): an
    /// encoder's final states, <c>simple_rnn_1.state_h</c>, as a seq2seq decoder takes them; default zeros.
    /// </summary>
    public string[] InitialState { get; set; } = Array.Empty<string>();
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="SimpleRNNAttribute"/>.</summary>
    public static LayerKind SimpleRNN { get; } = new(nameof(SimpleRNN));
}
