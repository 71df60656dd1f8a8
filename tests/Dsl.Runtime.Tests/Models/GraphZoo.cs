using Dsl;

namespace Dsl.Runtime.Tests.Models;

// Graph models (Keras's functional API): skip connections, branches and merges. Each one is checked against a
// real forward pass in CompileTimeEqualsRunTimeTests, like the stacks in ModelZoo.cs.

/// <summary>A ResNet basic block with an identity shortcut, then one with a 1x1 projection shortcut.</summary>
[Input(3, 16, 16)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "stem")]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(8, 3, Padding = Padding.Same)]
[Add("stem", "conv2d_2", Name = "block1")]
[Conv2D(16, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(16, 3, Padding = Padding.Same, Name = "residual")]
[Conv2D(16, 1, Stride = 2, From = "block1", Name = "projection")]
[Add("projection", "residual")]
[GlobalAvgPool2D]
[Dense(10, Activation = Activation.Softmax)]
public partial class ResNetBlocks;

/// <summary>An Inception-style module: three branches from one input, joined along the channels.</summary>
[Input(4, 12, 12)]
[Conv2D(6, 1, Activation = Activation.ReLU, Name = "branch1x1")]
[Conv2D(4, 1, From = "input", Activation = Activation.ReLU)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "branch3x3")]
[MaxPool2D(3, Stride = 1, Padding = Padding.Same, From = "input")]
[Conv2D(2, 1, Name = "branch_pool")]
[Concatenate("branch1x1", "branch3x3", "branch_pool", Name = "mixed")]
[MaxPool2D(2)]
[Flatten]
[Dense(5)]
public partial class InceptionModule;

/// <summary>A DenseNet-style block: every layer takes the concatenation of all earlier outputs.</summary>
[Input(4, 8, 8)]
[Conv2D(3, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "c1")]
[Concatenate("input", "c1", Name = "d1")]
[Conv2D(3, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "c2")]
[Concatenate("d1", "c2", Name = "d2")]
[Conv2D(3, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "c3")]
[Concatenate("d2", "c3", Name = "d3")]
[BatchNorm]
[GlobalAvgPool2D]
[Dense(2)]
public partial class DenseBlock;

/// <summary>Two branches on flat input, one of them starting again from the model's input; every merge kind once.</summary>
[Input(12)]
[Dense(8, Activation = Activation.Tanh, Name = "left")]
[Dense(8, From = "input", Activation = Activation.Sigmoid, Name = "right")]
[Add("left", "right", Name = "sum")]
[Subtract("left", "right", Name = "difference")]
[Multiply("sum", "difference", "left", Name = "product")]
[Average("sum", "difference", Name = "mean")]
[Maximum("product", "mean", "right", Name = "high")]
[Minimum("product", "mean", Name = "low")]
[Concatenate("high", "low", "input")]
[Dense(3, Activation = Activation.LogSoftmax)]
public partial class EveryMerge;

/// <summary>The Euclidean distance between two images, then a Dense(1) the numerics test sets to the identity.</summary>
[Input(2, 3, 4, Name = "left")]
[Input(2, 3, 4, Name = "right")]
[EuclideanDistance("left", "right", Name = "distance")]
[Dense(1)]
public partial class ImageDistance;

/// <summary>
/// A small siamese network with the head of the first version of Keras's example: one Dense encoder shared by two
/// inputs, their distance, BatchNormalization and a sigmoid.
/// </summary>
[Input(6, Name = "left")]
[Input(6, Name = "right")]
[Dense(4, From = "left", Activation = Activation.Tanh, Name = "embed")]
[Reuse("embed", From = "right")]
[EuclideanDistance("embed", "embed_2")]
[BatchNorm]
[Dense(1, Activation = Activation.Sigmoid)]
public partial class DenseSiamese;
