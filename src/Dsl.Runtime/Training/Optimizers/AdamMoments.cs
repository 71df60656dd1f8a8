using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// The two running moments Keras's Adam and Nadam both keep per variable (slots <c>momentum</c> and <c>velocity</c>),
/// updated in place as adam.py and nadam.py update them.
/// </summary>
internal sealed class AdamMoments
{
    private readonly Scalar _beta1;
    private readonly Scalar _beta2;
    private readonly Scalar _oneMinusBeta1;
    private readonly Scalar _oneMinusBeta2;
    private readonly Tensor[] _momentums;
    private readonly Tensor[] _velocities;

    /// <summary>Moments with decays <paramref name="beta1"/> and <paramref name="beta2"/>, their slots and constants made by the optimizer.</summary>
    public AdamMoments(double beta1, double beta2, Func<double, Scalar> constant, Func<string, Tensor[]> addSlots)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        _beta1 = constant(beta1);
        _beta2 = constant(beta2);
        _oneMinusBeta1 = constant(1 - beta1);
        _oneMinusBeta2 = constant(1 - beta2);
        _momentums = addSlots("momentum");
        _velocities = addSlots("velocity");
    }

    /// <summary>The first moment's decay.</summary>
    public double Beta1 { get; }

    /// <summary>The second moment's decay.</summary>
    public double Beta2 { get; }

    /// <summary>Updates variable <paramref name="i"/>'s moments with <paramref name="gradient"/> and returns them.</summary>
    public (Tensor Momentum, Tensor Velocity) Update(int i, Tensor gradient)
    {
        var m = _momentums[i];
        var v = _velocities[i];
        m.mul_(_beta1).add_(gradient, _oneMinusBeta1);                 // m += (g - m)(1 - beta1)
        v.mul_(_beta2).addcmul_(gradient, gradient, _oneMinusBeta2);   // v += (g² - v)(1 - beta2)
        return (m, v);
    }
}
