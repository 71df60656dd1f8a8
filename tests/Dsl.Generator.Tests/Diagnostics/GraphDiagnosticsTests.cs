using System;
using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Diagnostics;

/// <summary>
/// Graph models declared with attributes: every problem with names, references and merges is reported on exactly the
/// attribute that causes it, and an error in one branch does not hide an error in another.
/// </summary>
public class GraphDiagnosticsTests
{
    private const string Usings = "using Dsl;\nnamespace App;\n";

    [Fact]
    public void A_residual_block_generates_with_no_diagnostics()
    {
        var run = GeneratorHarness.Run(new[] { Usings + """
            [Input(3, 8, 8)]
            [Conv2D(4, 3, Padding = Padding.Same, Name = "stem")]
            [Conv2D(4, 3, Padding = Padding.Same)]
            [Add("stem", "conv2d_1")]
            [Flatten]
            [Dense(2)]
            public partial class Residual;
            """ });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void DSL018_an_unknown_reference_suggests_the_nearest_name()
    {
        var message = AssertAt(Usings + """
            [Input(3, 8, 8)]
            [Conv2D(4, 3, Padding = Padding.Same, Name = "stem")]
            [Conv2D(4, 3, Padding = Padding.Same)]
            [Add("stme", "conv2d_1")]
            [Flatten]
            [Dense(2)]
            public partial class Typo;
            """, "DSL018", "Add(\"stme\", \"conv2d_1\")");
        Assert.Contains("'stme'", message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'stem'?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL018_a_from_naming_nothing_is_reported_on_that_layer()
    {
        var message = AssertAt(Usings + """
            [Input(16)]
            [Dense(8)]
            [Dense(4, From = "hidden")]
            public partial class NoSuchLayer;
            """, "DSL018", "Dense(4, From = \"hidden\")");
        Assert.Contains("'hidden'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL019_a_reference_to_a_later_layer_is_reported_with_its_position()
    {
        var message = AssertAt(Usings + """
            [Input(16)]
            [Dense(8, Name = "a")]
            [Add("a", "b")]
            [Dense(8, Name = "b")]
            public partial class Forward;
            """, "DSL019", "Add(\"a\", \"b\")");
        Assert.Contains("declared after it (layer 3)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL019_a_layer_taking_its_own_output_is_reported()
    {
        var message = AssertAt(Usings + """
            [Input(16)]
            [Dense(8, Name = "loop", From = "loop")]
            public partial class SelfLoop;
            """, "DSL019", "Dense(8, Name = \"loop\", From = \"loop\")");
        Assert.Contains("is the layer itself", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL020_a_name_given_twice_is_reported_on_the_second_layer()
    {
        var message = AssertAt(Usings + """
            [Input(16)]
            [Dense(8, Name = "hidden")]
            [Dense(8, Name = "hidden")]
            [Dense(2)]
            public partial class Twice;
            """, "DSL020", "[Dense(8, Name = \"hidden\")]", occurrence: 2);
        Assert.Contains("Layer 2 is named 'hidden', but layer 1 already has that name", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL020_a_name_that_clashes_with_an_automatic_name_is_reported()
    {
        var message = AssertAt(Usings + """
            [Input(16)]
            [Dense(8)]
            [Dense(8, Name = "dense_1")]
            public partial class Clash;
            """, "DSL020", "Dense(8, Name = \"dense_1\")");
        Assert.Contains("(its automatic name)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL021_merge_inputs_of_different_shapes_show_every_shape()
    {
        var message = AssertAt(Usings + """
            [Input(3, 8, 8)]
            [Conv2D(4, 3, Padding = Padding.Same, Name = "a")]
            [Conv2D(6, 3, Padding = Padding.Same, Name = "b")]
            [Add("a", "b", "input")]
            [Flatten]
            [Dense(2)]
            public partial class Mismatch;
            """, "DSL021", "Add(\"a\", \"b\", \"input\")");
        Assert.Contains("'a' (4, 8, 8), 'b' (6, 8, 8), the input (3, 8, 8)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL021_concatenate_needs_every_dimension_but_the_channels_to_agree()
    {
        var message = AssertAt(Usings + """
            [Input(3, 8, 8)]
            [Conv2D(4, 3, Name = "small")]
            [Concatenate("input", "small")]
            [Flatten]
            [Dense(2)]
            public partial class Joined;
            """, "DSL021", "Concatenate(\"input\", \"small\")");
        Assert.Contains("agree in every dimension but the features", message, StringComparison.Ordinal);
        Assert.Contains("the input (3, 8, 8), 'small' (4, 6, 6)", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Add(\"a\")", "at least two inputs", "1 was given")]
    [InlineData("Maximum()", "at least two inputs", "0 were given")]
    [InlineData("Subtract(\"a\", \"a\", \"a\")", "exactly 2 inputs", "3 were given")]
    public void DSL022_a_merge_with_the_wrong_number_of_inputs(string merge, string wanted, string given)
    {
        var message = AssertAt(Usings + """
            [Input(16)]
            [Dense(8, Name = "a")]
            [
            """ + merge + """
            ]
            public partial class Few;
            """, "DSL022", merge);
        Assert.Contains(wanted, message, StringComparison.Ordinal);
        Assert.Contains(given, message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_on_a_merge_layer_is_a_compiler_error_at_the_attribute()
    {
        // Merge attributes have no From: their inputs are their list. The compiler says so; the generator stays quiet.
        var source = Usings + """
            [Input(16)]
            [Dense(8, Name = "a")]
            [Add("a", "input", From = "a")]
            public partial class FromOnMerge;
            """;
        var run = GeneratorHarness.Run(new[] { source });
        run.AssertGeneratorHealthy();
        var error = Assert.Single(run.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(DiagnosticAssert.LineOf(source, "From = \"a\")"), DiagnosticAssert.Line(error));
        Assert.Contains("From", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSL024_a_dead_branch_warns_and_the_model_still_generates()
    {
        var source = Usings + """
            [Input(16)]
            [Dense(8, Name = "used")]
            [Dense(8, From = "input", Name = "forgotten")]
            [Dense(2, From = "used")]
            public partial class Dead;
            """;
        var run = GeneratorHarness.Run(new[] { source });
        run.AssertGeneratorHealthy();
        var warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(("DSL024", DiagnosticSeverity.Warning), (warning.Id, warning.Severity));
        AssertSpan(source, warning, "Dense(8, From = \"input\", Name = \"forgotten\")");
        Assert.Contains("'forgotten'", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'dense_1'", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("App.Dead.g.cs", run.GeneratedSources.Keys);
    }

    [Theory]
    [InlineData("input", "names the model's input")]
    [InlineData("my layer", "starts with a letter")]
    [InlineData("", "starts with a letter")]
    [InlineData("Summary", "generated class has a member")]
    [InlineData("parameters", "TorchSharp's Module has a member")]
    [InlineData("BadName", "model class's own name")]
    public void DSL025_a_name_that_cannot_be_a_field_is_reported(string name, string reason)
    {
        var message = AssertAt(Usings + """
            [Input(16)]
            [Dense(8, Name = "
            """ + name + """
            ")]
            public partial class BadName;
            """, "DSL025", "Dense(8, Name = \"" + name + "\")");
        Assert.Contains(reason, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keyword_can_name_a_layer_and_becomes_an_escaped_field()
    {
        var run = GeneratorHarness.Run(new[] { Usings + """
            [Input(16)]
            [Dense(8, Name = "class")]
            [Dense(2)]
            public partial class Keyword;
            """ });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains("public readonly global::TorchSharp.Modules.Linear @class;", run.GeneratedSources["App.Keyword.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_in_one_branch_does_not_hide_an_error_in_another()
    {
        var source = Usings + """
            [Input(3, 8, 8)]
            [Conv2D(4, 9, Name = "left")]
            [Conv2D(4, 3, From = "input", Name = "right")]
            [Conv2D(4, 3, From = "rigth")]
            [Concatenate("left", "right")]
            [Flatten]
            [Dense(2)]
            public partial class TwoBranches;
            """;
        var run = GeneratorHarness.Run(new[] { source });
        run.AssertGeneratorHealthy();
        Assert.Equal(new[] { "DSL003", "DSL018" }, run.GeneratorDiagnostics.Select(d => d.Id).OrderBy(id => id));
        AssertSpan(source, run.GeneratorDiagnostics.Single(d => d.Id == "DSL003"), "Conv2D(4, 9, Name = \"left\")");
        AssertSpan(source, run.GeneratorDiagnostics.Single(d => d.Id == "DSL018"), "Conv2D(4, 3, From = \"rigth\")");
    }

    private static string AssertAt(string source, string id, string attribute, int occurrence = 1) =>
        DiagnosticAssert.Single(source, id, "[" + attribute.Trim('[', ']') + "]", occurrence: occurrence).GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertSpan(string source, Diagnostic diagnostic, string attribute, int occurrence = 1)
    {
        Assert.Equal("/src/File0.cs", diagnostic.Location.GetLineSpan().Path);
        DiagnosticAssert.AssertCovers(source, diagnostic, attribute, occurrence);
    }
}
