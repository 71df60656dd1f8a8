using Dsl;

namespace Dsl.Runtime.Tests.Models;

// Normalization (adapted and constant statistics, Keras's axes, invert, integer input), Permute, RepeatVector and the
// merges' Keras 3 broadcasting (squeeze-and-excitation; a flat input or a sequence beside an image; a vector beside a
// sequence). The catalog-wide tests check their shapes and counts in a real forward pass and their ONNX form.

/// <summary>
/// Every form of Normalization's statistics on a (3, 5, 4) image: per channel (Keras's default axis -1: 3 + 3 + 1), per
/// pixel (Keras's axes 1 and 2, height and width: 20 + 20 + 1), one for all (Keras's axis=None: 1 + 1 + 1), and
/// constants (no weights, as in Keras), one of them inverted.
/// </summary>
[Input(3, 5, 4)]
[Normalization(Name = "per_channel")]
[Normalization(Axis = new[] { 1, 2 }, Name = "per_pixel")]
[Normalization(Axis = new int[0], Name = "overall")]
[Normalization(Mean = new[] { 0.5 }, Variance = new[] { 4.0 }, Name = "constant")]
[Normalization(Mean = new[] { 1.0, 2.0, 3.0 }, Variance = new[] { 1.0, 4.0, 0.0 }, Invert = true, Name = "inverted")]
[Flatten]
[Dense(2)]
[ExpectParameters(173)]
public partial class NormalizationVariants;

/// <summary>Raw pixels normalised per channel (Keras casts them to float32 first), and Keras's axis 3 (channels) written out.</summary>
[Input(2, 3, 3, DType = DType.UInt8)]
[Normalization(Axis = new[] { 3 })]
[GlobalMaxPool2D]
[ExpectParameters(5)]
public partial class NormalizedPixels;

/// <summary>
/// Squeeze-and-excitation as EfficientNet writes it: a (C) squeeze reshaped to (C, 1, 1), two 1x1 convolutions, and a
/// (C, 1, 1) gate times the (C, H, W) features.
/// </summary>
[Input(3, 8, 8)]
[Normalization]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.SiLU, Name = "features")]
[GlobalAvgPool2D]
[Reshape(8, 1, 1)]
[Conv2D(2, 1, Activation = Activation.SiLU)]
[Conv2D(8, 1, Activation = Activation.Sigmoid, Name = "gate")]
[Multiply("features", "gate")]
[GlobalAvgPool2D]
[Dense(3, Activation = Activation.Softmax)]
public partial class SqueezeExcite;

/// <summary>
/// Broadcasting across ranks, in Keras's order: a flat (4) input scales the 4 channels of a (4, 6, 5) image (Keras's
/// (4) beside (6, 5, 4)); a (5, 4) sequence is added along the width and the channels; a (1, 6, 5) image stretches over
/// the channels; a (4) vector beside the (5, 4) sequence; Subtract, Maximum, Minimum and Average broadcast too.
/// </summary>
[Input(4, 6, 5, Name = "image")]
[Input(4, Name = "scale")]
[Input(5, 4, Name = "rows")]
[Multiply("image", "scale", Name = "scaled")]
[Add("scaled", "rows", Name = "shifted")]
[Conv2D(1, 1, From = "shifted", Name = "column")]
[Subtract("shifted", "column", Name = "centred")]
[Maximum("rows", "scale", Name = "row_max")]
[Minimum("scale", "row_max", Name = "row_min")]
[Average("centred", "row_min", Name = "mean")]
[Flatten]
[Dense(2)]
public partial class BroadcastMerges;

/// <summary>A sequence-to-sequence hand-over: a vector repeated as 3 steps, its axes swapped, normalised per feature.</summary>
[Input(6)]
[Dense(4)]
[RepeatVector(3)]
[Permute(2, 1)]
[Normalization]
[Flatten]
[Dense(2)]
[ExpectParameters(28 + 7 + 26)]
public partial class RepeatedSteps;

/// <summary>Permute on an image, in Keras's order: height and width swapped, then Keras's (channels, height, width) order taken.</summary>
[Input(3, 5, 4)]
[Permute(2, 1, 3, Name = "transposed")]
[Permute(3, 1, 2, Name = "rotated")]
[Conv2D(2, 1)]
[Flatten]
[Dense(2)]
public partial class PermutedImage;

/// <summary>Probes for the numerics tests: each layer alone, its output the model's.</summary>
[Input(3, 4, 5)]
[Normalization]
public partial class NormalizedImageProbe;

/// <summary>Keras's docstring examples: features normalised per index of the last axis.</summary>
[Input(3)]
[Normalization]
public partial class NormalizedFeaturesProbe;

/// <summary>Keras's docstring example of de-normalising: the features' statistics, inverted.</summary>
[Input(3)]
[Normalization(Invert = true)]
public partial class DenormalizedFeaturesProbe;

/// <summary>Keras's docstring example of given statistics: Normalization(mean=3., variance=2.) on one feature.</summary>
[Input(1)]
[Normalization(Mean = new[] { 3.0 }, Variance = new[] { 2.0 })]
public partial class ConstantStatisticsProbe;

/// <summary>Keras's docstring example of axis=None: one mean and variance for every value.</summary>
[Input(1)]
[Normalization(Axis = new int[0])]
public partial class OverallStatisticsProbe;

/// <summary>Per-pixel statistics (Keras's axes 1 and 2: height and width) on a (2, 3, 4) image, and constants per channel inverted after them.</summary>
[Input(2, 3, 4)]
[Normalization(Axis = new[] { 1, 2 })]
[Normalization(Mean = new[] { 0.5, -1.0 }, Variance = new[] { 4.0, 0.25 }, Invert = true)]
public partial class PerPixelProbe;

/// <summary>A (C, 1, 1) gate times a (C, H, W) image.</summary>
[Input(3, 4, 5, Name = "x")]
[Input(3, 1, 1, Name = "gate")]
[Multiply("x", "gate")]
public partial class GateProbe;

/// <summary>Across ranks: a flat (3) input added to the channels, then a (5, 3) sequence multiplied along the width and channels.</summary>
[Input(3, 4, 5, Name = "image")]
[Input(3, Name = "vector")]
[Input(5, 3, Name = "rows")]
[Add("image", "vector", Name = "shifted")]
[Multiply("shifted", "rows")]
public partial class CrossRankProbe;

/// <summary>A (4) vector minus a (2, 4) sequence: the vector is each step's.</summary>
[Input(4, Name = "vector")]
[Input(2, 4, Name = "steps")]
[Subtract("vector", "steps")]
public partial class VectorMinusStepsProbe;

/// <summary>Keras's Permute((3, 1, 2)) on a (2, 3, 4) image: Keras's (3, 4, 2) becomes (2, 3, 4) in Keras's order.</summary>
[Input(2, 3, 4)]
[Permute(3, 1, 2)]
public partial class PermuteProbe;

/// <summary>RepeatVector(4) of three features.</summary>
[Input(3)]
[RepeatVector(4)]
public partial class RepeatProbe;
