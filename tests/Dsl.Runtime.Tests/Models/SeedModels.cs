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
/// The attribute twins of the sample's blocks and graph models: samples/Mnist/Models/ResidualUnit.block.yaml,
/// DownsampleUnit.block.yaml, ResidualCnn.model.yaml (a residual network to compare with the seed architectures),
/// DigitEncoder.block.yaml and TwoViewCnn.model.yaml (two inputs, one shared encoder).
/// </summary>
[Block]
[Conv2D("filters: channels(input), kernel_size: 3, padding: same, activation: relu", Name = "conv1")]
[Conv2D("filters: channels(input), kernel_size: 3, padding: same", Name = "conv2")]
[Add("input", "conv2", Name = "add")]
[Activation(Activation.ReLU, Name = "out")]
public partial class ResidualUnit;

[Block]
[Param("filters", typeof(int))]
[Conv2D("filters: $filters, kernel_size: 3, strides: 2, padding: same, activation: relu", Name = "conv1")]
[Conv2D("filters: $filters, kernel_size: 3, padding: same", Name = "conv2")]
[Conv2D("filters: $filters, kernel_size: 1, strides: 2", From = "input", Name = "shortcut")]
[Add("shortcut", "conv2", Name = "add")]
[Activation(Activation.ReLU, Name = "out")]
public partial class DownsampleUnit;

[Input(1, 28, 28)]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "stem")]
[MaxPool2D(2, Name = "stem_pool")]
[Use(typeof(ResidualUnit), Name = "block1")]
[Use(typeof(DownsampleUnit), "filters: 32", Name = "block2")]
[GlobalAvgPool2D]
[Dropout(0.2)]
[Dense(10, Activation = Activation.Softmax)]
[ExpectParameters(19_562)]
public partial class SeedResidualCnn;

[Block]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[GlobalAvgPool2D]
public partial class DigitEncoder;

[Input(1, 28, 28, Name = "image")]
[Input(1, 28, 28, Name = "rotated")]
[Use(typeof(DigitEncoder), From = "image", Name = "encoder")]
[Reuse("encoder", From = "rotated")]
[Concatenate("encoder", "encoder_2")]
[Dropout(0.2)]
[Dense(10, Activation = Activation.Softmax)]
[ExpectParameters(5_450)]
public partial class SeedTwoViewCnn;

/// <summary>
/// The attribute twins of SiameseEmbedding.block.yaml and SiameseNetwork.model.yaml (Keras's siamese example: one
/// embedding network for both digits, the Euclidean distance between their embeddings).
/// </summary>
[Block]
[BatchNorm]
[Conv2D(4, 5, Activation = Activation.Tanh)]
[AvgPool2D(2)]
[Conv2D(16, 5, Activation = Activation.Tanh)]
[AvgPool2D(2)]
[Flatten]
[BatchNorm]
[Dense(10, Activation = Activation.Tanh)]
public partial class SiameseEmbedding;

[Input(1, 28, 28, Name = "left")]
[Input(1, 28, 28, Name = "right")]
[Use(typeof(SiameseEmbedding), From = "left", Name = "embedding")]
[Reuse("embedding", From = "right")]
[EuclideanDistance("embedding", "embedding_2")]
[ExpectParameters(5_318)]
public partial class SeedSiameseNetwork;

/// <summary>
/// The attribute twins of the sample's sequence models: TransformerEncoder.block.yaml and VisionTransformer.model.yaml
/// (a small vision transformer), RowLstm.model.yaml (each digit as 28 steps of 28 pixels).
/// </summary>
[Block]
[Param("heads", typeof(int))]
[Param("key_dim", typeof(int))]
[Param("mlp", typeof(int))]
[LayerNorm(Epsilon = 1e-6, Name = "norm1")]
[MultiHeadAttention("num_heads: $heads, key_dim: $key_dim, dropout: 0.1, inputs: [norm1, norm1]", Name = "attention")]
[Add("attention", "input", Name = "attended")]
[LayerNorm(Epsilon = 1e-6, Name = "norm2")]
[Dense("units: $mlp, activation: gelu", Name = "mlp1")]
[Dropout(0.1, Name = "mlp_dropout")]
[Dense("units: features(input)", Name = "mlp2")]
[Add("mlp2", "attended", Name = "out")]
public partial class TransformerEncoder;

[Input(1, 28, 28)]
[Conv2D(64, 4, Stride = 4, Name = "patches")]
[Reshape(64, 49)]
[Permute(2, 1, Name = "sequence")]
[PositionEmbedding(49, Name = "positions")]
[Add("sequence", "positions", Name = "embedded")]
[Use(typeof(TransformerEncoder), "heads: 4, key_dim: 16, mlp: 128", Name = "encoder1")]
[Use(typeof(TransformerEncoder), "heads: 4, key_dim: 16, mlp: 128", Name = "encoder2")]
[LayerNorm(Epsilon = 1e-6)]
[GlobalAvgPool1D]
[Dense(10, Activation = Activation.Softmax)]
[ExpectParameters(71_946)]
public partial class SeedVisionTransformer;

[Input(1, 28, 28)]
[Reshape(28, 28)]
[LSTM(128)]
[Dense(10, Activation = Activation.Softmax)]
[ExpectParameters(81_674)]
public partial class SeedRowLstm;

/// <summary>The attribute twin of AdditionRnn.model.yaml (Keras's addition example: LSTM encoder, RepeatVector, LSTM decoder, softmax per step).</summary>
[Input(7, 12)]
[LSTM(128)]
[RepeatVector(4)]
[LSTM(128, ReturnSequences = true)]
[Dense(12, Activation = Activation.Softmax)]
[ExpectParameters(205_324)]
public partial class SeedAdditionRnn;
