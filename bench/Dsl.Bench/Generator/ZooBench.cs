using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Dsl.Bench.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dsl.Bench.Generator;

/// <summary>
/// The generator on the Keras Applications zoo (samples/Applications: six models and the blocks they use, as YAML):
/// the full run, the re-run after one block is edited, each model alone with its blocks, the size of what it generates
/// and what compiling that costs the C# compiler.
/// </summary>
internal static partial class ZooBench
{
    private const string Prefix = "Applications/";

    /// <summary>One edit a user makes inside a block every ResNet50 stage uses; the totals stay the same.</summary>
    private const string EditedBlock = "ResNetIdentityBlock.block.yaml";

    public static ZooResult Measure(IIncrementalGenerator generator, int runs, TextWriter console)
    {
        var specs = Specs();
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "ZooBench",
            [CSharpSyntaxTree.ParseText("namespace Samples.Applications;", parse, path: "/zoo/Empty.cs")],
            GeneratorBench.References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver NewDriver(ImmutableArray<AdditionalText> texts) =>
            CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], texts, parse, driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None));
        var all = specs.Select(s => (AdditionalText)new GeneratorBench.MemoryText("/zoo/" + s.Key, s.Value)).ToImmutableArray();
        var models = specs.Keys.Where(k => k.EndsWith(".model.yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        // Warm-up, then the full run on a fresh driver and compilation, as a build starts.
        GeneratorDriver last = NewDriver(all).RunGenerators(compilation.Clone());
        Check(last, models.Count);
        var full = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            var driver = NewDriver(all);
            var fresh = compilation.Clone();
            GeneratorBench.Settle();
            var clock = Stopwatch.StartNew();
            last = driver.RunGenerators(fresh);
            full.Add(clock.Elapsed.TotalMilliseconds);
            Check(last, models.Count);
        }

        // One block edited (an epsilon), alternating between two values, on a driver that has seen the zoo.
        var incremental = NewDriver(all).RunGenerators(compilation);
        int edited = all.IndexOf(all.Single(t => t.Path.EndsWith("/" + EditedBlock, StringComparison.Ordinal)));
        string original = specs[EditedBlock];
        if (!original.Contains("epsilon: 1.001e-5", StringComparison.Ordinal))
            throw new InvalidOperationException($"{EditedBlock} no longer has the epsilon the edit changes");
        var texts = all;
        var edits = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            string text = run % 2 == 0 ? original.Replace("epsilon: 1.001e-5", "epsilon: 1.002e-5", StringComparison.Ordinal) : original;
            var replacement = new GeneratorBench.MemoryText(texts[edited].Path, text);
            incremental = incremental.ReplaceAdditionalText(texts[edited], replacement);
            texts = texts.SetItem(edited, replacement);
            GeneratorBench.Settle();
            var clock = Stopwatch.StartNew();
            incremental = incremental.RunGenerators(compilation);
            edits.Add(clock.Elapsed.TotalMilliseconds);
            Check(incremental, models.Count);
        }

        // Each model alone, with the blocks it uses.
        var perModel = new List<ZooModel>();
        var generatedTrees = last.GetRunResult().GeneratedTrees;
        foreach (var model in models)
        {
            var files = Closure(model, specs);
            var own = files.Select(f => (AdditionalText)new GeneratorBench.MemoryText("/zoo/" + f, specs[f])).ToImmutableArray();
            NewDriver(own).RunGenerators(compilation.Clone());
            var times = new List<double>();
            for (int run = 0; run < runs; run++)
            {
                var driver = NewDriver(own);
                var fresh = compilation.Clone();
                GeneratorBench.Settle();
                var clock = Stopwatch.StartNew();
                Check(driver.RunGenerators(fresh), 1);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            string name = model[..model.IndexOf('.', StringComparison.Ordinal)];
            var tree = generatedTrees.Single(t => t.FilePath.EndsWith("." + name + ".model-yaml.g.cs", StringComparison.Ordinal));
            int specLines = files.Sum(f => Lines(specs[f]));
            perModel.Add(new ZooModel(name, specLines, files.Count - 1, Spread.Of(times)!, Lines(tree.ToString()), Encoding.UTF8.GetByteCount(tree.ToString())));
        }

        // What it generates, and what compiling that costs.
        var generated = generatedTrees.Select(t => (Path: Path.GetFileName(t.FilePath), Text: t.ToString())).ToList();
        var blocks = generated.Where(g => g.Path.EndsWith(".block.g.cs", StringComparison.Ordinal)).ToList();
        var withGenerated = compilation.AddSyntaxTrees(generatedTrees);
        Compile(withGenerated);
        var compile = new List<double>();
        for (int run = 0; run < Math.Min(runs, 5); run++)
        {
            var fresh = withGenerated.Clone();
            GeneratorBench.Settle();
            var clock = Stopwatch.StartNew();
            Compile(fresh);
            compile.Add(clock.Elapsed.TotalMilliseconds);
        }

        var result = new ZooResult(
            Spread.Of(full)!, Spread.Of(edits)!, perModel,
            generated.Count, generated.Sum(g => Lines(g.Text)), generated.Sum(g => Encoding.UTF8.GetByteCount(g.Text)),
            blocks.Count, blocks.Sum(g => Lines(g.Text)), blocks.Sum(g => Encoding.UTF8.GetByteCount(g.Text)),
            Spread.Of(compile)!);
        Print(result, console);
        return result;
    }

    private static void Print(ZooResult zoo, TextWriter console)
    {
        var c = CultureInfo.InvariantCulture;
        console.WriteLine(string.Create(c, $"zoo ({zoo.Models.Count} Keras Applications): full run {zoo.FullRunMs.Format("F1")} ms, re-run after editing {EditedBlock} {zoo.EditRerunMs.Format("F1")} ms"));
        console.WriteLine(string.Create(c, $"  generated: {zoo.GeneratedFiles} files, {zoo.GeneratedLines:N0} lines, {zoo.GeneratedBytes / 1024.0:N0} KB (of which {zoo.BlockFiles} block classes: {zoo.BlockLines:N0} lines, {zoo.BlockBytes / 1024.0:N0} KB)"));
        console.WriteLine(string.Create(c, $"  C# compile of the generated code (emit to memory): {zoo.CompileMs.Format("F0")} ms"));
        console.WriteLine("  model          spec lines (files)   generator alone ms   generated model file lines / KB");
        foreach (var m in zoo.Models)
            console.WriteLine(string.Create(c, $"  {m.Name,-14} {m.SpecLines,10} ({m.Blocks + 1,2})   {m.GeneratorMs.Format("F1"),-20} {m.ModelFileLines,8:N0} / {m.ModelFileBytes / 1024.0:N0}"));
    }

    /// <summary>Emits to memory; throws on an error, so a broken zoo is never timed as if it compiled.</summary>
    private static void Compile(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        if (!emitted.Success)
            throw new InvalidOperationException("The zoo's generated code does not compile: " + string.Join("; ", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(3)));
    }

    private static void Check(GeneratorDriver driver, int models)
    {
        var result = driver.GetRunResult();
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        int generated = result.GeneratedTrees.Count(t => t.FilePath.EndsWith(".model-yaml.g.cs", StringComparison.Ordinal));
        if (errors.Count > 0 || generated != models)
            throw new InvalidOperationException($"The zoo generated {generated} of {models} models, with errors: {string.Join("; ", errors.Take(3))}");
    }

    /// <summary>A model's spec and every block file it uses, directly or through other blocks.</summary>
    private static List<string> Closure(string model, IReadOnlyDictionary<string, string> specs)
    {
        var files = new List<string> { model };
        var pending = new Queue<string>(files);
        while (pending.Count > 0)
        {
            foreach (Match use in BlockName().Matches(specs[pending.Dequeue()]))
            {
                string file = use.Groups[1].Value + ".block.yaml";
                if (specs.ContainsKey(file) && !files.Contains(file))
                {
                    files.Add(file);
                    pending.Enqueue(file);
                }
            }
        }
        return files;
    }

    private static int Lines(string text) => text.Count(ch => ch == '\n') + (text.EndsWith('\n') ? 0 : 1);

    /// <summary>The zoo's spec files, by file name, from this program's resources.</summary>
    private static Dictionary<string, string> Specs()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var specs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            specs[name[Prefix.Length..]] = reader.ReadToEnd();
        }
        if (!specs.Keys.Any(k => k.EndsWith(".model.yaml", StringComparison.Ordinal)))
            throw new InvalidOperationException("This build embeds no Keras Applications specs (samples/Applications/Models)");
        return specs;
    }

    /// <summary>A use of a block in a spec: a capitalised list key (<c>- ResNetIdentityBlock:</c>) or <c>block: ResNetConvBlock</c>.</summary>
    [GeneratedRegex(@"(?:^\s*-\s*|\bblock:\s*)([A-Z][A-Za-z0-9_]*)", RegexOptions.Multiline)]
    private static partial Regex BlockName();
}

/// <summary>The zoo as a whole: generator runs, generated size and compile time.</summary>
internal sealed record ZooResult(
    Spread FullRunMs, Spread EditRerunMs, IReadOnlyList<ZooModel> Models,
    int GeneratedFiles, int GeneratedLines, int GeneratedBytes, int BlockFiles, int BlockLines, int BlockBytes, Spread CompileMs);

/// <summary>One model of the zoo: its spec (with the blocks it uses), the generator on it alone, its generated file.</summary>
internal sealed record ZooModel(string Name, int SpecLines, int Blocks, Spread GeneratorMs, int ModelFileLines, int ModelFileBytes);
