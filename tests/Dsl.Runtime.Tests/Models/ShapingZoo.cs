using Dsl;

namespace Dsl.Runtime.Tests.Models;

// The shaping kinds: Activation, Rescaling, ZeroPadding2D, Cropping2D, UpSampling2D, GlobalMaxPool2D, LayerNorm,
// Reshape and SpatialDropout2D, with every option form that changes a shape or a count, in stacks and in graphs.
// Each one is checked against a real forward pass in CompileTimeEqualsRunTimeTests.

/// <summary>Padding and cropping in all three forms (every side; height, width; top, bottom, left, right).</summary>
[Input(2, 9, 11)]
[ZeroPadding2D]
[ZeroPadding2D(1, 2)]
[ZeroPadding2D(1, 0, 2, 1)]
[Cropping2D(1)]
[Cropping2D(2, 1)]
[Cropping2D(1, 0, 2, 1)]
[ZeroPadding2D(0)]
[Conv2D(3, 3)]
[GlobalMaxPool2D]
[Dense(2)]
[ExpectParameters(65)]
public partial class PaddingAndCropping;

/// <summary>Up-sampling by the default, square and rectangular factors, nearest and bilinear, and by 1.</summary>
[Input(3, 5, 4)]
[UpSampling2D]
[UpSampling2D(2, 3)]
[Conv2D(4, 3, Stride = 2)]
[UpSampling2D(3, Interpolation = Interpolation.Bilinear)]
[UpSampling2D(1, 2, Interpolation = Interpolation.Bilinear)]
[UpSampling2D(1)]
[UpSampling2D(1, Interpolation = Interpolation.Nearest)]
[GlobalMaxPool2D]
[Dense(3, Activation = Activation.Softmax)]
public partial class UpSamplingVariants;

/// <summary>A decoder: a vector reshaped into an image, then up-sampled to 28x28.</summary>
[Input(16)]
[Dense(196, Activation = Activation.ReLU)]
[Reshape(4, 7, 7)]
[UpSampling2D(2)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[UpSampling2D(2, Interpolation = Interpolation.Bilinear)]
[Conv2D(1, 3, Padding = Padding.Same)]
[Activation(Activation.Sigmoid)]
[ExpectParameters(3_701)]
public partial class ReshapeDecoder;

/// <summary>Layer normalisation on an image (over channels), a sequence (over features) and a vector.</summary>
[Input(4, 6, 6)]
[Conv2D(8, 3, Padding = Padding.Same)]
[LayerNorm]
[SpatialDropout2D(0.2)]
[Activation(Activation.ReLU)]
[Reshape(-1, 8)]
[LayerNorm(Epsilon = 1e-5)]
[Reshape(-1)]
[LayerNorm]
[Dense(3)]
[ExpectParameters(1_771)]
public partial class LayerNormEveryRank;

/// <summary>Reshapes between every rank, with and without -1.</summary>
[Input(6, 20)]
[Reshape(3, 8, 5)]
[Reshape(-1, 10)]
[Reshape(120)]
[Reshape(2, 3, -1)]
[Rescaling(0.5)]
[Flatten]
[Dense(2)]
public partial class ReshapeEveryRank;

/// <summary>Stand-alone activations, with a final softmax layer that ForwardLogits leaves out.</summary>
[Input(3, 8, 8)]
[Rescaling(2.0, Offset = -1.0)]
[Conv2D(4, 3)]
[Activation(Activation.HardSigmoid)]
[Activation(Activation.None)]
[Activation(Activation.SiLU)]
[GlobalMaxPool2D]
[Dense(5)]
[Activation(Activation.Softmax)]
public partial class ActivationLayers;

/// <summary>A U-Net-like graph: an encoder, an up-sampled decoder joined to the encoder, a padded-and-cropped shortcut.</summary>
[Input(3, 16, 16)]
[Rescaling(1.0 / 255, Name = "scaled")]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "encoder")]
[MaxPool2D(2)]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[UpSampling2D(2, Name = "up")]
[Concatenate("encoder", "up")]
[Conv2D(8, 3, Padding = Padding.Same)]
[LayerNorm(Name = "norm")]
[ZeroPadding2D(2, 1, From = "encoder", Name = "padded")]
[Cropping2D(2, 1, Name = "cropped")]
[Add("norm", "cropped")]
[Activation(Activation.ReLU)]
[SpatialDropout2D(0.1)]
[Conv2D(2, 1)]
[Reshape(2, -1)]
[LayerNorm]
[Flatten]
[Dense(4, Activation = Activation.Softmax)]
public partial class UNetStyleGraph;

/// <summary>Two branches from the input, one rescaled and one max-pooled globally, joined as vectors.</summary>
[Input(2, 6, 6)]
[GlobalMaxPool2D(Name = "peaks")]
[Rescaling(0.1, Offset = 0.5, From = "input")]
[Cropping2D(1, 2, 0, 3)]
[Reshape(-1, Name = "crop_vector")]
[Concatenate("peaks", "crop_vector")]
[Activation(Activation.Tanh)]
[Dense(2)]
public partial class ShapingBranches;
