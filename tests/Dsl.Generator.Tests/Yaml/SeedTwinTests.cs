using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dsl.Generator.Emit;
using Dsl.Generator.Analysis;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Yaml;

/// <summary>The seed's three models written in YAML generate exactly what their attribute twins generate.</summary>
public class SeedTwinTests
{
    private static GeneratorRun RunTwins() => GeneratorHarness.Run(
        new[] { SeedSpecs.Attributes },
        SeedSpecs.Models.Select((m, i) => GeneratorHarness.Yaml(m.ClassName + ".model.yaml", SeedSpecs.Yaml[i])));

    [Fact]
    public void Yaml_and_attribute_twins_have_equal_analyses()
    {
        var run = RunTwins();
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);

        var fromAttributes = run.StepOutputs(TrackingNames.Analysis).Select(o => ((ModelOutcome)o.Value).Analysis!).ToDictionary(a => a.Spec.ClassName);
        var fromYaml = run.StepOutputs(TrackingNames.YamlOutcomes).Select(o => ((YamlModel)o.Value).Generated!).ToDictionary(a => a.Spec.ClassName);
        foreach (var (name, parameters) in SeedSpecs.Models)
        {
            var expected = fromAttributes[name];
            var actual = fromYaml[name];
            Assert.Equal(SeedSpecs.YamlNamespace, actual.Spec.Namespace);
            Assert.Equal(name + ".model.yaml", actual.Spec.Source);
            Assert.Equal(expected.Spec.Inputs[0].Shape, actual.Spec.Inputs[0].Shape);
            Assert.Equal(expected.Spec.ExpectedParameters, actual.Spec.ExpectedParameters);
            // Per layer: Keras name, type, input and output shapes, parameters, mult-adds, and what the kind makes of
            // the options (metadata, module, forward call): the twins may spell an option differently (kernel_size 3
            // or [3, 3], an explicit default), but must mean the same.
            Assert.Equal(expected.Layers.Select(Describe), actual.Layers.Select(Describe));
            Assert.Equal(parameters, actual.Parameters);
            Assert.Equal(expected.TrainableParameters, actual.TrainableParameters);
            Assert.Equal(expected.MultAdds, actual.MultAdds);
            Assert.Equal(SummaryWriter.Write(expected, expand: false), SummaryWriter.Write(actual, expand: false));
        }
    }

    [Fact]
    public void Yaml_and_attribute_twins_generate_the_same_code_but_for_namespace_and_source()
    {
        var run = RunTwins();
        var sources = run.GeneratedSources;
        foreach (var (name, parameters) in SeedSpecs.Models)
        {
            var fromAttributes = sources[SeedSpecs.AttributeNamespace + "." + name + ".g.cs"];
            var fromYaml = sources[SeedSpecs.YamlNamespace + "." + name + ".model-yaml.g.cs"];
            Assert.Equal(
                Normalise(fromAttributes, SeedSpecs.AttributeNamespace, "attributes"),
                Normalise(fromYaml, SeedSpecs.YamlNamespace, name + ".model.yaml"));
            Assert.Contains("public const long ParameterCount = " + parameters + "L;", fromYaml, StringComparison.Ordinal);
            Assert.Contains("Total params: " + parameters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), fromYaml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Generated_yaml_models_compile_and_join_the_catalog()
    {
        var run = RunTwins();
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var catalog = run.GeneratedSources[CatalogEmitter.HintName];
        foreach (var (name, _) in SeedSpecs.Models)
        {
            Assert.Contains("global::" + SeedSpecs.YamlNamespace + "." + name + ".Info,", catalog, StringComparison.Ordinal);
            Assert.Contains("global::" + SeedSpecs.AttributeNamespace + "." + name + ".Info,", catalog, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_samples_yaml_specs_generate_the_seed_models()
    {
        var directory = Path.Combine(RepositoryRoot(), "samples", "Mnist", "Models");
        var files = Directory.GetFiles(directory, "Model?.model.yaml").OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "Model1.model.yaml", "Model2.model.yaml", "Model3.model.yaml" }, files.Select(Path.GetFileName));

        var run = GeneratorHarness.Run(
            additionalTexts: files.Select(f => new InMemoryAdditionalText(f, File.ReadAllText(f))),
            globalOptions: new Dictionary<string, string> { [DefaultNamespace.RootNamespaceProperty] = "Samples.Mnist" });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        var models = run.StepOutputs(TrackingNames.YamlOutcomes).Select(o => ((YamlModel)o.Value).Generated!).OrderBy(a => a.Spec.ClassName).ToList();
        Assert.Equal(new[] { "Samples.Mnist.Model1", "Samples.Mnist.Model2", "Samples.Mnist.Model3" }, models.Select(m => m.Spec.FullName));
        Assert.Equal(SeedSpecs.Models.Select(m => m.Parameters), models.Select(m => m.Parameters));
    }

    private static string Describe(LayerPlan l)
    {
        var kind = Dsl.Generator.Layers.LayerRegistry.Get(l.Spec.Kind);
        return l.Name + " " + l.TypeName + " " + string.Join("x", l.InputShape) + "->" + string.Join("x", l.OutputShape)
            + " p" + l.Parameters + " m" + l.MultAdds + " " + l.Activation + " " + string.Join(", ", kind.Describe(l))
            + " " + kind.Field(l) + " " + kind.Forward(l, new[] { "x" });
    }

    private static string Normalise(string source, string ns, string origin) =>
        source.Replace(ns, "NAMESPACE", StringComparison.Ordinal).Replace("\"" + origin + "\"", "\"ORIGIN\"", StringComparison.Ordinal)
            .Replace("from " + origin + ":", "from ORIGIN:", StringComparison.Ordinal);

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dsl.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("Dsl.sln not found above " + AppContext.BaseDirectory);
    }
}
