using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Samples.Applications;

/// <summary>The YAML specs, embedded in this assembly: a model's file and the block files it uses, directly or through other blocks.</summary>
internal static partial class SpecFiles
{
    private const string Prefix = "Models/";

    /// <summary>The file of <paramref name="model"/> and of every block it uses, model first, blocks by name.</summary>
    public static IReadOnlyList<(string File, string[] Lines)> Of(string model)
    {
        var files = new List<(string, string[])> { Read(model + ".model.yaml") };
        var blocks = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string[]>(new[] { files[0].Item2 });
        while (pending.Count > 0)
        {
            foreach (var block in Uses(pending.Dequeue()))
            {
                if (blocks.Add(block))
                    pending.Enqueue(Read(block + ".block.yaml").Lines);
            }
        }
        files.AddRange(blocks.Select(b => Read(b + ".block.yaml")));
        return files;
    }

    /// <summary>
    /// The blocks a spec uses: the list entries whose key is capitalised (<c>- ResNetIdentityBlock: { … }</c>) and the
    /// blocks their first or later copies name (<c>first: { block: ResNetConvBlock }</c>).
    /// </summary>
    private static IEnumerable<string> Uses(string[] lines) =>
        lines.SelectMany(line => UseEntry().Matches(line).Concat(CopyBlock().Matches(line))).Select(m => m.Groups[1].Value);

    private static (string File, string[] Lines) Read(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + file)
            ?? throw new InvalidOperationException($"{file} is not embedded in the sample");
        using var reader = new StreamReader(stream);
        return (file, reader.ReadToEnd().TrimEnd('\n').Split('\n'));
    }

    [GeneratedRegex(@"^\s*-\s*([A-Z][A-Za-z0-9_]*)\s*:")]
    private static partial Regex UseEntry();

    [GeneratedRegex(@"\bblock:\s*([A-Z][A-Za-z0-9_]*)")]
    private static partial Regex CopyBlock();
}
