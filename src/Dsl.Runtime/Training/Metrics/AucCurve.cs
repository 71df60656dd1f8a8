namespace Dsl.Training;

/// <summary>The curve <see cref="Metric.Auc"/> measures the area under (Keras's <c>curve</c>).</summary>
public enum AucCurve
{
    /// <summary>Receiver operating characteristic: true positive rate against false positive rate (<c>"ROC"</c>).</summary>
    Roc,

    /// <summary>Precision against recall (<c>"PR"</c>).</summary>
    PrecisionRecall,
}
