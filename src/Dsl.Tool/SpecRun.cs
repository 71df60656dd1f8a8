extern alias generator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading;
using generator::Dsl.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Dsl.Tool;

/// <summary>
/// The generator run on YAML specs as a build runs it: the files as additional files of a compilation that references
/// the runtime, the project's root namespace as MSBuild passes it. Its diagnostics are the build's; its generated
/// code can be compiled and loaded to read the models' <see cref="ModelInfo"/>.
/// </summary>
internal sealed class SpecRun
{
    private readonly CSharpCompilation _compilation;
    private readonly GeneratorDriverRunResult _result;

    private SpecRun(CSharpCompilation compilation, GeneratorDriverRunResult result)
    {
        _compilation = compilation;
        _result = result;
    }

    public IReadOnlyList<Diagnostic> Diagnostics => _result.Diagnostics.OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
        .ThenBy(d => d.Location.GetLineSpan().StartLinePosition.Line).ThenBy(d => d.Location.GetLineSpan().StartLinePosition.Character).ToList();

    public bool HasErrors => _result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    public static SpecRun Of(IReadOnlyList<string> files, string rootNamespace)
    {
        var texts = files.Select(f => (AdditionalText)new FileText(f)).ToImmutableArray();
        var compilation = CSharpCompilation.Create(
            rootNamespace,
            Array.Empty<SyntaxTree>(),
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var options = new BuildProperties(new Dictionary<string, string> { ["build_property.RootNamespace"] = rootNamespace });
        var driver = CSharpGeneratorDriver.Create(new[] { new ModelGenerator().AsSourceGenerator() }, texts, new CSharpParseOptions(LanguageVersion.Latest), options);
        return new SpecRun(compilation, driver.RunGenerators(compilation).GetRunResult());
    }

    /// <summary>Compiles the generated code and reads its catalog: every model the specs declare.</summary>
    /// <exception cref="InvalidOperationException">The generated code does not compile (a generator defect: say so).</exception>
    public IReadOnlyList<ModelInfo> Models()
    {
        var compilation = _compilation.AddSyntaxTrees(_result.GeneratedTrees);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            throw new InvalidOperationException("The generated code does not compile, which is a defect of the generator; please report it with the spec: "
                + string.Join("; ", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(3)));
        }
        // The default context's Dsl.Runtime and TorchSharp, so that the catalog's ModelInfo is this process's type.
        var context = new AssemblyLoadContext("dsl-specs", isCollectible: true);
        image.Position = 0;
        var assembly = context.LoadFromStream(image);
        var catalog = assembly.GetType("Dsl.ModelCatalog") ?? throw new InvalidOperationException("The generated code has no model catalog.");
        var all = (IEnumerable<ModelInfo>)catalog.GetProperty("All", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        return all.ToList();
    }

    /// <summary>The framework this process runs on, and every assembly beside the tool (the runtime, TorchSharp, …).</summary>
    private static IEnumerable<MetadataReference> References()
    {
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string tool = AppContext.BaseDirectory;
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return trusted.Where(p => Path.GetDirectoryName(p) == framework)
            .Concat(new[] { typeof(ModelInfo).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location })
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Select(p => MetadataReference.CreateFromFile(p));
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path), Encoding.UTF8);
    }

    private sealed class BuildProperties(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
