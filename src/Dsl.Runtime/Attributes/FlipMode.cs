namespace Dsl;

/// <summary>Which flips Keras's <c>RandomFlip</c> may apply (its <c>mode</c>).</summary>
public enum FlipMode
{
    /// <summary>Left-right and top-bottom together: a flipped sample is mirrored both ways, which is a half turn (Keras's default).</summary>
    HorizontalAndVertical = 0,
    /// <summary>Left-right.</summary>
    Horizontal,
    /// <summary>Top-bottom.</summary>
    Vertical,
}
