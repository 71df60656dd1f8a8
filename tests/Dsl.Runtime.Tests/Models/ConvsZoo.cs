using Dsl;

namespace Dsl.Runtime.Tests.Models;

// The 2-D convolution family: Conv2DTranspose, DepthwiseConv2D, SeparableConv2D, and Conv2D's dilation rate and
// groups. Every model is checked against a real forward pass in CompileTimeEqualsRunTimeTests; the single-layer
// probes at the end are also compared with naive loops over Keras's definitions in ConvsNumericsTests.

/// <summary>
/// Transposed convolutions, "same": k − s odd (3 over 2: the input gets a zero row and column in front), even
/// (4 over 2), k = s, and k below s.
/// </summary>
[Input(4, 3, 5)]
[Conv2DTranspose(6, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2DTranspose(4, 4, Stride = 2, Padding = Padding.Same, Activation = Activation.SiLU)]
[Conv2DTranspose(3, 3, Stride = 3, Padding = Padding.Same)]
[Conv2DTranspose(2, 2, Stride = 3, Padding = Padding.Same, UseBias = false)]
[GlobalAvgPool2D]
[Dense(3, Activation = Activation.Softmax)]
public partial class TransposeSameVariants;

/// <summary>
/// Transposed convolutions, "valid" (in·s + max(k − s, 0)): odd kernel over stride 2, non-square kernel and stride,
/// k below s, dilation (valid and "same" with an odd dilated k − 1), no bias.
/// </summary>
[Input(3, 4, 5)]
[Conv2DTranspose(4, 3, Stride = 2, Activation = Activation.Tanh)]
[Conv2DTranspose(4, 2, 5, Strides = new[] { 1, 3 }, UseBias = false, Activation = Activation.Softplus)]
[Conv2DTranspose(3, 2, Stride = 3)]
[Conv2DTranspose(2, 3, DilationRate = 2, Activation = Activation.Softsign)]
[Conv2DTranspose(2, 2, DilationRates = new[] { 3, 1 }, Padding = Padding.Same)]
[Flatten]
[Dense(2)]
public partial class TransposeValidVariants;

/// <summary>Depthwise convolutions: multiplier 1 and 3, strided asymmetric "same", a non-square kernel, no bias.</summary>
[Input(3, 11, 10)]
[DepthwiseConv2D(3, Activation = Activation.ReLU6)]
[DepthwiseConv2D(3, DepthMultiplier = 3, Stride = 2, Padding = Padding.Same, Activation = Activation.HardSigmoid)]
[DepthwiseConv2D(2, 3, Strides = new[] { 2, 1 }, UseBias = false)]
[DepthwiseConv2D(1, DepthMultiplier = 2, Padding = Padding.Same, Activation = Activation.Exponential)]
[Flatten]
[Dense(4, Activation = Activation.LogSoftmax)]
public partial class DepthwiseVariants;

/// <summary>Separable convolutions: symmetric and asymmetric "same", a multiplier, strides, a non-square kernel, no bias.</summary>
[Input(4, 10, 9)]
[SeparableConv2D(8, 3, Padding = Padding.Same, Activation = Activation.ELU)]
[SeparableConv2D(6, 2, DepthMultiplier = 3, Stride = 2, Padding = Padding.Same, Activation = Activation.GELU)]
[SeparableConv2D(5, 1, 3, Strides = new[] { 1, 2 }, UseBias = false)]
[SeparableConv2D(3, 2, DepthMultiplier = 2)]
[GlobalAvgPool2D]
[Dense(2, Activation = Activation.Sigmoid)]
public partial class SeparableVariants;

/// <summary>
/// Conv2D with dilation (valid; "same" with a dilated even kernel on an odd input; per axis) and groups (with
/// "same", with a stride, 1x1 with as many groups as channels).
/// </summary>
[Input(4, 13, 11)]
[Conv2D(8, 3, DilationRate = 2, Activation = Activation.LeakyReLU)]
[Conv2D(8, 2, DilationRate = 3, Padding = Padding.Same)]
[Conv2D(6, 3, DilationRates = new[] { 1, 3 }, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(12, 3, Groups = 2, Padding = Padding.Same)]
[Conv2D(12, 3, Groups = 3, Stride = 2, UseBias = false)]
[Conv2D(4, 1, Groups = 4)]
[Flatten]
[Dense(3)]
public partial class DilatedAndGroupedConv;

/// <summary>
/// A small U-Net: transposed convolutions upsample the bottleneck, one joined with the encoder's skip by
/// Concatenate, the other added to the decoder's output.
/// </summary>
[Input(3, 16, 16)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "enc1")]
[MaxPool2D(2)]
[SeparableConv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "bottleneck")]
[Conv2DTranspose(8, 2, Stride = 2, Name = "up")]
[Concatenate("enc1", "up")]
[SeparableConv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2DTranspose(8, 3, Stride = 2, Padding = Padding.Same, From = "bottleneck", Name = "up2")]
[Add("separable_conv2d_1", "up2")]
[Conv2D(2, 1, Activation = Activation.Softmax)]
public partial class UNetLike;

