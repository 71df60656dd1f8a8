using Dsl;

namespace Dsl.Runtime.Tests.Models;

// The seed notebook's three architectures, layer for layer as its code defines them
// (shared/seed: where the notebook's titles and code disagree, the code counts).

/// <summary>Seed architecture 1 (test accuracy 0.9925 in Keras).</summary>
[Input(1, 28, 28)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dropout(0.2)]
[Conv2D(28, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Dropout(0.35)]
[Conv2D(12, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Dropout(0.4)]
[Flatten]
[Dense(10, Activation = Activation.Softmax)]
[ExpectParameters(43_362)]
public partial class SeedModel1;

/// <summary>Seed architecture 2: four 2x2 max pools take 28x28 down to 1x1.</summary>
[Input(1, 28, 28)]
[Conv2D(60, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Dropout(0.25)]
[MaxPool2D(2)]
[Conv2D(40, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Dropout(0.35)]
[MaxPool2D(2)]
[Conv2D(28, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Dropout(0.5)]
[MaxPool2D(2)]
[Conv2D(14, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dropout(0.55)]
[Conv2D(8, 2, Padding = Padding.Same, Activation = Activation.ReLU)]
[Dropout(0.6)]
[Flatten]
[Dense(10, Activation = Activation.Softmax)]
[ExpectParameters(36_436)]
public partial class SeedModel2;

/// <summary>Seed architecture 3: a 5x5 convolution, a 3x3 pool (28 to 9), six more convolutions, two dense layers.</summary>
[Input(1, 28, 28)]
[Conv2D(80, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(3)]
[Conv2D(70, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Dropout(0.35)]
[Conv2D(50, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Dropout(0.35)]
[Conv2D(30, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Dropout(0.4)]
[Conv2D(20, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dropout(0.5)]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Dropout(0.5)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Dropout(0.55)]
[Flatten]
[Dense(100, Activation = Activation.ReLU)]
[Dropout(0.7)]
[Dense(10, Activation = Activation.Softmax)]
[ExpectParameters(121_016)]
public partial class SeedModel3;

/// <summary>
/// The attribute twin of the sample's graph model, samples/Mnist/Models/ResidualCnn.model.yaml (not a seed
/// architecture: a residual network to compare with them).
/// </summary>
[Input(1, 28, 28)]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "stem")]
[MaxPool2D(2, Name = "stem_pool")]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "block1_conv1")]
[Conv2D(16, 3, Padding = Padding.Same, Name = "block1_conv2")]
[Add("stem_pool", "block1_conv2", Name = "block1_add")]
[Activation(Activation.ReLU, Name = "block1_out")]
[Conv2D(32, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.ReLU, Name = "block2_conv1")]
[Conv2D(32, 3, Padding = Padding.Same, Name = "block2_conv2")]
[Conv2D(32, 1, Stride = 2, From = "block1_out", Name = "block2_shortcut")]
[Add("block2_shortcut", "block2_conv2", Name = "block2_add")]
[Activation(Activation.ReLU, Name = "block2_out")]
[GlobalAvgPool2D]
[Dropout(0.2)]
[Dense(10, Activation = Activation.Softmax)]
[ExpectParameters(19_562)]
public partial class SeedResidualCnn;
