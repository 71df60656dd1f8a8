using System;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>AUC</c> (<c>summation_method="interpolation"</c>, <c>multi_label=False</c>): confusion counts at fixed
/// thresholds over every value of the output, then the trapezoidal ROC area or Davis &amp; Goadrich's interpolated PR area.
/// </summary>
internal sealed class AucMetric : Metric
{
    private readonly double[] _thresholds;
    private readonly AucCurve _curve;

    public AucMetric(string name, int numThresholds, AucCurve curve)
        : base(name, higherIsBetter: true)
    {
        if (numThresholds < 2)
            throw new ArgumentOutOfRangeException(nameof(numThresholds), numThresholds, $"{name}'s numThresholds must be above 1 (Keras's default is 200).");
        if (!Enum.IsDefined(curve))
            throw new ArgumentOutOfRangeException(nameof(curve), curve, $"{name}'s curve must be Roc or PrecisionRecall.");
        // Keras: [0 − ε, 1/(n−1), 2/(n−1), …, (n−2)/(n−1), 1 + ε], so that 0 and 1 fall inside the first and last bins.
        const double epsilon = 1e-7;
        _thresholds = new double[numThresholds];
        _thresholds[0] = -epsilon;
        for (int i = 1; i < numThresholds - 1; i++)
            _thresholds[i] = i / (double)(numThresholds - 1);
        _thresholds[^1] = 1 + epsilon;
        _curve = curve;
    }

    /// <summary>True positives, false positives, true negatives and false negatives, one per threshold each.</summary>
    public override int Slots => 4 * _thresholds.Length;

    public override Tensor BatchTotals(Tensor target, ModelOutput output)
    {
        var values = output.Values;
        var y = ElementwiseLoss.SameShape(target, values).reshape(1, -1).to_type(ScalarType.Float64);
        var p = values.reshape(1, -1).to_type(ScalarType.Float64);
        var thresholds = tensor(_thresholds, ScalarType.Float64, device: p.device).unsqueeze(1);
        var above = p.gt(thresholds).to_type(ScalarType.Float64); // (thresholds, values)
        var truePositives = (above * y).sum(1);
        var falsePositives = (above * (1 - y)).sum(1);
        var positives = y.sum();
        var negatives = (1 - y).sum();
        return cat(new[] { truePositives, falsePositives, negatives - falsePositives, positives - truePositives });
    }

    public override double Result(ReadOnlySpan<double> totals)
    {
        int n = _thresholds.Length;
        var tp = totals[..n].ToArray();
        var fp = totals[n..(2 * n)].ToArray();
        var tn = totals[(2 * n)..(3 * n)].ToArray();
        var fn = totals[(3 * n)..].ToArray();
        return _curve == AucCurve.Roc ? RocArea(tp, fp, tn, fn) : PrArea(tp, fp, fn);
    }

    private static double RocArea(double[] tp, double[] fp, double[] tn, double[] fn)
    {
        double area = 0;
        for (int i = 0; i < tp.Length - 1; i++)
        {
            double x0 = DivideNoNan(fp[i], fp[i] + tn[i]), x1 = DivideNoNan(fp[i + 1], fp[i + 1] + tn[i + 1]);
            double y0 = DivideNoNan(tp[i], tp[i] + fn[i]), y1 = DivideNoNan(tp[i + 1], tp[i + 1] + fn[i + 1]);
            area += (x0 - x1) * (y0 + y1) / 2;
        }
        return area;
    }

    // Keras's interpolate_pr_auc (Davis & Goadrich 2006): precision interpolated along the true positives.
    private static double PrArea(double[] tp, double[] fp, double[] fn)
    {
        double area = 0;
        for (int i = 0; i < tp.Length - 1; i++)
        {
            double dtp = tp[i] - tp[i + 1];
            double p0 = tp[i] + fp[i], p1 = tp[i + 1] + fp[i + 1];
            double dp = p0 - p1;
            double slope = DivideNoNan(dtp, Math.Max(dp, 0));
            double intercept = tp[i + 1] - slope * p1;
            double ratio = p0 > 0 && p1 > 0 ? DivideNoNan(p0, Math.Max(p1, 0)) : 1;
            area += DivideNoNan(slope * (dtp + intercept * Math.Log(ratio)), Math.Max(tp[i + 1] + fn[i + 1], 0));
        }
        return area;
    }
}
