extern alias runtime;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Dsl.Generator.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="ModelGenerator"/> the way the compiler does: on a <see cref="CSharpCompilation"/> that references
/// the .NET runtime, TorchSharp and Dsl.Runtime, with C# sources, additional files and MSBuild properties.
/// One-shot runs use <see cref="Run"/>; incremental tests keep a <see cref="GeneratorSession"/> and edit its inputs.
/// </summary>
public static class GeneratorHarness
{
    public const string AssemblyName = "TestModels";

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>The framework's assemblies plus TorchSharp and Dsl.Runtime, loaded once per test run.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>A library compilation of <paramref name="sources"/> (file paths <c>/src/File{i}.cs</c>).</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources, string assemblyName = AssemblyName) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: "/src/File" + i + ".cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Runs the generator once.</summary>
    /// <param name="globalOptions">MSBuild properties as the compiler sees them, e.g. <c>build_property.RootNamespace</c>.</param>
    public static GeneratorRun Run(
        IEnumerable<string>? sources = null,
        IEnumerable<AdditionalText>? additionalTexts = null,
        IReadOnlyDictionary<string, string>? globalOptions = null,
        string assemblyName = AssemblyName) =>
        Start(sources, additionalTexts, globalOptions, assemblyName).Run();

    /// <summary>A session whose inputs can be edited between runs; steps are tracked for incremental assertions.</summary>
    public static GeneratorSession Start(
        IEnumerable<string>? sources = null,
        IEnumerable<AdditionalText>? additionalTexts = null,
        IReadOnlyDictionary<string, string>? globalOptions = null,
        string assemblyName = AssemblyName)
    {
        var compilation = CreateCompilation(sources ?? Array.Empty<string>(), assemblyName);
        var texts = (additionalTexts ?? Array.Empty<AdditionalText>()).ToImmutableArray();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new ModelGenerator().AsSourceGenerator() },
            texts,
            ParseOptions,
            new InMemoryAnalyzerConfigOptionsProvider(globalOptions ?? new Dictionary<string, string>()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return new GeneratorSession(driver, compilation, texts);
    }

    /// <summary>Runs the generator once over a compilation built by the test (custom options or references).</summary>
    public static GeneratorRun Run(CSharpCompilation compilation) =>
        new GeneratorSession(
            CSharpGeneratorDriver.Create(
                new[] { new ModelGenerator().AsSourceGenerator() },
                parseOptions: (CSharpParseOptions?)compilation.SyntaxTrees.FirstOrDefault()?.Options ?? ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true)),
            compilation,
            ImmutableArray<AdditionalText>.Empty).Run();

    /// <summary>A YAML additional file at <c>/project/Models/{name}</c>.</summary>
    public static InMemoryAdditionalText Yaml(string fileName, string text) => new("/project/Models/" + fileName, text);

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The running framework's own assemblies (the test host runs on the same .NET the samples target).
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
        var extra = new[] { typeof(runtime::Dsl.ModelInfo).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location };
        return trusted.Concat(extra)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

/// <summary>A compilation and a generator driver that remember their previous run, like the IDE between edits.</summary>
public sealed class GeneratorSession
{
    private ImmutableArray<AdditionalText> _additionalTexts;

    public GeneratorSession(GeneratorDriver driver, CSharpCompilation compilation, ImmutableArray<AdditionalText> additionalTexts)
    {
        Driver = driver;
        Compilation = compilation;
        _additionalTexts = additionalTexts;
    }

    public GeneratorDriver Driver { get; private set; }

    public CSharpCompilation Compilation { get; private set; }

    public ImmutableArray<AdditionalText> AdditionalTexts => _additionalTexts;

    public GeneratorRun Run()
    {
        Driver = Driver.RunGeneratorsAndUpdateCompilation(Compilation, out var output, out var diagnostics);
        return new GeneratorRun(Driver.GetRunResult(), output, diagnostics);
    }

    /// <summary>Replaces the additional file at <paramref name="path"/> by one with <paramref name="text"/>, as an edit does.</summary>
    public void ReplaceAdditionalText(string path, string text)
    {
        var existing = _additionalTexts.Single(t => t.Path == path);
        var replacement = new InMemoryAdditionalText(path, text);
        Driver = Driver.ReplaceAdditionalText(existing, replacement);
        _additionalTexts = _additionalTexts.Replace(existing, replacement);
    }

    public void AddAdditionalText(AdditionalText text)
    {
        Driver = Driver.AddAdditionalTexts(ImmutableArray.Create(text));
        _additionalTexts = _additionalTexts.Add(text);
    }

    public void RemoveAdditionalText(string path)
    {
        var removed = _additionalTexts.Where(t => t.Path == path).ToImmutableArray();
        Driver = Driver.RemoveAdditionalTexts(removed);
        _additionalTexts = _additionalTexts.RemoveRange(removed);
    }

    /// <summary>Adds a C# file, or replaces the one at the same path.</summary>
    public void SetSource(string path, string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: path);
        var existing = Compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == path);
        Compilation = existing is null ? Compilation.AddSyntaxTrees(tree) : Compilation.ReplaceSyntaxTree(existing, tree);
    }
}

/// <summary>What one generator run produced.</summary>
public sealed class GeneratorRun
{
    private readonly Lazy<ImmutableArray<Diagnostic>> _compilationDiagnostics;

