using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dsl.Bench.Peers;

/// <summary>
/// The sample's row-wise recurrent classifier (samples/Mnist/Models/RowLstm.model.yaml) by hand in TorchSharp: libtorch's
/// own <c>nn.LSTM</c> (batch first) over the 28 rows, its last hidden state into <c>nn.Linear</c>. Keras's LSTM has one bias
/// per gate, libtorch's two (<c>bias_ih</c> and <c>bias_hh</c>): the twin keeps <c>bias_hh</c> at zero and frozen, which is
/// Keras's maths exactly, so the trainable count is Keras's 81,674 (the frozen 512 still ride along in libtorch's kernel).
/// Keras's initialisation: Glorot-uniform input kernel, orthogonal recurrent kernel, the forget gate's bias 1; libtorch's
/// gate order (i, f, g, o) is Keras's (i, f, c, o).
/// </summary>
internal sealed class RowLstmTwin : nn.Module<Tensor, Tensor>
{
    public const long Steps = 28, Features = 28, Units = 128, Classes = 10;

    // Field names are the state-dict keys.
    public readonly LSTM lstm;
    public readonly Linear dense;

    public RowLstmTwin() : base(nameof(RowLstmTwin))
    {
        lstm = nn.LSTM(Features, Units, batchFirst: true);
        dense = nn.Linear(Units, Classes);
        RegisterComponents();
        using var noGrad = torch.no_grad();
        var parameters = lstm.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        nn.init.xavier_uniform_(parameters["weight_ih_l0"]);
        nn.init.orthogonal_(parameters["weight_hh_l0"]);
        nn.init.zeros_(parameters["bias_ih_l0"]);
        parameters["bias_ih_l0"].narrow(0, Units, Units).fill_(1);
        nn.init.zeros_(parameters["bias_hh_l0"]);
        parameters["bias_hh_l0"].requires_grad = false;
        nn.init.xavier_uniform_(dense.weight!);
        nn.init.zeros_(dense.bias!);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var rows = input.reshape(input.shape[0], Steps, Features);
        var (_, hidden, _) = lstm.call(rows, null);
        return dense.call(hidden[0]).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// The sample's vision transformer (samples/Mnist/Models/VisionTransformer.model.yaml with TransformerEncoder.block.yaml)
/// by hand in TorchSharp: a strided 4x4 <c>nn.Conv2d</c> makes 49 patches of 64 features, a learned position embedding
/// is added, two pre-norm encoder layers (<see cref="EncoderLayerTwin"/>), a final <c>nn.LayerNorm</c>, the mean over
/// the patches and <c>nn.Linear</c>. Keras's initialisation throughout (Glorot-uniform, zero biases).
/// </summary>
internal sealed class VisionTransformerTwin : nn.Module<Tensor, Tensor>
{
    public const long Patches = 49, Width = 64, Classes = 10;

    public readonly Conv2d patches;
    public readonly Parameter positions;
    public readonly EncoderLayerTwin encoder1;
    public readonly EncoderLayerTwin encoder2;
    public readonly LayerNorm norm;
    public readonly Linear dense;

    public VisionTransformerTwin() : base(nameof(VisionTransformerTwin))
    {
        patches = nn.Conv2d(1, Width, 4, stride: 4);
        positions = nn.Parameter(torch.zeros(Patches, Width));
        encoder1 = new EncoderLayerTwin(Width, heads: 4, mlp: 128);
        encoder2 = new EncoderLayerTwin(Width, heads: 4, mlp: 128);
        norm = nn.LayerNorm(Width, eps: 1e-6);
        dense = nn.Linear(Width, Classes);
        RegisterComponents();
        using var noGrad = torch.no_grad();
        nn.init.xavier_uniform_(patches.weight!);
        nn.init.zeros_(patches.bias!);
        nn.init.xavier_uniform_(positions);
        nn.init.xavier_uniform_(dense.weight!);
        nn.init.zeros_(dense.bias!);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var x = patches.call(input).flatten(2).permute(0, 2, 1);   // (N, 49, 64)
        x = x + positions;
        x = encoder2.call(encoder1.call(x));
        return dense.call(norm.call(x).mean([1])).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// One pre-norm transformer encoder layer: <c>nn.LayerNorm</c>, libtorch's <c>nn.MultiheadAttention</c> (sequence first,
/// as TorchSharp's takes it; dropout 0.1 on the attention weights, no weights returned) with a residual, then
/// <c>nn.LayerNorm</c>, <c>nn.Linear</c> + <c>nn.GELU</c>, <c>nn.Dropout(0.1)</c>, <c>nn.Linear</c> with another. libtorch keeps the
/// query, key and value projections in one (3·64, 64) matrix; Keras's initialiser draws each as a (64, 4, 16) kernel,
/// whose fans are 256 and 1,024 (the output kernel's 64 and 256), which the twin's uniform limits follow.
/// </summary>
internal sealed class EncoderLayerTwin : nn.Module<Tensor, Tensor>
{
    public readonly LayerNorm norm1;
    public readonly MultiheadAttention attention;
    public readonly LayerNorm norm2;
    public readonly Linear mlp1;
    public readonly GELU gelu;
    public readonly Dropout mlp_dropout;
    public readonly Linear mlp2;

    public EncoderLayerTwin(long width, long heads, long mlp) : base(nameof(EncoderLayerTwin))
    {
        norm1 = nn.LayerNorm(width, eps: 1e-6);
        attention = nn.MultiheadAttention(width, heads, dropout: 0.1);
        norm2 = nn.LayerNorm(width, eps: 1e-6);
        mlp1 = nn.Linear(width, mlp);
        gelu = nn.GELU();
        mlp_dropout = nn.Dropout(0.1);
        mlp2 = nn.Linear(mlp, width);
        RegisterComponents();
        using var noGrad = torch.no_grad();
        var parameters = attention.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        long keyDim = width / heads;
        Uniform(parameters["in_proj_weight"], fanIn: width * heads, fanOut: keyDim * width);
        nn.init.zeros_(parameters["in_proj_bias"]);
        Uniform(parameters["out_proj.weight"], fanIn: keyDim * heads, fanOut: width * heads);
        nn.init.zeros_(parameters["out_proj.bias"]);
        nn.init.xavier_uniform_(mlp1.weight!);
        nn.init.zeros_(mlp1.bias!);
        nn.init.xavier_uniform_(mlp2.weight!);
        nn.init.zeros_(mlp2.bias!);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var h = norm1.call(input).transpose(0, 1);                 // (49, N, 64): sequence first
        var (attended, _) = attention.call(h, h, h, null, false, null);
        var x = input + attended.transpose(0, 1);
        var y = mlp2.call(mlp_dropout.call(gelu.call(mlp1.call(norm2.call(x)))));
        return (x + y).MoveToOuterDisposeScope();
    }

    /// <summary>Glorot-uniform with Keras's fans of the kernel's own shape: U(-l, l), l = sqrt(6 / (fan_in + fan_out)).</summary>
    private static void Uniform(Tensor weight, long fanIn, long fanOut)
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        nn.init.uniform_(weight, -limit, limit);
    }
}
