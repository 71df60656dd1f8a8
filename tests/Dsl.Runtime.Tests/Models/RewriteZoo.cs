using Dsl;

namespace Dsl.Runtime.Tests.Models;

// The generator's rewrites, each model beside its twin with the rewrites switched off ([Rewrites(...false)]): the same
// layers and names, so the same state-dict keys, and RewriteTests holds the two to the same outputs and gradients.

/// <summary>
/// Every non-decreasing activation it moves behind a max pool: valid, symmetric and asymmetric "same" padding (the
/// -∞ cells of KerasPadding.MaxPool), a 1x1 pool; and an activation it must not move (GELU dips below zero).
/// </summary>
[Input(3, 9, 9)]
[Conv2D(6, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(5, 3, Padding = Padding.Same, Activation = Activation.Sigmoid)]
[MaxPool2D(3, Stride = 2, Padding = Padding.Same)]
[Conv2D(4, 1, Activation = Activation.Tanh)]
[MaxPool2D(2, Padding = Padding.Same)]
[Conv2D(4, 1, Activation = Activation.LeakyReLU)]
[MaxPool2D(1)]
[DepthwiseConv2D(1, Activation = Activation.ELU)]
[MaxPool2D(1)]
[Conv2D(4, 1, Activation = Activation.GELU)]
[MaxPool2D(1)]
[Flatten]
[Dense(3)]
public partial class PooledActivations;

/// <inheritdoc cref="PooledActivations"/>
[Input(3, 9, 9)]
[Conv2D(6, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(5, 3, Padding = Padding.Same, Activation = Activation.Sigmoid)]
[MaxPool2D(3, Stride = 2, Padding = Padding.Same)]
[Conv2D(4, 1, Activation = Activation.Tanh)]
[MaxPool2D(2, Padding = Padding.Same)]
[Conv2D(4, 1, Activation = Activation.LeakyReLU)]
[MaxPool2D(1)]
[DepthwiseConv2D(1, Activation = Activation.ELU)]
[MaxPool2D(1)]
[Conv2D(4, 1, Activation = Activation.GELU)]
[MaxPool2D(1)]
[Flatten]
[Dense(3)]
[Rewrites(PoolBeforeActivation = false)]
public partial class PooledActivationsUnrewritten;

/// <summary>Sequences: Conv1D and Dense activations behind 1-D max pools (channels-first runs), symmetric and asymmetric "same".</summary>
[Input(12, 4)]
[Conv1D(6, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool1D(2)]
[Conv1D(5, 3, Activation = Activation.ELU)]
[MaxPool1D(3, Stride = 2, Padding = Padding.Same)]
[Dense(4, Activation = Activation.Softplus)]
[MaxPool1D(2, Padding = Padding.Same)]
[Flatten]
[Dense(2)]
public partial class PooledSequenceActivations;

/// <inheritdoc cref="PooledSequenceActivations"/>
[Input(12, 4)]
[Conv1D(6, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool1D(2)]
[Conv1D(5, 3, Activation = Activation.ELU)]
[MaxPool1D(3, Stride = 2, Padding = Padding.Same)]
[Dense(4, Activation = Activation.Softplus)]
[MaxPool1D(2, Padding = Padding.Same)]
[Flatten]
[Dense(2)]
[Rewrites(PoolBeforeActivation = false)]
public partial class PooledSequenceActivationsUnrewritten;

/// <summary>
/// Batch normalizations folded into the convolutions before them: with a bias and without, asymmetric "same" padding
/// on a strided convolution, a depthwise one (groups), gamma or beta left out; and one it must not fold (an
/// activation stands between).
/// </summary>
[Input(3, 8, 8)]
[Conv2D(6, 3, Padding = Padding.Same)]
[BatchNorm]
[Activation(Activation.ReLU)]
[Conv2D(6, 3, Stride = 2, Padding = Padding.Same, UseBias = false)]
[BatchNorm(Scale = false)]
[DepthwiseConv2D(3, DepthMultiplier = 2, Padding = Padding.Same)]
[BatchNorm(Center = false, Epsilon = 0.01)]
[Conv2D(4, 1, Activation = Activation.ReLU)]
[BatchNorm]
[Flatten]
[Dense(3)]
public partial class FoldedNormalizations;

/// <inheritdoc cref="FoldedNormalizations"/>
[Input(3, 8, 8)]
[Conv2D(6, 3, Padding = Padding.Same)]
[BatchNorm]
[Activation(Activation.ReLU)]
[Conv2D(6, 3, Stride = 2, Padding = Padding.Same, UseBias = false)]
[BatchNorm(Scale = false)]
[DepthwiseConv2D(3, DepthMultiplier = 2, Padding = Padding.Same)]
[BatchNorm(Center = false, Epsilon = 0.01)]
[Conv2D(4, 1, Activation = Activation.ReLU)]
[BatchNorm]
[Flatten]
[Dense(3)]
[Rewrites(FoldBatchNorm = false)]
public partial class FoldedNormalizationsUnrewritten;

/// <summary>Sequences: Conv1D (causal, strided with Keras's asymmetric "same") with batch normalization folded in.</summary>
[Input(10, 3)]
[Conv1D(4, 3, Padding = Padding.Causal, DilationRate = 2)]
[BatchNorm]
[Conv1D(5, 2, Stride = 2, Padding = Padding.Same, UseBias = false)]
[BatchNorm(Scale = false)]
[Flatten]
[Dense(2)]
public partial class FoldedSequenceNormalizations;

/// <inheritdoc cref="FoldedSequenceNormalizations"/>
[Input(10, 3)]
[Conv1D(4, 3, Padding = Padding.Causal, DilationRate = 2)]
[BatchNorm]
[Conv1D(5, 2, Stride = 2, Padding = Padding.Same, UseBias = false)]
[BatchNorm(Scale = false)]
[Flatten]
[Dense(2)]
[Rewrites(FoldBatchNorm = false)]
public partial class FoldedSequenceNormalizationsUnrewritten;

/// <summary>
/// Rescalings folded into the layer after them: per-channel scales with an offset into a valid convolution, a scalar
/// scale into a padded one (no offset, so the zero padding sees the same zeros), a scale and offset into a dense layer.
/// </summary>
[Input(3, 8, 8)]
[Rescaling(0.5, 0.25, 2.0, Offset = -1.0)]
[Conv2D(4, 3, Activation = Activation.ReLU)]
[Rescaling(1.0 / 255)]
[Conv2D(4, 3, Padding = Padding.Same)]
[Flatten]
[Rescaling(2.0, Offset = 0.5)]
[Dense(3, Activation = Activation.Tanh)]
public partial class FoldedRescalings;

/// <inheritdoc cref="FoldedRescalings"/>
[Input(3, 8, 8)]
[Rescaling(0.5, 0.25, 2.0, Offset = -1.0)]
[Conv2D(4, 3, Activation = Activation.ReLU)]
[Rescaling(1.0 / 255)]
[Conv2D(4, 3, Padding = Padding.Same)]
[Flatten]
[Rescaling(2.0, Offset = 0.5)]
[Dense(3, Activation = Activation.Tanh)]
[Rewrites(FoldRescaling = false)]
public partial class FoldedRescalingsUnrewritten;
