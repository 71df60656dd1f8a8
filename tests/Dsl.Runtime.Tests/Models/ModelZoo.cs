using Dsl;

namespace Dsl.Runtime.Tests.Models;

// Architectures that between them use every layer kind, activation, stride, padding mode, non-square
// kernels and strides, and the asymmetric "same" padding cases (even windows, stride 2 on even inputs).
// Each one is checked against a real forward pass in CompileTimeEqualsRunTimeTests.

[Input(3, 32, 32)]
[Conv2D(16, 3, Stride = 2, Activation = Activation.ReLU)]
[Conv2D(8, 3, Stride = 2)]
[Flatten]
[Dense(5)]
public partial class StridedValidConv;

[Input(3, 15, 15)]
[Conv2D(8, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.Tanh)]
[GlobalAvgPool2D]
[Dense(4, Activation = Activation.Sigmoid)]
public partial class SameStrideOddInput;

[Input(1, 28, 28)]
[Conv2D(8, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(8, 4, Padding = Padding.Same)]
[Flatten]
[Dense(10, Activation = Activation.Softmax)]
public partial class AsymmetricSameConv;

[Input(1, 20, 24)]
[Conv2D(6, 3, 5, Activation = Activation.LeakyReLU)]
[Conv2D(4, 1, 4, Padding = Padding.Same, Activation = Activation.ELU)]
[Flatten]
[Dense(3)]
public partial class NonSquareKernels;

[Input(2, 17, 23)]
[Conv2D(4, 3, Strides = new[] { 1, 2 }, Activation = Activation.GELU)]
[Conv2D(4, 3, Strides = new[] { 2, 3 }, Padding = Padding.Same)]
[Flatten]
[Dense(2, Activation = Activation.LogSoftmax)]
public partial class NonSquareStrides;

[Input(3, 12, 12)]
[Conv2D(5, 3, UseBias = false, Activation = Activation.ReLU)]
[Flatten]
[Dense(7, UseBias = false)]
public partial class NoBias;

[Input(4, 9, 9)]
[MaxPool2D(3, Stride = 1)]
[MaxPool2D(2, 3)]
[Flatten]
[Dense(2)]
public partial class MaxPoolValidVariants;

[Input(4, 7, 7)]
[MaxPool2D(2, Padding = Padding.Same)]
[MaxPool2D(3, Stride = 1, Padding = Padding.Same)]
[MaxPool2D(2, 3, Strides = new[] { 1, 2 }, Padding = Padding.Same)]
[Flatten]
[Dense(2)]
public partial class MaxPoolSameVariants;

[Input(3, 11, 11)]
[AvgPool2D(2)]
[AvgPool2D(2, Stride = 1)]
[Flatten]
[Dense(2)]
public partial class AvgPoolValid;

[Input(3, 9, 9)]
[AvgPool2D(2, Padding = Padding.Same)]
[AvgPool2D(3, Stride = 1, Padding = Padding.Same)]
[AvgPool2D(3, 2, Strides = new[] { 2, 1 }, Padding = Padding.Same)]
[Flatten]
[Dense(2)]
public partial class AvgPoolSame;

[Input(3, 16, 16)]
[Conv2D(8, 3, Padding = Padding.Same)]
[BatchNorm]
[Conv2D(8, 3, Activation = Activation.ReLU)]
[BatchNorm(Epsilon = 1e-5, Momentum = 0.9)]
[GlobalAvgPool2D]
[Dense(4)]
public partial class BatchNormImages;

[Input(784)]
[Dense(128, Activation = Activation.ReLU)]
[BatchNorm]
[Dropout(0.3)]
[Dense(64, Activation = Activation.Tanh)]
[Dense(10, Activation = Activation.LogSoftmax)]
public partial class FlatMlp;

[Input(10)]
[Flatten]
[Dense(1, Activation = Activation.Sigmoid)]
public partial class FlattenOfVector;

[Input(1, 10, 11)]
[Conv2D(3, 3, Stride = 3, Padding = Padding.Same)]
[Conv2D(3, 5, Stride = 3, Padding = Padding.Same)]
[Flatten]
[Dense(2)]
public partial class LargeStrideSame;

[Input(2, 11, 11)]
[MaxPool2D(2, Stride = 3)]
[AvgPool2D(1)]
[Flatten]
[Dense(3)]
public partial class PoolStrideLargerThanWindow;

[Input(3, 8, 8)]
[Conv2D(16, 8)]
[Flatten]
[Dense(4)]
public partial class KernelEqualsInput;

[Input(1, 5, 5)]
[Conv2D(2, 7, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(7, Padding = Padding.Same)]
[Flatten]
[Dense(2)]
public partial class WindowLargerThanInputWithSame;

[Input(3, 24, 24)]
[Conv2D(12, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(12, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dropout(0.25)]
[Conv2D(24, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[BatchNorm]
[MaxPool2D(2)]
[GlobalAvgPool2D]
[Dropout(0.5)]
[Dense(10, Activation = Activation.Softmax)]
public partial class VggStyle;

[Input(1, 6, 6)]
[Conv2D(2, 2, Padding = Padding.Same)]
[AvgPool2D(4, Stride = 3, Padding = Padding.Same)]
[Conv2D(3, 2, Stride = 2, Padding = Padding.Same)]
[Flatten]
[Dense(2)]
public partial class EvenWindowsEverywhere;

[Input(8, 1, 1)]
[Conv2D(4, 1, Activation = Activation.ReLU)]
[BatchNorm]
[Flatten]
[Dense(3, Activation = Activation.Softmax)]
public partial class OnePixelImages;

[Input(3, 13, 9)]
[Conv2D(4, 2, 3, Strides = new[] { 2, 1 }, Padding = Padding.Same, Activation = Activation.Sigmoid)]
[AvgPool2D(2, 1, Padding = Padding.Same)]
[MaxPool2D(1, 2)]
[Flatten]
[BatchNorm]
[Dense(2)]
public partial class RectangularEverything;

[Input(16)]
[Dense(16, Activation = Activation.GELU)]
[Dropout(0)]
[Dense(8, Activation = Activation.ELU)]
[Dense(4, Activation = Activation.LeakyReLU)]
[Dense(2)]
public partial class ActivationsOnVectors;

// Softmax on a hidden layer warns (DSL011); this project builds with warnings as errors, so the pragma
// must really reach the generator's diagnostic for the tests to compile at all.
#pragma warning disable DSL011
[Input(6)]
[Dense(6, Activation = Activation.Softmax)]
[Dense(2)]
public partial class HiddenSoftmaxWithPragma;
#pragma warning restore DSL011

[Input(8)]
[Dense(8, Activation = Activation.SiLU)]
[Dense(8, Activation = Activation.ReLU6)]
[Dense(8, Activation = Activation.HardSigmoid)]
[Dense(8, Activation = Activation.Softplus)]
[Dense(8, Activation = Activation.Softsign)]
[Dense(2, Activation = Activation.Exponential)]
public partial class MoreActivationsOnVectors;
