using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dsl.Runtime.Tests.Properties;

/// <summary>
/// Compiles model declarations the way a user's build does: C# sources plus the model generator (the very assembly
/// the compiler loads as an analyzer), then loads the result so the models can run.
/// </summary>
internal static class InProcessGenerator
{
    private static readonly Lazy<ISourceGenerator> Generator = new(LoadGenerator);

    /// <summary>The generator's diagnostics and the compiled models, by class name (none when compilation failed).</summary>
    public static (ImmutableArray<Diagnostic> Diagnostics, IReadOnlyDictionary<string, ModelInfo> Models) Compile(string assemblyName, IEnumerable<string> sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parse, path: "/random/Model" + i + ".cs")),
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create(new[] { Generator.Value }, parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var generated = driverDiagnostics.AddRange(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        if (!emitted.Success)
            return (generated.AddRange(emitted.Diagnostics), new Dictionary<string, ModelInfo>());
        image.Position = 0;
        var assembly = AssemblyLoadContext.Default.LoadFromStream(image);
        var models = assembly.GetTypes()
            .Select(t => t.GetProperty("Info", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<ModelInfo>()
            .ToDictionary(m => m.Name);
        return (generated, models);
    }

    private static ISourceGenerator LoadGenerator()
    {
        var path = typeof(InProcessGenerator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "DslGeneratorPath").Value!;
        var type = Assembly.LoadFrom(path).GetType("Dsl.Generator.ModelGenerator", throwOnError: true)!;
        return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
    }

    private static IEnumerable<MetadataReference> References()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => string.Equals(Path.GetDirectoryName(p), framework, StringComparison.Ordinal) && p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
        return trusted
            .Concat(new[] { typeof(ModelInfo).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location })
            .Distinct(StringComparer.Ordinal)
            .Select(p => MetadataReference.CreateFromFile(p));
    }
}
