using Dsl;

namespace Dsl.Runtime.Tests.Models;

// The recurrent kinds and their wrappers on sequences (steps, features): SimpleRNN, LSTM, GRU (both reset_after forms),
// Bidirectional with every merge mode and a backward layer of its own, TimeDistributed around Dense, Dropout and a recurrent
// layer. The catalog-wide tests check their shapes and counts in a real forward pass and their ONNX form against ONNX Runtime.

/// <summary>An LSTM classifier: 4(8·16 + 16² + 16) = 1,600 parameters, then 16·3 + 3.</summary>
[Input(12, 8)]
[LSTM(16)]
[Dense(3, Activation = Activation.Softmax)]
[ExpectParameters(1651)]
public partial class LstmClassifier;

/// <summary>Stacked recurrent layers returning sequences, backwards, with Keras's other activations.</summary>
[Input(10, 5)]
[SimpleRNN(6, ReturnSequences = true, Activation = Activation.ReLU)]
[GRU(7, ReturnSequences = true, GoBackwards = true)]
[GRU(4, ResetAfter = false, RecurrentActivation = Activation.HardSigmoid, ReturnSequences = true)]
[LSTM(5, GoBackwards = true, UseBias = false, UnitForgetBias = false, Activation = Activation.Softsign)]
[ExpectParameters(6 * 5 + 36 + 6 + 3 * (6 * 7 + 49 + 14) + 3 * (7 * 4 + 16 + 4) + 4 * (4 * 5 + 25))]
public partial class RecurrentStack;

/// <summary>Bidirectional layers: concat of sequences, then sum of the last outputs.</summary>
[Input(9, 4)]
[Bidirectional]
[LSTM(6, ReturnSequences = true)]
[Bidirectional(MergeMode.Sum)]
[GRU(5)]
[Dense(2)]
[ExpectParameters(2 * 4 * (4 * 6 + 36 + 6) + 2 * 3 * (12 * 5 + 25 + 10) + 5 * 2 + 2)]
public partial class BidirectionalStack;

/// <summary>The averaging and multiplying merges, and a backward layer of its own (a SimpleRNN beside a GRU).</summary>
[Input(7, 3)]
[Bidirectional(MergeMode = MergeMode.Ave)]
[SimpleRNN(4, ReturnSequences = true, Name = "encoder")]
[Bidirectional("merge_mode: mul, backward_layer: { simple_rnn: { units: 3, go_backwards: true } }")]
[GRU(3)]
public partial class BidirectionalMerges;

/// <summary>TimeDistributed around Dense and Dropout, then a recurrent layer over the projected steps.</summary>
[Input(6, 10)]
[TimeDistributed]
[Dense(8, Activation = Activation.ReLU)]
[TimeDistributed]
[Dropout(0.25)]
[GRU(4, ReturnSequences = true)]
[TimeDistributed]
[Dense(2)]
[ExpectParameters(10 * 8 + 8 + 3 * (8 * 4 + 16 + 8) + 4 * 2 + 2)]
public partial class TimeDistributedDense;

/// <summary>A recurrent layer on every step of a sequence of sequences: (4, 6, 3), each (6, 3) read by one LSTM.</summary>
[Input(4, 6, 3)]
[TimeDistributed]
[LSTM(5)]
[LSTM(2)]
[ExpectParameters(4 * (3 * 5 + 25 + 5) + 4 * (5 * 2 + 4 + 2))]
public partial class TimeDistributedLstm;

/// <summary>Activations ONNX's recurrent operators lack: the export unrolls these layers into their steps.</summary>
[Input(5, 3)]
[SimpleRNN(3, Activation = Activation.GELU, ReturnSequences = true)]
[GRU(4, Activation = Activation.SiLU, ReturnSequences = true, GoBackwards = true)]
[GRU(3, ResetAfter = false, RecurrentActivation = Activation.ReLU6, ReturnSequences = true)]
[LSTM(2, Activation = Activation.Softmax, GoBackwards = true)]
public partial class UnrolledRecurrences;

/// <summary>
/// Keras's return_state: an LSTM's final states (encoder.state_h, encoder.state_c) joined and classified, beside a GRU
/// whose sequence and final state are outputs of their own; an unrolled one (GELU) returns its states too.
/// </summary>
[Input(8, 5, Name = "source")]
[Input(6, 4, Name = "target")]
[LSTM(7, ReturnState = true, From = "source", Name = "encoder")]
[Concatenate("encoder.state_h", "encoder.state_c")]
[Dense(2, Name = "label")]
[GRU(3, ReturnSequences = true, ReturnState = true, GoBackwards = true, From = "target", Name = "decoder")]
[SimpleRNN(2, ReturnState = true, Activation = Activation.GELU, From = "decoder.output", Name = "unrolled")]
[Output("label")]
[Output("decoder.output")]
[Output("decoder.state_h")]
[Output("unrolled.state_h")]
public partial class RecurrentStates;

