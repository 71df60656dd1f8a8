namespace Dsl.Modules;

/// <summary>The options Keras's recurrent layers share, as their configs name them.</summary>
/// <param name="Activation">Keras's <c>activation</c> (tanh).</param>
/// <param name="RecurrentActivation">Keras's <c>recurrent_activation</c> (sigmoid), for the gates of LSTM and GRU.</param>
/// <param name="ReturnSequences">Output every step's output (N, steps, units) instead of the last (N, units).</param>
/// <param name="GoBackwards">Process the steps from the last; the outputs come in processing order, as in Keras.</param>
/// <param name="Dropout">The fraction of the input's features dropped in training, one mask per call.</param>
/// <param name="RecurrentDropout">The fraction of the previous output dropped in training, one mask per call.</param>
public sealed record RecurrentSettings(
    Activation Activation = Activation.Tanh,
    Activation RecurrentActivation = Activation.Sigmoid,
    bool ReturnSequences = false,
    bool GoBackwards = false,
    double Dropout = 0,
    double RecurrentDropout = 0);
