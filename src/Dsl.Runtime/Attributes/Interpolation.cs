namespace Dsl;

/// <summary>How up-sampling fills the new positions (Keras's <c>interpolation</c> argument).</summary>
public enum Interpolation
{
    /// <summary>Repeats each value (Keras's default).</summary>
    Nearest = 0,
    /// <summary>Linear in both directions, as Keras computes it (half-pixel centres, no corner alignment).</summary>
    Bilinear,
}