/// <summary>MobileNetV2-style inverted residual blocks and a ResNeXt-style grouped branch, joined with Add.</summary>
[Input(8, 12, 12)]
[Conv2D(16, 1, Activation = Activation.ReLU6, Name = "expand")]
[DepthwiseConv2D(3, Padding = Padding.Same, Activation = Activation.ReLU6, Name = "dw")]
[Conv2D(8, 1, Name = "project")]
[Add("input", "project", Name = "block1")]
[Conv2D(8, 3, Groups = 4, Padding = Padding.Same, Activation = Activation.ReLU, Name = "grouped")]
[Conv2D(8, 3, DilationRate = 2, Padding = Padding.Same, From = "block1", Name = "dilated")]
[Add("block1", "grouped", "dilated", Name = "block2")]
[DepthwiseConv2D(3, DepthMultiplier = 2, Stride = 2, Padding = Padding.Same, Activation = Activation.ReLU6)]
[GlobalAvgPool2D]
[Dense(5, Activation = Activation.Softmax)]
public partial class InvertedResiduals;

// Single-layer probes for ConvsNumericsTests: no activation, so the output is the layer's own.

[Input(2, 3, 4)]
[Conv2DTranspose(3, 3, Stride = 2)]
public partial class TransposeValidOddKernelProbe;

[Input(2, 3, 4)]
[Conv2DTranspose(3, 4, Stride = 2)]
public partial class TransposeValidEvenKernelProbe;

[Input(2, 3, 4)]
[Conv2DTranspose(3, 3, Stride = 2, Padding = Padding.Same)]
public partial class TransposeSameOddKernelProbe;

[Input(2, 3, 4)]
[Conv2DTranspose(3, 4, Stride = 2, Padding = Padding.Same)]
public partial class TransposeSameEvenKernelProbe;

[Input(2, 3, 2)]
[Conv2DTranspose(2, 5, 2, Stride = 3)]
public partial class TransposeValidStride3Probe;

[Input(2, 3, 2)]
[Conv2DTranspose(2, 4, 5, Stride = 3, Padding = Padding.Same)]
public partial class TransposeSameStride3Probe;

[Input(2, 2, 3)]
[Conv2DTranspose(2, 2, Stride = 3, Padding = Padding.Same)]
public partial class TransposeSameSmallKernelProbe;

[Input(2, 4, 3)]
[Conv2DTranspose(2, 2, 3, DilationRates = new[] { 3, 2 }, Padding = Padding.Same)]
public partial class TransposeSameDilatedProbe;

[Input(2, 7, 9)]
[Conv2D(3, 2, DilationRate = 3, Padding = Padding.Same)]
public partial class DilatedSameEvenKernelProbe;

[Input(2, 9, 7)]
[Conv2D(3, 3, 4, DilationRates = new[] { 2, 1 }, Padding = Padding.Same)]
public partial class DilatedPerAxisProbe;

[Input(2, 9, 8)]
[Conv2D(2, 3, DilationRate = 2)]
public partial class DilatedValidProbe;

[Input(3, 6, 7)]
[DepthwiseConv2D(3, DepthMultiplier = 2, Stride = 2, Padding = Padding.Same)]
public partial class DepthwiseMultiplier2Probe;

[Input(3, 5, 6)]
[SeparableConv2D(4, 2, 3, DepthMultiplier = 2, Padding = Padding.Same)]
public partial class SeparableProbe;

[Input(3, 7, 6)]
[SeparableConv2D(2, 3, Stride = 2)]
public partial class SeparableStridedValidProbe;

[Input(4, 6, 5)]
[Conv2D(6, 3, Groups = 2, Padding = Padding.Same)]
public partial class GroupedProbe;

// Layers large enough for ConvsInitialiserTests to see where their initial weights fall.

[Input(16, 8, 8)]
[DepthwiseConv2D(3, DepthMultiplier = 4)]
public partial class DepthwiseInitProbe;

[Input(16, 8, 8)]
[SeparableConv2D(32, 3, DepthMultiplier = 4)]
public partial class SeparableInitProbe;

[Input(24, 4, 4)]
[Conv2DTranspose(16, 3, Stride = 2)]
public partial class TransposeInitProbe;

[Input(16, 6, 6)]
[Conv2D(32, 3, Groups = 4, DilationRate = 2)]
public partial class GroupedInitProbe;
