namespace Dsl.Data;

/// <summary>Which part of an image folder to load when <see cref="ImageFolderOptions.ValidationSplit"/> is set: Keras's <c>subset</c>.</summary>
public enum ImageSubset
{
    /// <summary>Every file but the last <c>floor(ValidationSplit * N)</c> of the (shuffled) list.</summary>
    Training,

    /// <summary>The last <c>floor(ValidationSplit * N)</c> files of the (shuffled) list.</summary>
    Validation,
}
