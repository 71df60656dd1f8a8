using Dsl;

namespace Dsl.Runtime.Tests.Objectives;

/// <summary>A linear regression: one input feature, one value out.</summary>
[Input(1)]
[Dense(1)]
public partial class LinearRegression;

/// <summary>A logistic regression: two features, one probability out.</summary>
[Input(2)]
[Dense(1, Activation = Activation.Sigmoid)]
public partial class LogisticRegression;

/// <summary>Two heads on shared features: a class and a value, trained with a loss each.</summary>
[Input(2)]
[Dense(8, Activation = Activation.Tanh, Name = "shared")]
[Dense(2, Activation = Activation.Softmax, Name = "side")]
[Dense(1, From = "shared", Name = "distance")]
[Output("side")]
[Output("distance")]
public partial class TwoHeads;

/// <summary>
/// Keras's example "Convolutional autoencoder for image denoising" (keras.io/examples/vision/autoencoder): its
/// summary prints 28,353 parameters. The attribute twin of the sample's DenoisingAutoencoder.model.yaml.
/// </summary>
[Input(1, 28, 28)]
[Conv2D(32, 3, Activation = Activation.ReLU, Padding = Padding.Same)]
[MaxPool2D(2, Padding = Padding.Same)]
[Conv2D(32, 3, Activation = Activation.ReLU, Padding = Padding.Same)]
[MaxPool2D(2, Padding = Padding.Same)]
[Conv2DTranspose(32, 3, Stride = 2, Activation = Activation.ReLU, Padding = Padding.Same)]
[Conv2DTranspose(32, 3, Stride = 2, Activation = Activation.ReLU, Padding = Padding.Same)]
[Conv2D(1, 3, Activation = Activation.Sigmoid, Padding = Padding.Same)]
[ExpectParameters(28_353)]
public partial class SeedDenoisingAutoencoder;
