namespace Dsl.Data;

/// <summary>How images are resized to <see cref="ImageFolderOptions.ImageSize"/>: Keras's <c>interpolation</c>.</summary>
public enum ImageInterpolation
{
    /// <summary>
    /// Bilinear with half-pixel centres and no antialiasing, as <c>tf.image.resize</c> and Keras's torch backend
    /// (<c>interpolate(mode="bilinear", align_corners=False)</c>) compute it. Keras's default.
    /// </summary>
    Bilinear,

    /// <summary>Nearest neighbour with half-pixel centres: the source pixel is <c>floor((i + 0.5) * scale)</c>, as in TensorFlow.</summary>
    Nearest,
}
