using System;
using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Diagnostics;

/// <summary>
/// Blocks declared with attributes: a sound block generates one class and compiles; every problem of a declaration or
/// of a use is reported on the attribute (or the characters of the text argument) that causes it. A shape problem
/// inside a block is reported at the use, with the block's layer as an additional location.
/// </summary>
public class BlockDiagnosticsTests
{
    private const string Usings = "using Dsl;\nnamespace App;\n";

    /// <summary>A residual block: two 3x3 convolutions and a projection shortcut, its filters and stride parameters.</summary>
    public const string ResBlock = """
        [Block]
        [Param("filters", typeof(int))]
        [Param("stride", 1)]
        [Conv2D("filters: $filters, kernel_size: 3, strides: $stride, padding: same", Activation = Activation.ReLU)]
        [Conv2D("filters: $filters, kernel_size: 3, padding: same")]
        [Conv2D("filters: $filters, kernel_size: 1, strides: $stride", From = "input", Name = "shortcut")]
        [Add("shortcut", "conv2d_2")]
        [Activation(Activation.ReLU)]
        public partial class ResBlock;
        """;

    [Fact]
    public void A_model_of_blocks_generates_one_class_per_block_and_compiles()
    {
        var run = GeneratorHarness.Run(new[] { Usings + ResBlock + """

            [Input(1, 28, 28)]
            [Conv2D(16, 3, Padding = Padding.Same, Name = "stem")]
            [Use(typeof(ResBlock), "filters: 16", Repeat = 2, Name = "stage1")]
            [Use(typeof(ResBlock), "filters: 32, stride: 2", Name = "stage2")]
            [GlobalAvgPool2D]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Net;
            """ });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains("App.ResBlock.block.g.cs", run.GeneratedSources.Keys);
        var model = run.GeneratedSources["App.Net.g.cs"];
        Assert.Contains("public readonly global::App.ResBlock stage1_block1;", model, StringComparison.Ordinal);
        Assert.Contains("public readonly global::App.ResBlock stage1_block2;", model, StringComparison.Ordinal);
        Assert.Contains("public readonly global::App.ResBlock stage2;", model, StringComparison.Ordinal);
        // Conv2D: 16·16·9 + 16 twice, the 1x1 shortcut 16·16 + 16: 4,912 per copy of the first stage.
        Assert.Contains("stage1_block1 (ResBlock)                              (None, 16, 28, 28)    4912", model, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL040_an_unknown_block_suggests_the_nearest_one()
    {
        var message = AssertAt(Usings + ResBlock + """

            [Input(1, 28, 28)]
            [Use("ResBlok", "filters: 16")]
            [Flatten]
            public partial class Net;
            """, "DSL040", "Use(\"ResBlok\", \"filters: 16\")");
        Assert.Contains("did you mean 'ResBlock'?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL041_a_block_that_uses_itself_through_another_is_reported_at_the_use()
    {
        var run = GeneratorHarness.Run(new[] { Usings + """
            [Block]
            [Dense(4)]
            [Use("Second")]
            public partial class First;

            [Block]
            [Use("First")]
            public partial class Second;
            """ });
        run.AssertGeneratorHealthy();
        var cycles = run.GeneratorDiagnostics.Where(d => d.Id == "DSL041").ToList();
        Assert.Equal(2, cycles.Count);
        Assert.Contains(cycles, d => d.GetMessage().Contains("First → Second → First", StringComparison.Ordinal));
        Assert.Contains(cycles, d => d.GetMessage().Contains("Second → First → Second", StringComparison.Ordinal));
    }

    [Fact]
    public void DSL042_an_unknown_argument_is_reported_at_its_characters_in_the_text()
    {
        string source = Usings + ResBlock + """

            [Input(1, 28, 28)]
            [Use(typeof(ResBlock), "filtres: 16")]
            [Flatten]
            public partial class Net;
            """;
        var run = GeneratorHarness.Run(new[] { source });
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DSL042", diagnostic.Id);
        DiagnosticAssert.AssertCovers(source, diagnostic, "filtres: 16");
        Assert.Contains("did you mean 'filters'?", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSL043_a_missing_argument_is_reported_at_the_use()
    {
        var message = AssertAt(Usings + ResBlock + """

            [Input(1, 28, 28)]
            [Use(typeof(ResBlock), "stride: 2")]
            [Flatten]
            public partial class Net;
            """, "DSL043", "Use(typeof(ResBlock), \"stride: 2\")");
        Assert.Contains("'filters'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL044_an_argument_of_the_wrong_type_says_what_it_gives()
    {
        string source = Usings + ResBlock + """

            [Input(1, 28, 28)]
            [Use(typeof(ResBlock), "filters: 0.5")]
            [Flatten]
            public partial class Net;
            """;
        var diagnostic = Assert.Single(GeneratorHarness.Run(new[] { source }).GeneratorDiagnostics);
        Assert.Equal("DSL044", diagnostic.Id);
        DiagnosticAssert.AssertCovers(source, diagnostic, "filters: 0.5");
        Assert.Contains("gives a float where an int is needed", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSL045_an_expression_naming_no_parameter_is_reported_on_the_layer_in_the_block()
    {
        var message = AssertAt(Usings + """
            [Block]
            [Param("filters", typeof(int))]
            [Conv2D("filters: $filtres * 2, kernel_size: 3")]
            public partial class Typo;
            """, "DSL045", "Conv2D(\"filters: $filtres * 2, kernel_size: 3\")");
        Assert.Contains("$filtres names no parameter (did you mean $filters?)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL046_a_shape_error_inside_a_block_points_at_the_use_and_at_the_layer()
    {
        string source = Usings + """
            [Block]
            [Param("kernel", 3)]
            [Conv2D("filters: 4, kernel_size: $kernel")]
            public partial class Wide;

            [Input(1, 8, 8)]
            [Use(typeof(Wide), "kernel: 3")]
            [Use(typeof(Wide), "kernel: 7")]
            [Flatten]
            public partial class Net;
            """;
        var run = GeneratorHarness.Run(new[] { source });
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DSL046", diagnostic.Id);
        DiagnosticAssert.AssertCovers(source, diagnostic, "Use(typeof(Wide), \"kernel: 7\")");
        var message = diagnostic.GetMessage();
        Assert.Contains("'wide_2' (Wide, input (4, 6, 6), kernel 7)", message, StringComparison.Ordinal);
        Assert.Contains("7x7 kernel", message, StringComparison.Ordinal);
        var inner = Assert.Single(diagnostic.AdditionalLocations);
        DiagnosticAssert.AssertCovers(source, Diagnostic.Create(diagnostic.Descriptor, inner), "Conv2D(\"filters: 4, kernel_size: $kernel\")");
    }

    [Fact]
    public void DSL047_a_use_of_a_block_with_errors_says_so_and_the_block_reports_its_own()
    {
        var run = GeneratorHarness.Run(new[] { Usings + """
            [Block]
            [Dense(4, From = "nowhere")]
            public partial class Broken;

            [Input(8)]
            [Use(typeof(Broken))]
            public partial class Net;
            """ });
        run.AssertGeneratorHealthy();
        Assert.Equal(new[] { "DSL018", "DSL047" }, run.GeneratorDiagnostics.Select(d => d.Id).Order());
    }

    [Theory]
    [InlineData("[Param(\"repeat\", 1)]", "has the name of a key every use takes")]
    [InlineData("[Param(\"units\", \"many\")]", "whose type is not one a parameter takes")]
    [InlineData("[Param(\"units\", typeof(string))]", "which is not one a parameter takes")]
    public void DSL048_a_parameter_that_cannot_be_is_reported_at_its_attribute(string parameter, string fragment)
    {
        var message = AssertAt(Usings + "[Block]\n" + parameter + "\n[Dense(4)]\npublic partial class Bad;\n", "DSL048", parameter);
        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL048_a_parameter_declared_twice_is_reported_at_the_second()
    {
        AssertAt(Usings + "[Block]\n[Param(\"units\", 4)]\n[Param(\"units\", 8)]\n[Dense(\"$units\")]\npublic partial class Twice;\n", "DSL048", "[Param(\"units\", 8)]");
    }

    [Fact]
    public void DSL049_two_inputs_of_one_name_are_reported_at_the_second()
    {
        AssertAt(Usings + """
            [Input(8, Name = "a")]
            [Input(8, Name = "a")]
            [Dense(4, From = "a")]
            public partial class Twice;
            """, "DSL049", "[Input(8, Name = \"a\")]", occurrence: 2);
    }

    [Fact]
    public void DSL049_the_first_layer_of_a_model_with_two_inputs_must_name_its_input()
    {
        var message = AssertAt(Usings + """
            [Input(8, Name = "a")]
            [Input(8, Name = "b")]
            [Dense(4)]
            public partial class Which;
            """, "DSL049", "[Dense(4)]");
        Assert.Contains("name the one it takes with From ('a', 'b')", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL050_integer_values_into_a_convolution_suggest_rescaling()
    {
        var message = AssertAt(Usings + """
            [Input(1, 28, 28, DType = DType.UInt8)]
            [Conv2D(4, 3)]
            [Flatten]
            public partial class Raw;
            """, "DSL050", "[Conv2D(4, 3)]");
        Assert.Contains("the input holds uint8 values", message, StringComparison.Ordinal);
        Assert.Contains("Rescaling", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL051_an_output_naming_no_layer_suggests_the_nearest()
    {
        var message = AssertAt(Usings + """
            [Input(8)]
            [Dense(4, Name = "digits")]
            [Output("digts")]
            public partial class Outs;
            """, "DSL051", "[Output(\"digts\")]");
        Assert.Contains("did you mean 'digits'?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL052_a_reused_layer_whose_weights_do_not_fit_the_new_input_is_reported()
    {
        var message = AssertAt(Usings + """
            [Input(8, Name = "a")]
            [Input(6, Name = "b")]
            [Dense(4, From = "a", Name = "shared")]
            [Reuse("shared", From = "b")]
            [Concatenate("shared", "shared_2")]
            public partial class Misfit;
            """, "DSL052", "[Reuse(\"shared\", From = \"b\")]");
        Assert.Contains("its weights were made for (8)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL052_a_reuse_of_nothing_suggests_the_nearest_layer()
    {
        var message = AssertAt(Usings + """
            [Input(8)]
            [Dense(4, Name = "encoder")]
            [Reuse("encodr")]
            public partial class Typo;
            """, "DSL052", "[Reuse(\"encodr\")]");
        Assert.Contains("did you mean 'encoder'?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL053_an_input_that_reaches_no_output_is_a_warning()
    {
        var run = GeneratorHarness.Run(new[] { Usings + """
            [Input(8, Name = "used")]
            [Input(8, Name = "unused")]
            [Dense(4, From = "used")]
            public partial class Idle;
            """ });
        var warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(("DSL053", DiagnosticSeverity.Warning), (warning.Id, warning.Severity));
        Assert.Contains("'unused'", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("App.Idle.g.cs", run.GeneratedSources.Keys);
    }

    [Fact]
    public void DSL054_a_class_that_is_both_a_model_and_a_block_is_reported_once()
    {
        AssertAt(Usings + "[Block]\n[Input(8)]\n[Dense(4)]\npublic partial class Both;\n", "DSL054", "class Both");
    }

    [Fact]
    public void DSL054_a_block_cannot_expect_a_parameter_count()
    {
        AssertAt(Usings + "[Block]\n[Dense(4)]\n[ExpectParameters(36)]\npublic partial class Counted;\n", "DSL054", "[Block]");
    }

    [Fact]
    public void DSL056_a_class_name_two_namespaces_declare_must_be_written_in_full()
    {
        var run = GeneratorHarness.Run(new[]
        {
            "using Dsl;\nnamespace One { [Block] [Dense(4)] public partial class Head; }\nnamespace Two { [Block] [Dense(2)] public partial class Head; }\n",
            "using Dsl;\nnamespace App;\n[Input(8)]\n[Use(\"Head\")]\npublic partial class Net;\n",
        });
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DSL056", diagnostic.Id);
        Assert.Contains("One.Head, Two.Head", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_option_of_the_wrong_type_is_reported_at_its_characters()
    {
        string source = Usings + "[Block]\n[Dense(\"units: many\")]\npublic partial class Text;\n";
        var diagnostic = Assert.Single(GeneratorHarness.Run(new[] { source }).GeneratorDiagnostics);
        Assert.Equal("DSL104", diagnostic.Id);
        DiagnosticAssert.AssertCovers(source, diagnostic, "many");
    }

    private static string AssertAt(string source, string id, string attribute, int occurrence = 1)
    {
        string at = attribute.StartsWith('[') ? attribute : "[" + attribute + "]";
        if (attribute.StartsWith("class ", StringComparison.Ordinal))
            at = attribute;
        var run = GeneratorHarness.Run(new[] { source });
        run.AssertGeneratorHealthy();
        var diagnostic = Assert.Single(run.GeneratorDiagnostics.Where(d => d.Id == id));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        if (at.StartsWith('['))
            DiagnosticAssert.AssertCovers(source, diagnostic, at.Trim('[', ']'), occurrence);
        else
            Assert.Equal(DiagnosticAssert.LineOf(source, at), DiagnosticAssert.Line(diagnostic));
        return diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }
}
