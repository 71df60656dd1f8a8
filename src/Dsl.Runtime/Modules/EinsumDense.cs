using System;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// The projections of Keras's <c>MultiHeadAttention</c> (its <c>EinsumDense</c> sublayers), with Keras's weight layout
/// and names: the input's last <c>bound</c> dimensions are contracted with the kernel's first, which gives its other
/// dimensions: (N, T, D) with a (D, H, K) <c>kernel</c> and an (H, K) <c>bias</c> makes (N, T, H, K) (the query, key
/// and value projections), (N, T, H, V) with an (H, V, O) kernel and an (O) bias makes (N, T, O) (the output one).
/// </summary>
public sealed class EinsumDense : nn.Module<Tensor, Tensor>
{
    // The field names are the state-dict keys (Keras's), registered in this order; a null bias is skipped.
    /// <summary>The kernel: the contracted dimensions, then the output's.</summary>
    public TorchSharp.Modules.Parameter kernel;

    /// <summary>The bias, of the output's dimensions; null without one.</summary>
    public TorchSharp.Modules.Parameter? bias;

    private readonly long[] _outputDims;
    private readonly long _contracted;
    private readonly long _produced;
    private readonly int _bound;

    /// <param name="contracted">The input's last dimensions, which the kernel contracts: (D) or (H, V).</param>
    /// <param name="outputDims">The dimensions that replace them: (H, K) or (O).</param>
    /// <param name="useBias">Whether a bias of <paramref name="outputDims"/> is added.</param>
    public EinsumDense(long[] contracted, long[] outputDims, bool useBias) : base(nameof(EinsumDense))
    {
        ArgumentNullException.ThrowIfNull(contracted);
        ArgumentNullException.ThrowIfNull(outputDims);
        if (contracted.Length == 0 || outputDims.Length == 0 || contracted.Concat(outputDims).Any(d => d < 1))
            throw new ArgumentException("The kernel's dimensions must be given and at least 1.", nameof(contracted));
        _bound = contracted.Length;
        _outputDims = outputDims.ToArray();
        _contracted = contracted.Aggregate(1L, (a, b) => a * b);
        _produced = outputDims.Aggregate(1L, (a, b) => a * b);
        kernel = nn.Parameter(zeros(contracted.Concat(outputDims).ToArray()));
        if (useBias)
            bias = nn.Parameter(zeros(outputDims));
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var lead = input.shape[..^_bound];
        using var rows = input.reshape(-1, _contracted);
        using var weights = kernel.reshape(_contracted, _produced);
        using var product = bias is null ? rows.matmul(weights) : bias.reshape(_produced).addmm(rows, weights);
        return product.reshape(lead.Concat(_outputDims).ToArray());
    }
}
