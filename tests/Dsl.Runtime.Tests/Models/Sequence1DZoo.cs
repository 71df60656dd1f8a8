using Dsl;

namespace Dsl.Runtime.Tests.Models;

// Sequences (steps, features) through the 1-D kinds: Conv1D with valid, same (odd and even kernels, strided,
// dilated) and causal padding, 1-D max and average pooling with valid and same padding (symmetric and asymmetric),
// global pooling, and Flatten, Dense, Dropout, BatchNorm and every merge layer on sequences, in stacks and graphs.
// Each one is checked against a real forward pass in CompileTimeEqualsRunTimeTests.

/// <summary>32 → 30 (valid k3) → 30 (same, even k4) → 30 (causal, dilated) → 15 (same, stride 2) → 7 → 7.</summary>
[Input(32, 4)]
[Conv1D(8, 3, Activation = Activation.ReLU)]
[Conv1D(8, 4, Padding = Padding.Same)]
[Conv1D(8, 3, Padding = Padding.Causal, DilationRate = 2, Activation = Activation.ReLU)]
[Conv1D(6, 5, Stride = 2, Padding = Padding.Same, UseBias = false)]
[MaxPool1D(2)]
[AvgPool1D(3, Stride = 1, Padding = Padding.Same)]
[Flatten]
[Dense(5, Activation = Activation.Softmax)]
[ExpectParameters(1_023)]
public partial class SequenceConvStack;

/// <summary>Pooling only: symmetric and asymmetric "same", a stride other than the window, Keras's default window.</summary>
[Input(17, 3)]
[MaxPool1D(3, Stride = 2, Padding = Padding.Same)]
[AvgPool1D(2, Padding = Padding.Same)]
[MaxPool1D(2, Padding = Padding.Same)]
[AvgPool1D]
[GlobalMaxPool1D]
[Dense(2)]
public partial class SequencePools;

/// <summary>A strided valid convolution, BatchNorm (over channels) and dropout on a sequence, then a dilated same one.</summary>
[Input(40, 2)]
[Conv1D(16, 7, Stride = 3, Activation = Activation.ReLU)]
[BatchNorm]
[Dropout(0.25)]
[Conv1D(16, 3, Padding = Padding.Same, DilationRate = 3)]
[GlobalAvgPool1D]
[Dense(4, Activation = Activation.Sigmoid)]
public partial class SequenceNormalised;

/// <summary>A WaveNet-style gated residual block of causal convolutions, then a dilated causal layer on the merge.</summary>
[Input(24, 4)]
[Conv1D(8, 1, Name = "stem")]
[Conv1D(8, 2, Padding = Padding.Causal, Activation = Activation.Tanh, Name = "filter")]
[Conv1D(8, 2, Padding = Padding.Causal, From = "stem", Activation = Activation.Sigmoid, Name = "gate")]
[Multiply("filter", "gate", Name = "gated")]
[Conv1D(8, 1, Name = "skip")]
[Add("stem", "skip", Name = "residual")]
[Conv1D(8, 2, Padding = Padding.Causal, DilationRate = 2, Name = "dilated")]
[Concatenate("residual", "dilated", Name = "joined")]
[MaxPool1D(2, Padding = Padding.Same)]
[GlobalMaxPool1D]
[Dense(3)]
public partial class CausalResidualBlock;

/// <summary>Every merge kind on sequences, then an even-kernel same convolution (padded in forward) on the merge.</summary>
[Input(11, 3)]
[Conv1D(4, 3, Padding = Padding.Same, Name = "a")]
[Conv1D(4, 3, Padding = Padding.Causal, From = "input", Name = "b")]
[Add("a", "b", Name = "sum")]
[Subtract("a", "b", Name = "difference")]
[Multiply("sum", "difference", Name = "product")]
[Average("a", "b", Name = "mean")]
[Maximum("product", "mean", Name = "high")]
[Minimum("product", "mean", Name = "low")]
[Concatenate("high", "low", "input", Name = "joined")]
[Conv1D(5, 2, Padding = Padding.Same)]
[AvgPool1D(2, Padding = Padding.Same)]
[Flatten]
[Dense(2)]
public partial class EveryMergeOnSequences;
