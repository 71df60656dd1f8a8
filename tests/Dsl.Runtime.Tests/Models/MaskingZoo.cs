using Dsl;

namespace Dsl.Runtime.Tests.Models;

// Keras's masks: a Masking layer marks the padded steps, Dense, Dropout and merges pass the mask on (and-ed), and
// GlobalAvgPool1D averages the unmasked steps only. MaskingTests checks them against the unpadded sequences.

/// <summary>Six steps, the padded ones all zeros.</summary>
[Input(6, 3)]
[Masking]
[Dense(4, Activation = Activation.ReLU)]
[Dropout(0.1)]
[GlobalAvgPool1D]
[Dense(2)]
public partial class MaskedAverage;

/// <summary>The same layers on four steps: the unpadded twin of <see cref="MaskedAverage"/> (the same weights fit both).</summary>
[Input(4, 3)]
[Masking]
[Dense(4, Activation = Activation.ReLU)]
[Dropout(0.1)]
[GlobalAvgPool1D]
[Dense(2)]
public partial class MaskedAverageShort;

/// <summary>Two branches of one masked value, merged (their masks and-ed), padded with -1, pooled with keepdims.</summary>
[Input(5, 2)]
[Masking(-1, Name = "masked")]
[Dense(3, Name = "a")]
[Dense(3, From = "masked", Activation = Activation.Tanh, Name = "b")]
[Add("a", "b")]
[LayerNorm]
[GlobalAvgPool1D(Keepdims = true)]
[Flatten]
public partial class MaskedBranches;

/// <summary>The same layers on three steps: the unpadded twin of <see cref="MaskedBranches"/>.</summary>
[Input(3, 2)]
[Masking(-1, Name = "masked")]
[Dense(3, Name = "a")]
[Dense(3, From = "masked", Activation = Activation.Tanh, Name = "b")]
[Add("a", "b")]
[LayerNorm]
[GlobalAvgPool1D(Keepdims = true)]
[Flatten]
public partial class MaskedBranchesShort;

/// <summary>Masking alone, padded with 0.5.</summary>
[Input(4, 2)]
[Masking("mask_value: 0.5")]
public partial class MaskingOnly;

/// <summary>Token ids, 0 as padding: the embedding's mask reaches self-attention (its keys) and the average (its steps).</summary>
[Input(8, DType = DType.Int64)]
[Embedding(20, 6, MaskZero = true)]
[MultiHeadAttention(2, 4)]
[LayerNorm]
[GlobalAvgPool1D]
[Dense(2)]
public partial class MaskedTokens;

/// <summary>The unpadded twin of <see cref="MaskedTokens"/>: five tokens.</summary>
[Input(5, DType = DType.Int64)]
[Embedding(20, 6, MaskZero = true)]
[MultiHeadAttention(2, 4)]
[LayerNorm]
[GlobalAvgPool1D]
[Dense(2)]
public partial class MaskedTokensShort;

/// <summary>Keras's dot-product Attention over embedded tokens with a position embedding added: query and value masks.</summary>
[Input(8, DType = DType.Int64)]
[Embedding(20, 6, MaskZero = true, Name = "tokens")]
[PositionEmbedding(8)]
[Add("tokens", "position_embedding_1")]
[Attention(UseScale = true)]
[GlobalAvgPool1D]
public partial class MaskedDotAttention;

/// <summary>The unpadded twin of <see cref="MaskedDotAttention"/>, with the same table of positions (eight rows).</summary>
[Input(5, DType = DType.Int64)]
[Embedding(20, 6, MaskZero = true, Name = "tokens")]
[PositionEmbedding(8)]
[Add("tokens", "position_embedding_1")]
[Attention(UseScale = true)]
[GlobalAvgPool1D]
public partial class MaskedDotAttentionShort;