/// <summary>Keras's merge_mode=None: the forward and backward sequences as the layer's two outputs, each read on.</summary>
[Input(6, 3)]
[Bidirectional(MergeMode.None, Name = "both")]
[GRU(4, ReturnSequences = true)]
[Subtract("both.forward", "both.backward")]
[SimpleRNN(2, From = "both.backward", Name = "tail")]
[Output("subtract_1")]
[Output("tail")]
public partial class UnmergedBidirectional;

/// <summary>The other activations ONNX's recurrent operators name: Affine (Keras's linear), LeakyRelu (0.2), Elu, Softplus.</summary>
[Input(4, 3)]
[SimpleRNN(3, Activation = Activation.None, ReturnSequences = true)]
[SimpleRNN(3, Activation = Activation.LeakyReLU, ReturnSequences = true)]
[GRU(3, Activation = Activation.ELU, RecurrentActivation = Activation.Softplus, ReturnSequences = true)]
[LSTM(2, Activation = Activation.Softplus, RecurrentActivation = Activation.HardSigmoid)]
public partial class OnnxNamedActivations;

/// <summary>Keras's masks through the recurrent kinds: Masking's padded steps are skipped by every recurrent layer and wrapper.</summary>
[Input(6, 3)]
[Masking]
[LSTM(4, ReturnSequences = true)]
[Bidirectional(MergeMode.Sum)]
[GRU(3, ReturnSequences = true)]
[TimeDistributed]
[Dense(2)]
[SimpleRNN(2, ReturnState = true, Name = "last")]
[Output("last.output")]
[Output("last.state_h")]
public partial class MaskedRecurrences;

/// <summary>Token ids with Keras's mask_zero: id 0 is padding the recurrent layers skip.</summary>
[Input(7, DType = DType.Int64)]
[Embedding(20, 4, MaskZero = true)]
[Bidirectional]
[GRU(3)]
public partial class MaskedTokenRecurrence;

/// <summary>
/// Keras's lstm_seq2seq: the encoder's final states start the decoder (<c>initial_state</c>), which reads the target
/// sequence and predicts each next token: 4(3·6 + 36 + 6) + 4(2·6 + 36 + 6) + (6·3 + 3) parameters.
/// </summary>
[Input(5, 3, Name = "encoder_input")]
[Input(4, 2, Name = "decoder_input")]
[LSTM(6, ReturnState = true, From = "encoder_input", Name = "encoder")]
[LSTM(6, ReturnSequences = true, From = "decoder_input", InitialState = new[] { "encoder.state_h", "encoder.state_c" }, Name = "decoder")]
[Dense(3, Activation = Activation.Softmax)]
[ExpectParameters(4 * (3 * 6 + 36 + 6) + 4 * (2 * 6 + 36 + 6) + 6 * 3 + 3)]
public partial class Seq2SeqStates;

/// <summary>
/// Initial states on the other cells and paths: a GRU started from a Dense projection and going backwards, returning its
/// state; a SimpleRNN with an activation ONNX's RNN lacks (so its ONNX form is unrolled) started from that state.
/// </summary>
[Input(6, 3, Name = "sequence")]
[Input(4, Name = "context")]
[Dense(5, Activation = Activation.Tanh, From = "context", Name = "start")]
[GRU(5, GoBackwards = true, ReturnSequences = true, ReturnState = true, From = "sequence", InitialState = new[] { "start" }, Name = "gru")]
[SimpleRNN(5, Activation = Activation.GELU, From = "gru.output", InitialState = new[] { "gru.state_h" }, Name = "rnn")]
[ExpectParameters(4 * 5 + 5 + 3 * (3 * 5 + 25 + 10) + (5 * 5 + 25 + 5))]
public partial class InitialStates;

/// <summary>A masked decoder started from an encoder's states: masked steps keep the state, and its ONNX form is unrolled.</summary>
[Input(5, 3, Name = "source")]
[Input(6, 2, Name = "target")]
[GRU(4, ReturnState = true, From = "source", Name = "encoder")]
[Masking(From = "target")]
[LSTM(4, ReturnSequences = true, ReturnState = true, InitialState = new[] { "encoder.state_h", "encoder.state_h" }, Name = "decoder")]
[Output("decoder.output")]
[Output("decoder.state_c")]
public partial class MaskedInitialStates;
