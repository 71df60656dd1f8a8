using Dsl;

namespace Dsl.Runtime.Tests.Models;

// The image augmentation kinds: RandomFlip, RandomRotation, RandomTranslation, RandomZoom, RandomContrast and RandomCrop,
// with their options, on float and integer images. The catalog-wide tests check their shapes and counts in a real
// forward pass and their ONNX form (the identity; RandomCrop's evaluation crop and resize) against ONNX Runtime.

/// <summary>Every augmentation in front of a small classifier; the crop's evaluation form resizes a 20x15 window to 16x12.</summary>
[Input(3, 20, 16)]
[RandomFlip]
[RandomRotation(0.1, FillMode = FillMode.Constant, FillValue = 0.5)]
[RandomTranslation(new[] { -0.1, 0.2 }, new[] { 0.1 })]
[RandomZoom(0.2, 0.1, FillMode = FillMode.Wrap, Interpolation = Interpolation.Nearest)]
[RandomContrast(0.2, 0.2, ValueRange = new[] { -5.0, 5.0 })]
[RandomCrop(16, 12)]
[Conv2D(4, 3, Activation = Activation.ReLU)]
[GlobalAvgPool2D]
[Dense(3, Activation = Activation.Softmax)]
[ExpectParameters(127)]
public partial class AugmentedClassifier;

/// <summary>Augmentations alone, some with seeds: in evaluation the model is the identity.</summary>
[Input(2, 9, 9)]
[RandomFlip(FlipMode.Vertical, Seed = 1)]
[RandomRotation(-0.2, 0.3, Seed = 2)]
[RandomTranslation(0.2, 0.2, FillMode = FillMode.Nearest)]
[RandomZoom(-0.3)]
[RandomContrast(0.5)]
public partial class AugmentationsOnly;

/// <summary>Raw pixels: the crop casts them to float32; its evaluation window (rows 3 to 12) is the target's size, so no resize.</summary>
[Input(1, 16, 12, DType = DType.UInt8)]
[RandomCrop(10, 12)]
[Rescaling(1.0 / 255)]
[Flatten]
[Dense(2)]
public partial class CroppedPixels;

/// <summary>A flip on raw pixels: the inference graph is a cast to float32.</summary>
[Input(3, 6, 6, DType = DType.UInt8)]
[RandomFlip(FlipMode.Horizontal)]
[GlobalMaxPool2D]
public partial class FlippedPixels;
