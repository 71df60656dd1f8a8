using Dsl;

namespace Dsl.Runtime.Tests.Models;

// The attention kinds: Embedding, MultiHeadAttention, Attention and PositionEmbedding, on sequences (steps, features) and
// integer token ids. The catalog-wide tests check their shapes and counts in a real forward pass and their ONNX form
// against ONNX Runtime at batch 1 and 7 (random ids, so now and then a padding id 0 that the masks leave out).

/// <summary>Token ids, their embedding plus a position embedding, self-attention by a bare MHA, a classifier.</summary>
[Input(12, DType = DType.Int64)]
[Embedding(20, 8, MaskZero = true, Name = "tokens")]
[PositionEmbedding(16, Name = "positions")]
[Add("tokens", "positions")]
[MultiHeadAttention(2, 4)]
[GlobalAvgPool1D]                                   // the mean over the tokens that are not padding
[Dense(3, Activation = Activation.Softmax)]
[ExpectParameters(20 * 8 + 16 * 8 + (2 * 4 * (8 + 8 + 2)) + (2 * 4 * (8 + 1)) + (2 * 4 * 8) + 8 + (8 * 3) + 3)]
public partial class TokenAttention;

/// <summary>Cross-attention with a separate key, another value size, a causal mask and an output size, then dot-product attention over the context.</summary>
[Input(5, 6, Name = "query")]
[Input(7, 4, Name = "context")]
[Input(7, 3, Name = "keys")]
[MultiHeadAttention(3, 2, ValueDim = 5, OutputShape = 4, UseCausalMask = true, Inputs = new[] { "query", "context", "keys" }, Name = "cross")]
[Attention(Inputs = new[] { "cross", "context" }, UseScale = true)]
[Flatten]
[ExpectParameters((3 * 2 * (6 + 3 + 2)) + (3 * 5 * (4 + 1)) + (3 * 5 * 4) + 4 + 1)]
public partial class CrossAttention;

/// <summary>Dot-product attention in every form: self, with a causal mask and concat scores, with a separate key, without biases in MHA.</summary>
[Input(6, 4)]
[Attention(UseScale = true)]
[Attention(ScoreMode = ScoreMode.Concat, UseCausalMask = true, Inputs = new[] { "input", "attention_1" })]
[Attention(ScoreMode = ScoreMode.Concat, UseScale = true, Inputs = new[] { "attention_2", "input", "attention_1" }, Dropout = 0.2)]
[MultiHeadAttention(2, 3, UseBias = false, Dropout = 0.1, From = "attention_3")]
[ExpectParameters(1 + 1 + 2 + (2 * 3 * (4 + 4)) + (2 * 3 * 4) + (2 * 3 * 4))]
public partial class AttentionForms;

/// <summary>A transformer encoder block: self-attention, dropout, a residual connection and a normalisation.</summary>
[Block]
[Param("heads", 2)]
[Param("dim", typeof(int))]
[MultiHeadAttention("num_heads: $heads, key_dim: $dim, dropout: 0.1, inputs: [input, input]")]
[Dropout(0.1)]
[Add("input", "dropout_1")]
[LayerNorm]
public partial class EncoderBlock;

/// <summary>Int32 token ids through two encoder blocks.</summary>
[Input(10, DType = DType.Int32)]
[Embedding(30, 6)]
[Use(typeof(EncoderBlock), "dim: 3", Repeat = 2, Name = "encoder")]
[Flatten]
[Dense(2)]
public partial class SmallEncoder;

/// <summary>Ids of two dimensions embed to three: (3, 4) → (3, 4, 5).</summary>
[Input(3, 4, DType = DType.Int64)]
[Embedding(10, 5)]
[Flatten]
public partial class GridEmbedding;
