namespace Dsl.Data;

/// <summary>How an image folder's labels are encoded: Keras's <c>label_mode</c>.</summary>
public enum ImageLabelMode
{
    /// <summary>The class index, int64 (N) (Keras gives int32; TorchSharp's losses take int64).</summary>
    Int,

    /// <summary>A one-hot float32 vector per image, (N, classes), for categorical cross-entropy.</summary>
    Categorical,

    /// <summary>0 or 1 as float32, (N, 1), for binary cross-entropy; only with exactly two classes.</summary>
    Binary,
}
