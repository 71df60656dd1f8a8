namespace Dsl.Data;

/// <summary>How many channels an image folder's images are converted to: Keras's <c>color_mode</c>.</summary>
public enum ImageColorMode
{
    /// <summary>One channel, the luma of the colour (ITU-R BT.601, as Pillow's <c>convert("L")</c>), alpha ignored.</summary>
    Grayscale,

    /// <summary>Three channels, red, green and blue; alpha is dropped, not blended (Keras's default).</summary>
    Rgb,

    /// <summary>Four channels, red, green, blue and alpha (255 where the file has no alpha).</summary>
    Rgba,
}
