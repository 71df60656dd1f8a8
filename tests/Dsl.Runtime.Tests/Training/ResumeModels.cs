using Dsl;

namespace Dsl.Runtime.Tests.Training;

// Models whose training draws random numbers from every source a resumed run must restore: dropout and an augmentation
// layer without a seed (TorchSharp's global generator, reseeded per epoch), and augmentation layers with their own
// seeded generator (which runs on across epochs, as Keras's SeedGenerator does).

/// <summary>A 12x12 classifier with a seeded rotation, an unseeded translation and dropout.</summary>
[Input(1, 12, 12)]
[RandomRotation(0.1, Seed = 3)]
[RandomTranslation(0.1, 0.1)]
[Conv2D(8, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dropout(0.25)]
[Flatten]
[Dense(10, Activation = Activation.Softmax)]
public partial class AugmentedDropoutNet;

/// <summary>
/// Digits read from an image folder (grayscale 28x28, pixel values 0 to 255): rescaled in the model, then
/// rotated, shifted and zoomed in training by seeded layers, as Keras's image classification examples do.
/// </summary>
[Input(1, 28, 28)]
[Rescaling(1.0 / 255)]
[RandomRotation(0.05, Seed = 1)]
[RandomTranslation(0.1, 0.1, Seed = 2)]
[RandomZoom(0.1, Seed = 3)]
[Conv2D(16, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(32, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dropout(0.2)]
[Dense(10, Activation = Activation.Softmax)]
public partial class FolderDigitsNet;
