using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using Dsl.Bench.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Dsl.Bench.Generator;

/// <summary>
/// <c>generator</c>: the source generator's own cost, in-process with <see cref="CSharpGeneratorDriver"/> as the compiler
/// and IDEs run it. For 1, 10, 100 and 1,000 models (each a copy of the seed's Model1 under another name, one file per
/// model, declared in attributes or in YAML): a full run on a fresh driver, and the incremental re-run after one model's
/// file is edited. Medians of several runs, after a warm-up run that pays for JIT compilation.
/// </summary>
internal static class GeneratorBench
{
    public const string Usage = """
        dotnet run --project bench/Dsl.Bench -c Release -- generator [options]
          --counts 1,10,100,1000   models per compilation
          --runs 7                 timed runs of each (the median is reported)
          --kinds attributes,yaml,zoo   zoo: the Keras Applications of samples/Applications (six models and their
                                   blocks): full run, re-run after a block edit, each model alone, generated size,
                                   C# compile time of the generated code
          --explain                also print where the re-run after one edit spends its time (tracked steps)
          --out FILE               the JSON (default: runs/bench/generator-<time>.json)
        """;

    public static int Run(Args args, TextWriter console)
    {
        var counts = args.Ints("--counts", [1, 10, 100, 1000]);
        int runs = args.Int("--runs", 7, min: 1);
        var kinds = args.List("--kinds", ["attributes", "yaml", "zoo"]);
        bool explain = args.Flag("--explain");
        foreach (var kind in kinds)
        {
            if (kind is not ("attributes" or "yaml" or "zoo"))
                throw new UsageException($"--kinds takes attributes, yaml and/or zoo, not '{kind}'.");
        }
        string output = args.Text("--out") ?? Path.Combine("runs", "bench", $"generator-{DateTime.Now:yyyyMMdd-HHmmss}.json");
        args.EnsureAllUsed();

        var machine = Machine.Capture();
        var started = DateTime.UtcNow;
        var generator = LoadGenerator();
        console.WriteLine($"Load average before the run: {machine.LoadAverageAtStart ?? "unknown"}. Generator: {generator.GetType().Assembly.Location}");
        // Warm-up: JIT-compiles the generator, Roslyn's binder and the YAML parser.
        var copies = kinds.Where(k => k != "zoo").ToList();
        foreach (var kind in copies)
            Measure(generator, kind, Math.Min(10, counts.Max()), runs: 1, explain: null);

        var results = new List<GeneratorResult>();
        foreach (var kind in copies)
        {
            foreach (int count in counts)
            {
                var result = Measure(generator, kind, count, runs, explain ? console : null);
                results.Add(result);
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{kind,-10} {count,5:N0} models: full run {result.FullRunMs.Format("F1")} ms ({result.FullRunMs.Median * 1000 / count:F0} µs per model), re-run after one edit {result.EditRerunMs.Format("F1")} ms; {result.GeneratedFiles} files"));
            }
        }

        var zoo = kinds.Contains("zoo") ? ZooBench.Measure(generator, runs, console) : null;

        var report = new GeneratorBenchReport(started, DateTime.UtcNow, Environment.CommandLine, machine, Machine.LoadAverage(), runs, results) { Zoo = zoo };
        console.WriteLine($"JSON: {BenchJson.Write(output, report)}");
        return 0;
    }

