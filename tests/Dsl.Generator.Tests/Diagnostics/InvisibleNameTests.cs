using System;
using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Tests.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Diagnostics;

/// <summary>
/// Names that look equal, or that forge or flood messages: C# drops format characters (U+200B, U+200D, U+FEFF,
/// U+202E, …) from identifiers, so such a name is refused where it is written, in both front ends, for layers, inputs,
/// parameters, models and blocks; control characters in any name are escaped in every message; a name longer than C#
/// takes is refused before it reaches generated code.
/// </summary>
public class InvisibleNameTests
{
    private const string Usings = "using Dsl;\nnamespace App;\n";

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200D")]
    [InlineData("\uFEFF")]
    [InlineData("\u202E")]
    public void A_layer_name_with_a_format_character_is_DSL025_in_yaml(string invisible)
    {
        string yaml = "model: Net\nnamespace: App\ninput: [1, 4, 4]\nlayers:\n  - flatten: { name: \"a" + invisible + "b\" }\n  - dense: { units: 2, name: ab }\n";
        var run = YamlAssert.Run(yaml);
        var diagnostic = YamlAssert.Single(run, "DSL025");
        YamlAssert.At(diagnostic, yaml, 5, 5);
        string message = diagnostic.GetMessage();
        Assert.Contains("'a\\u" + ((int)invisible[0]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + "b'", message, StringComparison.Ordinal);
        Assert.Contains("the same name as 'ab'", message, StringComparison.Ordinal);
        Assert.DoesNotContain(invisible, message, StringComparison.Ordinal);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_layer_name_with_a_format_character_is_DSL025_in_attributes()
    {
        string source = Usings + "[Input(1, 4, 4)]\n[Flatten(Name = \"a\\u200Bb\")]\n[Dense(2, Name = \"ab\")]\npublic partial class Net;\n";
        var run = GeneratorHarness.Run(new[] { source });
        run.AssertGeneratorHealthy();
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DSL025", diagnostic.Id);
        DiagnosticAssert.AssertCovers(source, diagnostic, "Flatten(Name = \"a\\u200Bb\")");
        // No CS0102 from generated code: nothing is generated for the model.
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_model_name_with_a_zero_width_space_is_DSL108_and_leaves_its_twin_alone()
    {
        var run = GeneratorHarness.Run(additionalTexts: new[]
        {
            GeneratorHarness.Yaml("A.model.yaml", "model: \"Good\u200B\"\nnamespace: App\ninput: [4]\nlayers: [{ dense: 2 }]\n"),
            GeneratorHarness.Yaml("B.model.yaml", "model: Good\nnamespace: App\ninput: [4]\nlayers: [{ dense: 2 }]\n"),
        });
        run.AssertGeneratorHealthy();
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DSL108", diagnostic.Id);
        Assert.Contains("Good\\u200B", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("App.Good.model-yaml.g.cs", run.GeneratedSources.Keys);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Input_parameter_and_block_names_refuse_format_characters_too()
    {
        var input = YamlAssert.Run("model: Net\nnamespace: App\ninputs: { \"im\uFEFFage\": [4] }\nlayers: [{ dense: 2 }]\n");
        Assert.Contains("U+FEFF", YamlAssert.Single(input, "DSL049").GetMessage(), StringComparison.Ordinal);

        var parameter = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("P.block.yaml", "block: P\nparameters: { \"un\u200Dits\": 4 }\nlayers: [flatten]\n") });
        Assert.Contains("U+200D", Assert.Single(parameter.GeneratorDiagnostics, d => d.Id == "DSL048").GetMessage(), StringComparison.Ordinal);

        var block = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("B.block.yaml", "block: \"Blo\u200Bck\"\nlayers: [flatten]\n") });
        Assert.Equal("DSL108", Assert.Single(block.GeneratorDiagnostics).Id);
    }

    [Fact]
    public void A_newline_in_a_name_cannot_forge_a_second_error_line()
    {
        string yaml = "model: Net\nnamespace: App\ninput: [4]\nlayers:\n  - dense: { units: 2, from: \"nowhere\\nProgram.cs(1,1): error CS0000: forged\" }\n";
        var run = YamlAssert.Run(yaml);
        var diagnostic = YamlAssert.Single(run, "DSL018");
        string message = diagnostic.GetMessage();
        Assert.DoesNotContain("\n", message, StringComparison.Ordinal);
        Assert.Contains("nowhere\\u000AProgram.cs(1,1)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_longer_than_csharp_takes_is_refused_and_quoted_short()
    {
        string name = new('n', 1_000_000);
        string yaml = "model: Net\nnamespace: App\ninput: [4]\nlayers:\n  - dense: { units: 2, name: " + name + " }\n";
        var run = YamlAssert.Run(yaml);
        var diagnostic = YamlAssert.Single(run, "DSL025");
        string message = diagnostic.GetMessage();
        Assert.Contains("it is 1,000,000 characters long, and C# takes names of at most 512 (CS0645)", message, StringComparison.Ordinal);
        Assert.Contains("… (1,000,000 characters)", message, StringComparison.Ordinal);
        Assert.True(message.Length < 3_000, "the message is " + message.Length + " characters");
        Assert.DoesNotContain(run.GeneratedSources.Keys, k => k.Contains("Net", StringComparison.Ordinal));
    }
}
