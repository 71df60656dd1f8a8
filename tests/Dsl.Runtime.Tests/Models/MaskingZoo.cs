using Dsl;

namespace Dsl.Runtime.Tests.Models;

// Keras's masks: a Masking layer marks the padded steps, Dense, Dropout and merges pass the mask on (and-ed), and
// GlobalAvgPool1D averages the unmasked steps only. MaskingTests checks them against the unpadded sequences.

// Each twin pair shares its layers as a block (masks are made and used inside it), so that the same weights fit both
// lengths under the same state-dict keys.

/// <summary>Masking, Dense at every step (the mask passes), Dropout, the average of the unmasked steps, a classifier.</summary>
[Block]
[Masking]
[Dense(4, Activation = Activation.ReLU)]
[Dropout(0.1)]
[GlobalAvgPool1D]
[Dense(2)]
public partial class MaskedAverageLayers;

/// <summary>Six steps, the padded ones all zeros.</summary>
[Input(6, 3)]
[Use(typeof(MaskedAverageLayers), Name = "layers")]
public partial class MaskedAverage;

/// <summary>The unpadded twin of <see cref="MaskedAverage"/>: four steps.</summary>
[Input(4, 3)]
[Use(typeof(MaskedAverageLayers), Name = "layers")]
public partial class MaskedAverageShort;

/// <summary>Two branches of one masked value, merged (their masks and-ed), padded with -1, pooled with keepdims.</summary>
[Block]
[Masking(-1, Name = "masked")]
[Dense(3, Name = "a")]
[Dense(3, From = "masked", Activation = Activation.Tanh, Name = "b")]
[Add("a", "b")]
[LayerNorm]
[GlobalAvgPool1D(Keepdims = true)]
[Flatten]
public partial class MaskedBranchesLayers;

/// <summary>Five steps.</summary>
[Input(5, 2)]
[Use(typeof(MaskedBranchesLayers), Name = "layers")]
public partial class MaskedBranches;

/// <summary>The unpadded twin of <see cref="MaskedBranches"/>: three steps.</summary>
[Input(3, 2)]
[Use(typeof(MaskedBranchesLayers), Name = "layers")]
public partial class MaskedBranchesShort;

/// <summary>Masking alone, padded with 0.5.</summary>
[Input(4, 2)]
[Masking("mask_value: 0.5")]
public partial class MaskingOnly;

/// <summary>Token ids, 0 as padding: the embedding's mask reaches self-attention (its keys) and the average (its steps).</summary>
[Block]
[Embedding(20, 6, MaskZero = true)]
[MultiHeadAttention(2, 4)]
[LayerNorm]
[GlobalAvgPool1D]
[Dense(2)]
public partial class MaskedTokenLayers;

/// <summary>Eight tokens.</summary>
[Input(8, DType = DType.Int64)]
[Use(typeof(MaskedTokenLayers), Name = "layers")]
public partial class MaskedTokens;

/// <summary>The unpadded twin of <see cref="MaskedTokens"/>: five tokens.</summary>
[Input(5, DType = DType.Int64)]
[Use(typeof(MaskedTokenLayers), Name = "layers")]
public partial class MaskedTokensShort;

/// <summary>Keras's dot-product Attention over embedded tokens with a position embedding added: query and value masks.</summary>
[Block]
[Embedding(20, 6, MaskZero = true, Name = "tokens")]
[PositionEmbedding(8)]
[Add("tokens", "position_embedding_1")]
[Attention(UseScale = true)]
[GlobalAvgPool1D]
public partial class MaskedDotAttentionLayers;

/// <summary>Eight tokens.</summary>
[Input(8, DType = DType.Int64)]
[Use(typeof(MaskedDotAttentionLayers), Name = "layers")]
public partial class MaskedDotAttention;

/// <summary>The unpadded twin of <see cref="MaskedDotAttention"/>, with the same table of positions (eight rows).</summary>
[Input(5, DType = DType.Int64)]
[Use(typeof(MaskedDotAttentionLayers), Name = "layers")]
public partial class MaskedDotAttentionShort;

/// <summary>Token ids through recurrent layers: masked steps keep the state, in both directions and in the last GRU.</summary>
[Block]
[Embedding(20, 6, MaskZero = true)]
[Bidirectional]
[LSTM(5, ReturnSequences = true)]
[GRU(4)]
[Dense(2)]
public partial class MaskedRecurrentLayers;

/// <summary>Eight tokens.</summary>
[Input(8, DType = DType.Int64)]
[Use(typeof(MaskedRecurrentLayers), Name = "layers")]
public partial class MaskedRecurrent;

/// <summary>The unpadded twin of <see cref="MaskedRecurrent"/>: five tokens.</summary>
[Input(5, DType = DType.Int64)]
[Use(typeof(MaskedRecurrentLayers), Name = "layers")]
public partial class MaskedRecurrentShort;

/// <summary>
/// Masks past layers of several outputs: the sequence of an LSTM with return_state keeps the mask (its states need none),
/// and an unmerged Bidirectional's two sequences both keep it, so the average after their sum counts the real steps only.
/// </summary>
[Block]
[Embedding(20, 6, MaskZero = true)]
[LSTM(5, ReturnSequences = true, ReturnState = true, Name = "encoder")]
[Bidirectional(MergeMode.None, From = "encoder.output", Name = "both")]
[GRU(4, ReturnSequences = true)]
[Add("both.forward", "both.backward")]
[GlobalAvgPool1D(Name = "average")]
[Concatenate("average", "encoder.state_h")]
[Dense(2)]
public partial class MaskedStatesLayers;

/// <summary>Eight tokens.</summary>
[Input(8, DType = DType.Int64)]
[Use(typeof(MaskedStatesLayers), Name = "layers")]
public partial class MaskedStates;

/// <summary>The unpadded twin of <see cref="MaskedStates"/>: five tokens.</summary>
[Input(5, DType = DType.Int64)]
[Use(typeof(MaskedStatesLayers), Name = "layers")]
public partial class MaskedStatesShort;
