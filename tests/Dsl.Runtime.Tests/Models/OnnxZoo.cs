using Dsl;

namespace Dsl.Runtime.Tests.Models;

// Edge cases of the ONNX export; the other zoos cover every kind, merge and activation.

/// <summary>A model whose inference graph has no operator at all: its output is its input.</summary>
[Input(5)]
[Dropout(0.5)]
public partial class OnlyDropout;

/// <summary>A shortcut taken from the layer before a final dropout: the output value is also another layer's input.</summary>
[Input(6)]
[Dense(6, Activation = Activation.Tanh, Name = "hidden")]
[Dense(6)]
[Add("hidden", "dense_1")]
[Dropout(0.5, From = "hidden")]
[Add("add_1", "dropout_1")]
public partial class SharedOutputValue;

/// <summary>A digit classifier with batch normalization, trained on the fixture before export; a low momentum, so that a few steps give real moving statistics.</summary>
[Input(1, 28, 28)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[BatchNorm(Momentum = 0.5)]
[MaxPool2D(2)]
[Dropout(0.25)]
[Conv2D(8, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.ReLU)]
[Flatten]
[Dense(10, Activation = Activation.Softmax)]
public partial class BatchNormDigits;
