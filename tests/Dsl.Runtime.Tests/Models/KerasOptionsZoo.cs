using Dsl;

namespace Dsl.Runtime.Tests.Models;

// Keras options that Keras Applications rely on: BatchNormalization without gamma (scale=False, as InceptionV3's
// conv2d_bn), without beta (center=False) or without both; global pooling with keepdims (as the squeeze of
// squeeze-and-excitation blocks); Dropout with a noise_shape; and Keras's strides on the 1-D kinds. Each one is
// checked against a real forward pass in CompileTimeEqualsRunTimeTests and against ONNX Runtime in OnnxExportTests;
// KerasOptionsNumericsTests compares them with Keras's definitions.

/// <summary>
/// InceptionV3's conv2d_bn (Conv2D without bias, BatchNormalization(scale=False), ReLU) in two branches, then
/// normalisation without beta and without either, and a squeeze kept as (C, 1, 1) for a 1x1 convolution.
/// </summary>
[Input(3, 17, 17)]
[Conv2D(8, 3, Stride = 2, UseBias = false)]
[BatchNorm(Scale = false)]
[Activation(Activation.ReLU, Name = "stem")]
[Conv2D(6, 1, UseBias = false)]
[BatchNorm(Scale = false)]
[Activation(Activation.ReLU, Name = "branch1x1")]
[Conv2D(4, 3, Padding = Padding.Same, UseBias = false, From = "stem")]
[BatchNorm(Center = false, Momentum = 0.9)]
[Activation(Activation.ReLU, Name = "branch3x3")]
[Concatenate("branch1x1", "branch3x3")]
[BatchNorm(Center = false, Scale = false, Epsilon = 0.01)]
[GlobalAvgPool2D(Keepdims = true)]
[Conv2D(5, 1, Activation = Activation.ReLU)]
[Flatten]
[Dense(5, Activation = Activation.Softmax)]
[ExpectParameters(216 + 24 + 48 + 18 + 288 + 12 + 20 + 55 + 30)]
public partial class InceptionStyleBranches;

/// <summary>
/// <see cref="InceptionStyleBranches"/> with the generator's fold_batch_norm rewrite off, so that its ONNX graph keeps
/// every BatchNormalization node (the form a normalization that follows no convolution always has).
/// </summary>
[Input(3, 17, 17)]
[Conv2D(8, 3, Stride = 2, UseBias = false)]
[BatchNorm(Scale = false)]
[Activation(Activation.ReLU, Name = "stem")]
[Conv2D(6, 1, UseBias = false)]
[BatchNorm(Scale = false)]
[Activation(Activation.ReLU, Name = "branch1x1")]
[Conv2D(4, 3, Padding = Padding.Same, UseBias = false, From = "stem")]
[BatchNorm(Center = false, Momentum = 0.9)]
[Activation(Activation.ReLU, Name = "branch3x3")]
[Concatenate("branch1x1", "branch3x3")]
[BatchNorm(Center = false, Scale = false, Epsilon = 0.01)]
[GlobalAvgPool2D(Keepdims = true)]
[Conv2D(5, 1, Activation = Activation.ReLU)]
[Flatten]
[Dense(5, Activation = Activation.Softmax)]
[ExpectParameters(216 + 24 + 48 + 18 + 288 + 12 + 20 + 55 + 30)]
[Rewrites(FoldBatchNorm = false)]
public partial class InceptionStyleBranchesUnfolded;

/// <summary>
/// Dropout masks of other shapes than the input's (whole channels, whole positions, whole rows of a channel, whole
/// samples), both global poolings kept as (C, 1, 1) and added, and batch normalization without gamma on features.
/// </summary>
[Input(4, 9, 7)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Dropout(0.3, NoiseShape = new[] { 8, 1, 1 })]
[Dropout(0.2, NoiseShape = new[] { 1, 9, 7 })]
[Dropout(0.1, NoiseShape = new[] { 8, 9, 1 })]
[GlobalMaxPool2D(Keepdims = true, Name = "max")]
[GlobalAvgPool2D(Keepdims = true, From = "dropout_3", Name = "avg")]
[Add("max", "avg")]
[Conv2D(4, 1, Activation = Activation.Sigmoid)]
[Flatten]
[BatchNorm(Scale = false)]
[Dropout(0.5, NoiseShape = new[] { 1 })]
[Dense(3)]
public partial class NoiseShapesAndKeptPools;

/// <summary>
/// Sequences: Keras's strides on Conv1D and both 1-D poolings, batch normalization without gamma and without either,
/// a dropout mask per channel, and both 1-D global poolings kept as (1, C) and joined for a pointwise convolution.
/// </summary>
[Input(30, 3)]
[Conv1D(8, 5, Strides = new[] { 2 }, UseBias = false)]
[BatchNorm(Scale = false)]
[Dropout(0.25, NoiseShape = new[] { 1, 8 })]
[MaxPool1D(3, Strides = new[] { 2 }, Padding = Padding.Same)]
[AvgPool1D(2, Strides = new[] { 1 }, Padding = Padding.Same, Name = "pooled")]
[GlobalAvgPool1D(Keepdims = true, Name = "avg")]
[GlobalMaxPool1D(Keepdims = true, From = "pooled", Name = "max")]
[Concatenate("avg", "max")]
[Conv1D(4, 1)]
[BatchNorm(Center = false, Scale = false)]
[Dropout(0.2, NoiseShape = new[] { 1, 1 })]
[Flatten]
[Dense(2)]
public partial class SequenceStridesAndOptions;
