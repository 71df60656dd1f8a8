using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Dsl.Data;

/// <summary>
/// The files of an image folder with their class indices, in the order Keras 3's <c>image_dataset_from_directory</c>
/// gives them (its <c>index_directory</c> and <c>get_training_or_validation_split</c>): classes in order, each
/// class's files walked recursively in path order, the whole list shuffled with NumPy's <c>RandomState(seed)</c>,
/// then the subset cut off the end.
/// </summary>
internal sealed class ImageFolderIndex
{
    /// <summary>The extensions Keras reads (its <c>ALLOWLIST_FORMATS</c>), compared case-insensitively.</summary>
    public static readonly string[] Extensions = [".bmp", ".gif", ".jpeg", ".jpg", ".png"];

    private ImageFolderIndex(string directory, string[] classNames, string[] files, int[] labels)
    {
        Directory = directory;
        ClassNames = classNames;
        Files = files;
        Labels = labels;
    }

    /// <summary>The folder, as a full path.</summary>
    public string Directory { get; }

    /// <summary>The classes, index 0 first.</summary>
    public string[] ClassNames { get; }

    /// <summary>The files, full paths, in the order loaded.</summary>
    public string[] Files { get; }

    /// <summary>Each file's class index.</summary>
    public int[] Labels { get; }

    /// <summary>Lists and orders the files, checking the options as Keras does.</summary>
    /// <exception cref="ArgumentException">An option is invalid or the options contradict each other.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder has no class folders or no images.</exception>
    public static ImageFolderIndex Build(string directory, ImageFolderOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options);
        Action<string> log = options.Log ?? (_ => { });

