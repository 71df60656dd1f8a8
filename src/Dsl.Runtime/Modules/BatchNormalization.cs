using System;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>BatchNormalization</c> without its learned scale gamma (<c>scale=False</c>), its learned offset beta
/// (<c>center=False</c>), or both, over the channels of (N, C), (N, C, L) or (N, C, H, W): <c>parameters()</c> holds
/// exactly Keras's trainable weights, gamma as <c>weight</c> (starting at 1) and beta as <c>bias</c> (starting at 0),
/// each only when kept, and the moving mean and variance are the buffers <c>running_mean</c> and <c>running_var</c>, as
/// in TorchSharp's BatchNorm1d and BatchNorm2d, whose computation this is (a missing gamma is 1, a missing beta 0).
/// </summary>
public sealed class BatchNormalization : nn.Module<Tensor, Tensor>
{
    // The field names are the state-dict keys; TorchSharp registers them in this order, and skips a null parameter.
    /// <summary>Gamma, or null without a learned scale.</summary>
    public TorchSharp.Modules.Parameter? weight;

    /// <summary>Beta, or null without a learned offset.</summary>
    public TorchSharp.Modules.Parameter? bias;

    /// <summary>The moving mean, starting at 0.</summary>
    public Tensor running_mean;

    /// <summary>The moving variance, starting at 1.</summary>
    public Tensor running_var;

    /// <param name="features">The channels or features normalised.</param>
    /// <param name="center">Whether beta is learned (Keras <c>center</c>).</param>
    /// <param name="scale">Whether gamma is learned (Keras <c>scale</c>).</param>
    /// <param name="eps">Added to the variance.</param>
    /// <param name="momentum">
    /// The share of a batch's statistic in each update of the moving ones, as TorchSharp's BatchNorm takes it: 1 − Keras's momentum.
    /// </param>
    public BatchNormalization(long features, bool center, bool scale, double eps, double momentum) : base(nameof(BatchNormalization))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        Eps = eps;
        Momentum = momentum;
        if (scale)
            weight = nn.Parameter(ones(features));
        if (center)
            bias = nn.Parameter(zeros(features));
        running_mean = zeros(features);
        running_var = ones(features);
        RegisterComponents();
    }

    /// <summary>Added to the variance for numerical stability.</summary>
    public double Eps { get; }

    /// <summary>The share of a batch's statistic in each update of the moving ones (1 − Keras's momentum).</summary>
    public double Momentum { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, Momentum, Eps);
    }
}
