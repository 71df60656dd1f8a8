using System;
using System.Collections.Generic;

namespace Dsl.Data;

/// <summary>
/// The arguments of Keras 3's <c>image_dataset_from_directory</c>, with Keras's defaults, for
/// <see cref="ImageFolder.Load"/> and <see cref="ImageFolder.Open"/>.
/// </summary>
public sealed record ImageFolderOptions
{
    /// <summary>The size every image is resized to, (height, width): Keras's <c>image_size</c>. Default (256, 256).</summary>
    public (int Height, int Width) ImageSize { get; init; } = (256, 256);

    /// <summary>Channels: Keras's <c>color_mode</c>. Default <see cref="ImageColorMode.Rgb"/>.</summary>
    public ImageColorMode ColorMode { get; init; } = ImageColorMode.Rgb;

    /// <summary>Label encoding: Keras's <c>label_mode</c>. Default <see cref="ImageLabelMode.Int"/>.</summary>
    public ImageLabelMode LabelMode { get; init; } = ImageLabelMode.Int;

    /// <summary>
    /// The classes and their order (index 0 first): Keras's <c>class_names</c>. Each must be a sub-folder; sub-folders
    /// not named are left out. Default null: every sub-folder not starting with '.', sorted by name (ordinal, as Python's <c>sorted</c>).
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>
    /// Whether to shuffle the file list (with <see cref="Seed"/>, as NumPy's <c>RandomState(seed).shuffle</c>, so the
    /// order is Keras's for the same seed). If false, files are in class order, then path order. Default true.
    /// </summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// The shuffle's seed, 0 or more. Required with <see cref="ValidationSplit"/> when shuffling, so that the training
    /// and validation subsets, loaded separately, are complementary. Default null: a random seed.
    /// </summary>
    public int? Seed { get; init; }

    /// <summary>The fraction of files kept for validation, strictly between 0 and 1: Keras's <c>validation_split</c>. Default null: none.</summary>
    public double? ValidationSplit { get; init; }

    /// <summary>Which part to load when <see cref="ValidationSplit"/> is set (then it is required): Keras's <c>subset</c>.</summary>
    public ImageSubset? Subset { get; init; }

    /// <summary>The resize filter: Keras's <c>interpolation</c>. Default <see cref="ImageInterpolation.Bilinear"/>.</summary>
    public ImageInterpolation Interpolation { get; init; } = ImageInterpolation.Bilinear;

    /// <summary>
    /// If true, each image is first cropped to the largest centred window of the target aspect ratio, so it is resized
    /// without distortion: Keras's <c>crop_to_aspect_ratio</c>. Default false.
    /// </summary>
    public bool CropToAspectRatio { get; init; }

    /// <summary>
    /// Receives Keras's messages ("Found 20 files belonging to 2 classes.", "Using 16 files for training.") and warnings,
    /// such as a class folder without images. Default null: silent.
    /// </summary>
    public Action<string>? Log { get; init; }
}