        string root = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(root))
        {
            throw new DirectoryNotFoundException(
                File.Exists(root)
                    ? $"Image folder '{root}' is a file, not a folder. Pass the folder that holds one sub-folder per class."
                    : $"Image folder '{root}' does not exist. Pass the folder that holds one sub-folder per class (e.g. '{root}/cat', '{root}/dog').");
        }

        string[] classNames = ClassFolders(root, options.ClassNames);
        var files = new List<string>();
        var labels = new List<int>();
        for (int label = 0; label < classNames.Length; label++)
        {
            List<string> found = ImagesUnder(Path.Combine(root, classNames[label]));
            if (found.Count == 0)
            {
                // Keras keeps an empty class (its index stays reserved) without a word; say so, since it is rarely meant.
                log($"Warning: class folder '{Path.Combine(root, classNames[label])}' has no images ({string.Join(" ", Extensions)}); " +
                    $"class {label} ('{classNames[label]}') will have no samples.");
            }
            files.AddRange(found);
            labels.AddRange(Enumerable.Repeat(label, found.Count));
        }
        log($"Found {files.Count} files belonging to {classNames.Length} classes.");
        if (files.Count == 0)
        {
            throw new InvalidDataException(
                $"No images found in image folder '{root}': its class folders ({string.Join(", ", classNames.Select(c => $"'{c}'"))}) " +
                $"hold no files with the extensions {string.Join(" ", Extensions)}. Put each class's images in its folder.");
        }
        if (options.LabelMode == ImageLabelMode.Binary && classNames.Length != 2)
        {
            throw new ArgumentException(
                $"LabelMode.Binary needs exactly 2 classes, but image folder '{root}' has {classNames.Length} " +
                $"({string.Join(", ", classNames.Select(c => $"'{c}'"))}). Use LabelMode.Int or Categorical, or pass two ClassNames.",
                nameof(options));
        }

        int[] order = Enumerable.Range(0, files.Count).ToArray();
        if (options.Shuffle)
        {
            // Keras: seed = np.random.randint(1e6) when none is given.
            uint seed = options.Seed is int given ? (uint)given : (uint)Random.Shared.Next(1_000_000);
            new NumpyRandomState(seed).Shuffle(order);
        }
        order = Split(order, options, root, log);
        return new ImageFolderIndex(
            root, classNames, order.Select(i => files[i]).ToArray(), order.Select(i => labels[i]).ToArray());
    }

    /// <summary>Keras's <c>check_validation_split_arg</c> and the size and seed checks, before the disk is touched.</summary>
    private static void CheckOptions(ImageFolderOptions options)
    {
        var (height, width) = options.ImageSize;
        if (height <= 0 || width <= 0)
        {
            throw new ArgumentException($"ImageSize must be positive (height, width), but is ({height}, {width}).", nameof(options));
        }
        if (options.Seed is < 0)
        {
            throw new ArgumentException($"Seed must be 0 or more (NumPy's RandomState takes 0 to 2**32 - 1), but is {options.Seed}.", nameof(options));
        }
        if (options.ValidationSplit is double split && !(split > 0 && split < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), split, $"ValidationSplit must be strictly between 0 and 1 (a fraction such as 0.2), but is {split.ToString(CultureInfo.InvariantCulture)}.");
        }
        if (options.ValidationSplit is null != options.Subset is null)
        {
            throw new ArgumentException(
                options.Subset is null
                    ? "ValidationSplit is set but Subset is not: say which part to load (ImageSubset.Training or Validation)."
                    : "Subset is set but ValidationSplit is not: give the fraction to keep for validation (e.g. 0.2).",
                nameof(options));
        }
        if (options.ValidationSplit is not null && options.Shuffle && options.Seed is null)
        {
            throw new ArgumentException(
                "With ValidationSplit and Shuffle, a Seed is required, so that the training and validation subsets " +
                "(loaded separately) come from the same shuffle and do not overlap. Pass the same Seed to both loads.",
                nameof(options));
        }
        if (options.ClassNames is { } names)
        {
            string? repeated = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
            if (repeated is not null)
            {
                throw new ArgumentException($"ClassNames lists '{repeated}' twice; each class needs one index.", nameof(options));
            }
            if (names.Count == 0)
            {
                throw new ArgumentException("ClassNames is empty: list at least one class folder, or pass null for all of them.", nameof(options));
            }
        }
    }

    /// <summary>Keras: the sub-folders not starting with '.', sorted; or the given names, which must all be sub-folders.</summary>
    private static string[] ClassFolders(string root, IReadOnlyList<string>? given)
    {
        string[] folders = System.IO.Directory.EnumerateDirectories(root, "*", new EnumerationOptions { AttributesToSkip = 0 })
            .Select(Path.GetFileName)
            .Where(name => !string.IsNullOrEmpty(name) && !name.StartsWith('.'))
            .Select(name => name!)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (folders.Length == 0)
        {
            int loose = ImagesIn(root).Count();
            throw new InvalidDataException(
                $"Image folder '{root}' has no class folders: it needs one sub-folder per class, named after the class " +
                $"(e.g. '{Path.Combine(root, "cat")}', '{Path.Combine(root, "dog")}'), each holding that class's images." +
                (loose > 0 ? $" It holds {loose} images directly: move them into class folders." : ""));
        }
        if (given is null)
        {
            return folders;
        }
        string[] missing = given.Where(name => !folders.Contains(name, StringComparer.Ordinal)).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException(
                $"ClassNames names {string.Join(", ", missing.Select(m => $"'{m}'"))}, which {(missing.Length == 1 ? "is not a sub-folder" : "are not sub-folders")} " +
                $"of image folder '{root}'. Its class folders are {string.Join(", ", folders.Select(f => $"'{f}'"))}.",
                "options");
        }
        return given.ToArray();
    }

    /// <summary>
    /// A class folder's images as Python's <c>os.walk</c> lists them for Keras: every level below, folders in path
    /// order and files in name order, hidden ones included, without descending into linked folders.
    /// </summary>
    private static List<string> ImagesUnder(string classFolder)
    {
        var folders = new List<string>();
        var pending = new Stack<string>();
        pending.Push(classFolder);
        while (pending.Count > 0)
        {
            string folder = pending.Pop();
            folders.Add(folder);
            foreach (string sub in System.IO.Directory.EnumerateDirectories(folder, "*", new EnumerationOptions { AttributesToSkip = 0 }))
            {
                if (new DirectoryInfo(sub).LinkTarget is null)
                {
                    pending.Push(sub);
                }
            }
        }
        // Keras sorts the walk by folder path, then each folder's files by name.
        return folders.Order(StringComparer.Ordinal).SelectMany(ImagesIn).ToList();
    }

    private static IEnumerable<string> ImagesIn(string folder) =>
        System.IO.Directory.EnumerateFiles(folder, "*", new EnumerationOptions { AttributesToSkip = 0 })
            .Where(file => Extensions.Any(ext => file.EndsWith(ext, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal);

    /// <summary>Keras's <c>get_training_or_validation_split</c>: the last <c>int(split * N)</c> files validate.</summary>
    private static int[] Split(int[] order, ImageFolderOptions options, string root, Action<string> log)
    {
        if (options.ValidationSplit is not double split)
        {
            return order;
        }
        int validation = (int)(split * order.Length);
        if (validation == 0)
        {
            // Keras's slice samples[:-0] is empty here and its validation subset is everything; refuse instead.
            throw new ArgumentException(
                $"ValidationSplit {split.ToString(CultureInfo.InvariantCulture)} of the {order.Length} images in image folder '{root}' " +
                "keeps no image for validation (it rounds down to 0). Use a larger ValidationSplit or more images.",
                nameof(options));
        }
        if (options.Subset == ImageSubset.Training)
        {
            log($"Using {order.Length - validation} files for training.");
            return order[..^validation];
        }
        log($"Using {validation} files for validation.");
        return order[^validation..];
    }
}
