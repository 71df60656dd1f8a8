using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>Nadam</c> update (nadam.py): slots <c>momentum</c> and <c>velocity</c>, and the running product
/// <c>u_product</c> of the momentum schedule, kept here as a double (Keras: a float32 variable starting at 1).
/// </summary>
internal sealed class NadamOptimizer : KerasOptimizer
{
    /// <summary>Keras's name of the momentum schedule's running product; saved under it.</summary>
    public const string UProductName = "u_product";

    private readonly AdamMoments _moments;
    private readonly Scalar _epsilon;
    private double _uProduct = 1.0;

    public NadamOptimizer(OptimizerSettings settings, IReadOnlyList<Parameter> parameters, double beta1, double beta2, double epsilon)
        : base(settings, parameters)
    {
        _moments = new AdamMoments(beta1, beta2, Constant, name => AddSlots(name));
        _epsilon = Constant(epsilon);
    }

    /// <inheritdoc />
    protected override void Update(ReadOnlySpan<Parameter> variables, ReadOnlySpan<Tensor?> gradients, double learningRate)
    {
        // Once per step, before the variables (Keras's _backend_update_step): the product now includes u_t.
        double localStep = Iterations + 1;
        double uT = _moments.Beta1 * (1.0 - 0.5 * Math.Pow(0.96, localStep));
        double uNext = _moments.Beta1 * (1.0 - 0.5 * Math.Pow(0.96, localStep + 1));
        _uProduct *= uT;
        double uProductNext = _uProduct * uNext;
        double beta2Power = Math.Pow(_moments.Beta2, localStep);

        // m̂ = m * u_{t+1} / (1 - u_product u_{t+1}) + g * (1 - u_t) / (1 - u_product); v̂ = v / (1 - beta2^t).
        using Scalar momentumWeight = uNext / (1 - uProductNext);
        using Scalar gradientWeight = (1 - uT) / (1 - _uProduct);
        using Scalar velocityCorrection = 1 - beta2Power;
        using Scalar negativeRate = -learningRate;
        for (int i = 0; i < variables.Length; i++)
        {
            if (gradients[i] is not { } gradient)
                continue;
            var (m, v) = _moments.Update(i, gradient);
            using var mHat = m.mul(momentumWeight).add_(gradient, gradientWeight);
            using var denominator = v.div(velocityCorrection).sqrt_().add_(_epsilon);
            variables[i].addcdiv_(mHat, denominator, negativeRate);                // w -= lr m̂ / (sqrt(v̂) + eps)
        }
    }

    /// <inheritdoc />
    protected override void AddExtraState(IDictionary<string, Tensor> state) =>
        state[UProductName] = torch.tensor(_uProduct, ScalarType.Float64);

    /// <inheritdoc />
    protected override void ReadExtraState(IReadOnlyDictionary<string, Tensor> state) =>
        _uProduct = state[UProductName].item<double>();
}