    public GeneratorRun(GeneratorDriverRunResult runResult, Compilation outputCompilation, ImmutableArray<Diagnostic> driverDiagnostics)
    {
        RunResult = runResult;
        OutputCompilation = outputCompilation;
        DriverDiagnostics = driverDiagnostics;
        _compilationDiagnostics = new Lazy<ImmutableArray<Diagnostic>>(() => outputCompilation.GetDiagnostics());
    }

    public GeneratorDriverRunResult RunResult { get; }

    public GeneratorRunResult Result => RunResult.Results.Single();

    /// <summary>The input compilation plus the generated files.</summary>
    public Compilation OutputCompilation { get; }

    /// <summary>Diagnostics of the driver itself, e.g. CS8785 when a generator threw.</summary>
    public ImmutableArray<Diagnostic> DriverDiagnostics { get; }

    /// <summary>Diagnostics the generator reported (DSL...).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    /// <summary>Everything: driver, generator, and the compiler on the output compilation (computed on first use).</summary>
    public ImmutableArray<Diagnostic> AllDiagnostics => DriverDiagnostics.AddRange(GeneratorDiagnostics).AddRange(CompilationDiagnostics);

    /// <summary>The compiler's diagnostics on the input plus generated code.</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics => _compilationDiagnostics.Value;

    public Exception? Exception => Result.Exception;

    /// <summary>Generated files by hint name.</summary>
    public IReadOnlyDictionary<string, string> GeneratedSources =>
        Result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>Outputs of a tracked pipeline step (see TrackingNames), with why each was (not) recomputed.</summary>
    public IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> StepOutputs(string trackingName) =>
        Result.TrackedSteps.TryGetValue(trackingName, out var steps)
            ? steps.SelectMany(step => step.Outputs).ToList()
            : Array.Empty<(object, IncrementalStepRunReason)>();

    /// <summary>Fails when the generator threw or reported an internal error: no CS8785, AD0001 or DSL999.</summary>
    public void AssertGeneratorHealthy()
    {
        if (Exception is not null)
            throw new Xunit.Sdk.XunitException("The generator threw: " + Exception);
        var bad = DriverDiagnostics.AddRange(GeneratorDiagnostics).Where(d => d.Id is "CS8785" or "AD0001" or "DSL999").ToList();
        if (bad.Count > 0)
            throw new Xunit.Sdk.XunitException("Generator failure diagnostics:\n" + string.Join("\n", bad));
    }

    /// <summary>
    /// Fails when a tracked step's output holds a Roslyn object (compilation, symbol, syntax, additional text,
    /// source text, semantic model): such values defeat caching and keep whole compilations alive. Steps whose
    /// outputs are Roslyn objects by design (Roslyn's own ForAttributeWithMetadataName steps, the filtered
    /// additional files) are skipped by name.
    /// </summary>
    public void AssertNoRoslynObjectsInSteps(params string[] skip)
    {
        foreach (var (name, steps) in Result.TrackedSteps)
        {
            if (skip.Contains(name))
                continue;
            foreach (var (value, _) in steps.SelectMany(s => s.Outputs))
            {
                var found = RoslynObjectIn(value, new HashSet<object>(ReferenceEqualityComparer.Instance), depth: 0);
                if (found is not null)
                    throw new Xunit.Sdk.XunitException("Step '" + name + "' keeps a " + found);
            }
        }
    }

    private static string? RoslynObjectIn(object? value, HashSet<object> seen, int depth)
    {
        if (value is null || depth > 12 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
            return null;
        if (value is Compilation or ISymbol or SyntaxNode or SyntaxTree or AdditionalText or SourceText or SemanticModel)
            return value.GetType().Name;
        if (!value.GetType().IsValueType && !seen.Add(value))
            return null;
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                if (RoslynObjectIn(item, seen, depth + 1) is { } found)
                    return found;
            }
            return null;
        }
        var type = value.GetType();
        // Walk our own models and tuples; framework and Roslyn value types (TextSpan, ...) are plain data.
        if (type.Namespace?.StartsWith("Dsl.", StringComparison.Ordinal) == true || type.FullName?.StartsWith("System.ValueTuple", StringComparison.Ordinal) == true)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (RoslynObjectIn(field.GetValue(value), seen, depth + 1) is { } found)
                    return found + " (in " + type.Name + "." + field.Name + ")";
            }
        }
        return null;
    }
}

/// <summary>An additional file held in memory, as the compiler passes <c>AdditionalFiles</c> to generators.</summary>
public sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryAdditionalText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text, Encoding.UTF8);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>MSBuild properties (<c>build_property.*</c>) as global analyzer config options; no per-file options.</summary>
public sealed class InMemoryAnalyzerConfigOptionsProvider : AnalyzerConfigOptionsProvider
{
    private static readonly AnalyzerConfigOptions Empty = new DictionaryOptions(new Dictionary<string, string>());

    public InMemoryAnalyzerConfigOptionsProvider(IReadOnlyDictionary<string, string> globalOptions) =>
        GlobalOptions = new DictionaryOptions(globalOptions);

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        private readonly IReadOnlyDictionary<string, string> _values;

        public DictionaryOptions(IReadOnlyDictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value)
        {
            if (_values.TryGetValue(key, out var found))
            {
                value = found;
                return true;
            }
            value = string.Empty;
            return false;
        }
    }
}
