namespace Dsl;

/// <summary>
/// How Keras's geometric augmentation layers (RandomRotation, RandomTranslation, RandomZoom) fill the points that come
/// from outside the input (Keras's <c>fill_mode</c>); shown on the row a b c d.
/// </summary>
public enum FillMode
{
    /// <summary><c>(d c b a | a b c d | d c b a)</c>: reflected about the edge of the last pixel (Keras's default).</summary>
    Reflect = 0,
    /// <summary><c>(a b c d | a b c d | a b c d)</c>: wrapped around to the opposite edge.</summary>
    Wrap,
    /// <summary><c>(k k k k | a b c d | k k k k)</c>: the constant k, the layer's fill value (0 by default).</summary>
    Constant,
    /// <summary><c>(a a a a | a b c d | d d d d)</c>: the nearest edge pixel.</summary>
    Nearest,
}