    private static GeneratorResult Measure(IIncrementalGenerator generator, string kind, int count, int runs, TextWriter? explain)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var sources = Enumerable.Range(1, count).Select(i => Source(kind, i, edited: false)).ToList();
        var compilation = CSharpCompilation.Create(
            "GeneratorBench" + count,
            kind == "attributes"
                ? sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"/bench/Model{i + 1:D4}.cs"))
                : [CSharpSyntaxTree.ParseText("namespace Bench.Generated;", parse, path: "/bench/Empty.cs")],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var texts = kind == "yaml"
            ? sources.Select((s, i) => (AdditionalText)new MemoryText($"/bench/Model{i + 1:D4}.model.yaml", s)).ToImmutableArray()
            : ImmutableArray<AdditionalText>.Empty;

        GeneratorDriver NewDriver(bool track = false) => CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], texts, parse,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

        var full = new List<double>();
        int files = 0;
        for (int run = 0; run < runs; run++)
        {
            // A fresh compilation each time (same parsed files, no bound symbols), as a build starts with; the
            // binding the generator asks for (its attributes' symbols) is part of what it costs.
            var fresh = compilation.Clone();
            var driver = NewDriver();
            Settle();
            var clock = Stopwatch.StartNew();
            driver = driver.RunGenerators(fresh);
            full.Add(clock.Elapsed.TotalMilliseconds);
            files = Check(driver, count);
        }

        // Incremental: one driver that has seen the compilation, then one model's file edited per run (a dropout rate
        // changed, so the parameter count still holds), as when a user types in one file.
        var incremental = NewDriver().RunGenerators(compilation);
        var edits = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            int index = run % count;
            bool edited = run / count % 2 == 0;
            if (kind == "attributes")
            {
                var old = compilation.SyntaxTrees.ElementAt(index);
                compilation = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(Source(kind, index + 1, edited), parse, path: old.FilePath));
            }
            else
            {
                var old = texts[index];
                var replacement = new MemoryText(old.Path, Source(kind, index + 1, edited));
                incremental = incremental.ReplaceAdditionalText(old, replacement);
                texts = texts.SetItem(index, replacement);
            }
            Settle();
            var clock = Stopwatch.StartNew();
            incremental = incremental.RunGenerators(compilation);
            edits.Add(clock.Elapsed.TotalMilliseconds);
            Check(incremental, count);
        }
        if (explain is not null)
        {
            // Step tracking slows Roslyn down a lot (tens of times with 1,000 YAML files), so it gets runs of its own,
            // untimed: what matters is each step's share.
            var tracked = NewDriver(track: true).RunGenerators(compilation.Clone());
            Explain(tracked, kind, count, "full run", explain);
            if (kind == "attributes")
            {
                var old = compilation.SyntaxTrees.First();
                var edited = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(old.GetText().ToString().Replace("Dropout(0.2", "Dropout(0.3", StringComparison.Ordinal), parse, path: old.FilePath));
                Explain(tracked.RunGenerators(edited), kind, count, "re-run after one edit", explain);
            }
            else
            {
                var replacement = new MemoryText(texts[0].Path, texts[0].GetText()!.ToString().Replace("dropout: 0.2", "dropout: 0.3", StringComparison.Ordinal));
                Explain(tracked.ReplaceAdditionalText(texts[0], replacement).RunGenerators(compilation), kind, count, "re-run after one edit", explain);
            }
        }
        return new GeneratorResult(kind, count, Spread.Of(full)!, Spread.Of(edits)!, files);
    }

    /// <summary>The tracked steps of the last run, slowest first, with how many of their outputs were recomputed.</summary>
    private static void Explain(GeneratorDriver driver, string kind, int count, string what, TextWriter console)
    {
        var result = driver.GetRunResult().Results.Single();
        var steps = result.TrackedSteps.Concat(result.TrackedOutputSteps)
            .Select(pair => (Name: pair.Key, Ms: pair.Value.Sum(s => s.ElapsedTime.TotalMilliseconds), Runs: pair.Value.Length,
                Recomputed: pair.Value.SelectMany(s => s.Outputs).Count(o => o.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified)))
            .OrderByDescending(step => step.Ms)
            .Take(12);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind} {count} models, {what}, with step tracking (slower than untracked):"));
        foreach (var step in steps)
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {step.Name,-45} {step.Ms,8:F2} ms  {step.Runs,5} runs  {step.Recomputed,5} outputs recomputed"));
    }

    /// <summary>Collects garbage left by the previous run, so it is not charged to the next.</summary>
    internal static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Thread.Sleep(10);
    }

    /// <summary>Throws unless the run generated at least one file per model and reported no error.</summary>
    private static int Check(GeneratorDriver driver, int count)
    {
        var result = driver.GetRunResult();
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0 || result.GeneratedTrees.Length < count)
            throw new InvalidOperationException($"The generator produced {result.GeneratedTrees.Length} files for {count} models, with errors: {string.Join("; ", errors.Take(3))}");
        return result.GeneratedTrees.Length;
    }

    /// <summary>The seed's Model1 as model number <paramref name="index"/>; an edit changes the first dropout rate.</summary>
    private static string Source(string kind, int index, bool edited)
    {
        string name = "Model" + index.ToString("D4", CultureInfo.InvariantCulture);
        string rate = edited ? "0.25" : "0.2";
        return kind == "attributes"
            ? $$"""
              using Dsl;

              namespace Bench.Generated;

              [Input(1, 28, 28)]
              [Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
              [MaxPool2D(2)]
              [Dropout({{rate}})]
              [Conv2D(28, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
              [Dropout(0.35)]
              [Conv2D(12, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
              [Dropout(0.4)]
              [Flatten]
              [Dense(10, Activation = Activation.Softmax)]
              [ExpectParameters(43_362)]
              public partial class {{name}};
              """
            : $$"""
              model: {{name}}
              namespace: Bench.Generated
              input: [1, 28, 28]
              layers:
                - conv2d: { filters: 64, kernel_size: 3, padding: same, activation: relu }
                - max_pooling2d: { pool_size: 2 }
                - dropout: {{rate}}
                - conv2d: { filters: 28, kernel_size: 3, padding: same, activation: relu }
                - dropout: 0.35
                - conv2d: { filters: 12, kernel_size: 3, padding: same, activation: relu }
                - dropout: 0.4
                - flatten
                - dense: { units: 10, activation: softmax }
              expect_parameters: 43362
              """;
    }

    /// <summary>The generator assembly the compiler loads (recorded at build time), not a copy compiled into this program.</summary>
    private static IIncrementalGenerator LoadGenerator()
    {
        var path = typeof(GeneratorBench).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "DslGeneratorPath").Value!;
        var type = Assembly.LoadFrom(path).GetType("Dsl.Generator.ModelGenerator", throwOnError: true)!;
        return (IIncrementalGenerator)Activator.CreateInstance(type)!;
    }

    internal static IEnumerable<MetadataReference> References()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => string.Equals(Path.GetDirectoryName(p), framework, StringComparison.Ordinal) && p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
        return trusted
            .Concat([typeof(ModelInfo).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location])
            .Distinct(StringComparer.Ordinal)
            .Select(p => MetadataReference.CreateFromFile(p))
            .ToList();
    }

    internal sealed class MemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}

/// <summary>One kind and model count: the full run and the re-run after one edit, in milliseconds.</summary>
internal sealed record GeneratorResult(string Kind, int Models, Spread FullRunMs, Spread EditRerunMs, int GeneratedFiles);

internal sealed record GeneratorBenchReport(DateTime StartedUtc, DateTime FinishedUtc, string CommandLine, Machine Machine, string? LoadAverageAtEnd, int Runs, IReadOnlyList<GeneratorResult> Results)
{
    public string Tool { get; init; } = "dsl-bench generator";

    public int Format { get; init; } = 1;

    /// <summary>The Keras Applications zoo, when measured.</summary>
    public ZooResult? Zoo { get; init; }
}
