using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;

namespace Dsl.Data;

/// <summary>
/// Obtains MNIST over HTTPS from a mirror that serves the gzipped IDX files, as Keras and torchvision do.
/// </summary>
/// <param name="baseUri">The folder URL the .gz files are in, ending with a slash.</param>
/// <param name="client">The client to send requests with; tests pass one with a fake handler.</param>
internal sealed class HttpMirrorSource(Uri baseUri, HttpClient? client = null) : IMnistSource
{
    /// <summary>The mirrors Keras (Google) and torchvision (AWS) download from, in that order.</summary>
    public static IReadOnlyList<Uri> CanonicalMirrors { get; } =
    [
        new("https://storage.googleapis.com/cvdf-datasets/mnist/"),
        new("https://ossci-datasets.s3.amazonaws.com/mnist/"),
    ];

    // One client for the process (sockets are pooled). Each gzipped file is at most 10 MB; the timeout covers
    // the whole body because responses are buffered before they are read.
    private static readonly HttpClient SharedClient = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) })
    {
        Timeout = TimeSpan.FromMinutes(3),
    };

    /// <inheritdoc />
    public string Description => baseUri.ToString();

    /// <inheritdoc />
    public void Fetch(IReadOnlyCollection<string> fileNames, Action<string, Stream> store)
    {
        foreach (string name in fileNames)
        {
            var uri = new Uri(baseUri, name + ".gz");
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using HttpResponseMessage response = (client ?? SharedClient).Send(request, HttpCompletionOption.ResponseContentRead);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"GET {uri} returned {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
            using var body = new MemoryStream();
            using (Stream content = response.Content.ReadAsStream())
            {
                content.CopyTo(body);
            }
            body.Position = 0;
            // By content, in case a proxy already decompressed it.
            using Stream raw = Gzip.OpenMaybeCompressed(body);
            store(name, raw);
        }
    }
}
