using Dsl;

namespace Dsl.Runtime.Tests.Training;

// Small generated models, so the training tests stay within seconds on two cores.

/// <summary>A cheap 12x12 classifier with dropout: learning, determinism, resume.</summary>
[Input(1, 12, 12)]
[Conv2D(8, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dropout(0.25)]
[Flatten]
[Dense(10, Activation = Activation.Softmax)]
public partial class SmallDropoutNet;

/// <summary>MNIST-shaped, for the memory test (so it can switch to the real MNIST fixture unchanged).</summary>
[Input(1, 28, 28)]
[Conv2D(8, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(10, Activation = Activation.Softmax)]
public partial class TinyMnistNet;

/// <summary>Three inputs straight to three softmax outputs: with identity weights, logits = inputs.</summary>
[Input(3)]
[Dense(3, Activation = Activation.Softmax)]
public partial class SoftmaxHead;

/// <summary>Like <see cref="SoftmaxHead"/>, ending with log-softmax.</summary>
[Input(3)]
[Dense(3, Activation = Activation.LogSoftmax)]
public partial class LogSoftmaxHead;

/// <summary>Like <see cref="SoftmaxHead"/>, without a final activation (logits).</summary>
[Input(3)]
[Dense(3)]
public partial class LogitsHead;

/// <summary>Ends with sigmoid: not a valid input for categorical cross-entropy.</summary>
[Input(3)]
[Dense(3, Activation = Activation.Sigmoid)]
public partial class SigmoidHead;

/// <summary>Ends with ReLU: not a valid input for categorical cross-entropy.</summary>
[Input(3)]
[Dense(3, Activation = Activation.ReLU)]
public partial class ReluHead;

/// <summary>Outputs a feature map, not one score per class.</summary>
[Input(1, 4, 4)]
[Conv2D(2, 1)]
public partial class SpatialOutput;

/// <summary>A small residual graph on 12x12 images: training, checkpoints and reports must treat graphs like stacks.</summary>
[Input(1, 12, 12)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "stem")]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Add("stem", "conv2d_1")]
[MaxPool2D(2)]
[Conv2D(4, 1, From = "stem", Name = "side")]
[MaxPool2D(2, Name = "side_pool")]
[Concatenate("max_pooling2d_1", "side_pool")]
[Dropout(0.25)]
[Flatten]
[Dense(10, Activation = Activation.Softmax)]
public partial class SmallResidualNet;
