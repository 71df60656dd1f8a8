using Dsl;

namespace Dsl.Runtime.Tests.Models;

// Blocks, several inputs and outputs, reuse and integer inputs. Every model here is checked like the rest of the
// catalog: compile time = run time (CompileTimeEqualsRunTimeTests) and ONNX Runtime = TorchSharp (OnnxExportTests).

/// <summary>A residual block: two 3x3 convolutions (the first strided) and a 1x1 projection shortcut.</summary>
[Block]
[Param("filters", typeof(int))]
[Param("stride", 1)]
[Param("activation", Activation.ReLU)]
[Conv2D("filters: $filters, kernel_size: 3, strides: $stride, padding: same, activation: $activation")]
[Conv2D("filters: $filters, kernel_size: 3, padding: same")]
[BatchNorm]
[Conv2D("filters: $filters, kernel_size: 1, strides: $stride", From = "input", Name = "shortcut")]
[Add("shortcut", "batch_normalization_1")]
[Activation("$activation")]
public partial class ZooResidual;

/// <summary>
/// A stage of residual blocks (a block using a block): the first strided, the rest not, as ResNet's stages; the
/// stride-2 'same' convolution pads asymmetrically on even inputs, so its instances need two variants of the class.
/// </summary>
[Block]
[Param("filters", typeof(int))]
[Param("blocks", 2)]
[Use(typeof(ZooResidual), "filters: $filters", Repeat = 2, First = "stride: 2", Rest = "activation: tanh", Name = "unit")]
[Dropout(0.1)]
public partial class ZooStage;

[Input(3, 16, 16)]
[Conv2D(8, 3, Padding = Padding.Same, Name = "stem")]
[Use(typeof(ZooStage), "filters: 8")]
[Use(typeof(ZooStage), "filters: 12")]
[GlobalAvgPool2D]
[Dense(5, Activation = Activation.Softmax)]
public partial class StagedResidual;

/// <summary>A transition whose filters are half its input's channels: <c>channels(input)</c>, DenseNet's compression.</summary>
[Block]
[Param("reduction", 0.5)]
[BatchNorm]
[Activation(Activation.ReLU)]
[Conv2D("filters: int(channels(input) * $reduction), kernel_size: 1", UseBias = false)]
[AvgPool2D(2)]
public partial class ZooTransition;

/// <summary>A dense layer of DenseNet: its new features concatenated to its input.</summary>
[Block]
[Param("growth", 4)]
[BatchNorm]
[Activation(Activation.ReLU)]
[Conv2D("filters: $growth, kernel_size: 3, padding: same", UseBias = false)]
[Concatenate("input", "conv2d_1")]
public partial class ZooDenseLayer;

[Input(2, 12, 12)]
[Use(typeof(ZooDenseLayer), Repeat = 3, Name = "dense1")]
[Use(typeof(ZooTransition))]
[Use(typeof(ZooDenseLayer), "growth: 6", Repeat = 2)]
[GlobalMaxPool2D]
[Dense(3)]
public partial class DenselyConnected;

/// <summary>A block with two inputs and two outputs: their sum and their product, each through its own Dense.</summary>
[Block(Inputs = new[] { "a", "b" })]
[Param("units", 4)]
[Add("a", "b")]
[Multiply("a", "b")]
[Dense("$units", From = "add_1", Name = "sum", Activation = Activation.Sigmoid)]
[Dense("$units", From = "multiply_1", Name = "product")]
[Output("sum")]
[Output("product")]
public partial class ZooPair;

/// <summary>
/// Two inputs (an image and integer metadata, cast by Rescaling), a block with two inputs and two outputs, a softmax
/// output that a later layer also reads, and two outputs of the model.
/// </summary>
[Input(1, 8, 8, Name = "image")]
[Input(6, Name = "meta", DType = DType.Int64)]
[Flatten(From = "image")]
[Dense(6, Name = "features", Activation = Activation.ReLU)]
[Rescaling(0.1, From = "meta")]
[Use(typeof(ZooPair), "units: 5", Inputs = new[] { "features", "rescaling_1" }, Name = "pair")]
[Concatenate("pair.sum", "pair.product")]
[Dense(4, Activation = Activation.Softmax, Name = "classes")]
[Dense(2, From = "classes", Name = "auxiliary")]
[Output("classes")]
[Output("auxiliary")]
public partial class ImageAndMetadata;

/// <summary>A siamese network: one encoder block applied to two images, with its weights shared.</summary>
[Block]
[Conv2D(4, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(6)]
public partial class ZooEncoder;

[Input(1, 10, 10, Name = "left")]
[Input(1, 10, 10, Name = "right")]
[Use(typeof(ZooEncoder), From = "left", Name = "encoder")]
[Reuse("encoder", From = "right")]
[Subtract("encoder", "encoder_2")]
[Dense(8, Activation = Activation.ReLU, Name = "shared")]
[Reuse("shared", From = "encoder")]
[Concatenate("shared", "shared_2")]
[Dense(2, Activation = Activation.Softmax)]
public partial class SiamesePair;

/// <summary>Raw bytes in: a uint8 image rescaled to [0, 1] inside the model, and an integer vector flattened through.</summary>
[Input(1, 6, 6, DType = DType.UInt8)]
[Rescaling(1.0 / 255, Offset = -0.5)]
[Conv2D(3, 3, Activation = Activation.ELU)]
[Flatten]
[Dense(2)]
public partial class RawPixels;
