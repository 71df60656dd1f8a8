namespace Dsl;

/// <summary>How up-sampling fills the new positions, and how the geometric augmentation layers read between pixels (Keras's <c>interpolation</c> argument).</summary>
public enum Interpolation
{
    /// <summary>The nearest value: up-sampling repeats each value (UpSampling2D's default, as Keras's).</summary>
    Nearest = 0,
    /// <summary>Linear in both directions, as Keras computes it (half-pixel centres, no corner alignment); the augmentation layers' default, as Keras's.</summary>
    Bilinear,
}
