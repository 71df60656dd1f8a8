using System;
using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Diagnostics;

/// <summary>Every compile-time check reports its ID on the line of the attribute (or class) that is wrong.</summary>
public class AttributeDiagnosticsTests
{
    private const string Usings = "using Dsl;\nnamespace App;\n";

    [Fact]
    public void DSL001_missing_input_is_reported_on_the_class()
    {
        var source = Usings + """
            [Conv2D(8, 3)]
            [Flatten]
            [Dense(10)]
            public partial class NoInput;
            """;
        DiagnosticAssert.Single(source, "DSL001", "class NoInput", "NoInput");
    }

    [Fact]
    public void DSL002_an_input_dimension_below_one_is_reported_on_the_input()
    {
        var source = Usings + """
            [Input(1, 0, 28)]
            [Flatten]
            [Dense(10)]
            public partial class EmptyImage;
            """;
        DiagnosticAssert.Single(source, "DSL002", "[Input(1, 0, 28)]", "(1, 0, 28)");
    }

    [Fact]
    public void DSL003_a_pool_that_shrinks_the_image_to_nothing_is_reported_on_that_pool()
    {
        // The seed's Model2 with one max pool too many: 28 → 14 → 7 → 3 → 1 → (0x0).
        var source = Usings + """
            [Input(1, 28, 28)]
            [MaxPool2D(2)]
            [MaxPool2D(2)]
            [MaxPool2D(2)]
            [MaxPool2D(2)]
            [Conv2D(8, 1)]
            [MaxPool2D(2, Stride = 1)]
            [Flatten]
            [Dense(10)]
            public partial class TooManyPools;
            """;
        var diagnostic = DiagnosticAssert.Single(source, "DSL003", "[MaxPool2D(2, Stride = 1)]", "max_pooling2d_5");
        Assert.Contains("1x1", diagnostic.GetMessage());
        Assert.Contains("(8, 0, 0)", diagnostic.GetMessage());
    }

    [Fact]
    public void DSL003_a_kernel_larger_than_its_input_is_reported_on_that_convolution()
    {
        var source = Usings + """
            [Input(3, 4, 10)]
            [Conv2D(8, 5)]
            [Flatten]
            [Dense(10)]
            public partial class TallKernel;
            """;
        DiagnosticAssert.Single(source, "DSL003", "[Conv2D(8, 5)]", "'same' padding");
    }

    [Fact]
    public void DSL004_a_spatial_layer_after_flatten_is_reported_on_that_layer()
    {
        var source = Usings + """
            [Input(1, 28, 28)]
            [Flatten]
            [Conv2D(8, 3)]
            public partial class ConvAfterFlatten;
            """;
        DiagnosticAssert.Single(source, "DSL004", "[Conv2D(8, 3)]", "flatten_1");
    }

    [Fact]
    public void DSL004_pooling_a_flat_input_is_reported()
    {
        var source = Usings + """
            [Input(784)]
            [MaxPool2D(2)]
            public partial class PoolOnVector;
            """;
        DiagnosticAssert.Single(source, "DSL004", "[MaxPool2D(2)]", "(784)");
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("-0.1")]
    [InlineData("double.NaN")]
    public void DSL006_dropout_rate_outside_zero_to_one_is_reported(string rate)
    {
        var source = Usings + $"""
            [Input(10)]
            [Dropout({rate})]
            [Dense(2)]
            public partial class BadDropout;
            """;
        DiagnosticAssert.Single(source, "DSL006", "[Dropout(", "dropout_1");
    }

    [Theory]
    [InlineData("[Conv2D(0, 3)]", "Filters")]
    [InlineData("[Conv2D(8, 0)]", "KernelSize")]
    [InlineData("[Conv2D(8, 3, Stride = 0)]", "Stride")]
    [InlineData("[Conv2D(8, 3, Strides = new[] { 1, -2 })]", "Stride")]
    [InlineData("[MaxPool2D(-2)]", "PoolSize")]
    [InlineData("[AvgPool2D(2, Stride = -1)]", "Stride")]
    [InlineData("[BatchNorm(Epsilon = 0)]", "Epsilon")]
    [InlineData("[BatchNorm(Momentum = 1.5)]", "Momentum")]
    public void DSL007_non_positive_sizes_and_out_of_range_options_are_reported(string layer, string option)
    {
        var source = Usings + $"""
            [Input(3, 16, 16)]
            {layer}
            [Flatten]
            [Dense(2)]
            public partial class BadOption;
            """;
        DiagnosticAssert.Single(source, "DSL007", layer, option);
    }

    [Fact]
    public void DSL007_non_positive_units_are_reported()
    {
        var source = Usings + """
            [Input(10)]
            [Dense(-3)]
            public partial class NoUnits;
            """;
        DiagnosticAssert.Single(source, "DSL007", "[Dense(-3)]", "Units");
    }

    [Fact]
    public void DSL008_an_unexpected_parameter_count_shows_both_numbers()
    {
        var source = Usings + """
            [Input(1, 28, 28)]
            [Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
            [Flatten]
            [Dense(10)]
            [ExpectParameters(43_362)]
            public partial class Drifted;
            """;
        var diagnostic = DiagnosticAssert.Single(source, "DSL008", "[ExpectParameters(43_362)]", "43,362");
        Assert.Contains("502,410", diagnostic.GetMessage());
    }

    [Fact]
    public void DSL009_a_class_that_is_not_partial_is_reported()
    {
        var source = Usings + """
            [Input(10)]
            [Dense(2)]
            public class NotPartial { }
            """;
        DiagnosticAssert.Single(source, "DSL009", "public class NotPartial", "partial");
    }

    [Fact]
    public void DSL010_a_generic_class_is_reported()
    {
        var source = Usings + """
            [Input(10)]
            [Dense(2)]
            public partial class Generic<T> { }
            """;
        DiagnosticAssert.Single(source, "DSL010", "class Generic<T>", "generic");
    }

    [Fact]
    public void DSL011_softmax_before_the_last_layer_is_a_warning_and_the_model_is_still_generated()
    {
        var source = Usings + """
            [Input(10)]
            [Dense(8, Activation = Activation.Softmax)]
            [Dense(2)]
            public partial class EarlySoftmax;
            """;
        var output = GeneratorHarness.Run(new[] { source });
        var diagnostic = Assert.Single(output.GeneratorDiagnostics);
        Assert.Equal("DSL011", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(DiagnosticAssert.LineOf(source, "[Dense(8, Activation = Activation.Softmax)]"), DiagnosticAssert.Line(diagnostic));
        Assert.Contains("App.EarlySoftmax.g.cs", output.GeneratedSources.Keys);
    }

    [Fact]
    public void DSL011_is_bound_to_the_source_tree_so_that_pragma_can_suppress_it()
    {
        // tests/Dsl.Runtime.Tests compiles a model with "#pragma warning disable DSL011" under warnings-as-errors:
        // that build is the end-to-end proof. Here: the precondition, a location inside the compilation's own tree.
        var source = Usings + """
            [Input(10)]
            [Dense(8, Activation = Activation.Softmax)]
            [Dense(2)]
            public partial class Bound;
            """;
        var output = GeneratorHarness.Run(new[] { source });
        var diagnostic = Assert.Single(output.GeneratorDiagnostics);
        Assert.Equal(LocationKind.SourceFile, diagnostic.Location.Kind);
        Assert.Contains(diagnostic.Location.SourceTree, output.OutputCompilation.SyntaxTrees);
    }

    [Theory]
    [InlineData("[Conv2D(8, 3, 3, 3)]", "3 were")]
    [InlineData("[MaxPool2D]", "0 were")]
    [InlineData("[MaxPool2D(2, Strides = new[] { 1, 2, 3 })]", "3 were")]
    public void DSL012_windows_and_strides_take_one_or_two_values(string layer, string given)
    {
        var source = Usings + $"""
            [Input(3, 16, 16)]
            {layer}
            [Flatten]
            [Dense(2)]
            public partial class WrongCount;
            """;
        DiagnosticAssert.Single(source, "DSL012", layer, given);
    }

    [Fact]
    public void DSL013_a_model_without_layers_is_reported()
    {
        var source = Usings + """
            [Input(10)]
            public partial class Empty;
            """;
        DiagnosticAssert.Single(source, "DSL013", "class Empty", "no layers");
    }

    [Fact]
    public void DSL014_an_undefined_enum_value_is_reported()
    {
        var source = Usings + """
            [Input(10)]
            [Dense(2, Activation = (Activation)42)]
            public partial class CastEnum;
            """;
        DiagnosticAssert.Single(source, "DSL014", "(Activation)42", "42");
    }

    [Fact]
    public void DSL015_layers_on_two_partial_declarations_are_reported()
    {
        var source = Usings + """
            [Input(10)]
            [Dense(4)]
            public partial class Split;

            [Dense(2)]
            public partial class Split;
            """;
        DiagnosticAssert.Single(source, "DSL015", "class Split;", "more than one");
    }

    [Theory]
    [InlineData("[Dense(2)]")]
    [InlineData("[Dense(2, Activation = true ? Activation.ReLU : Activation.None)]")]
    [InlineData("[Conv2D(4, 3, Padding = Padding.Same)]")]
    public void DSL015_layers_on_partial_declarations_in_two_files_are_reported_not_a_crash(string second)
    {
        // Each file has its own syntax tree; reading the second file's attributes through the first file's semantic
        // model once threw "Syntax node is not within syntax tree" (DSL999).
        var run = GeneratorHarness.Run(new[]
        {
            Usings + "[Input(1, 8, 8)]\n[Conv2D(4, 3)]\npublic partial class Split;\n",
            Usings + second + "\npublic partial class Split;\n",
        });
        var diagnostics = run.GeneratorDiagnostics;
        Assert.DoesNotContain(diagnostics, d => d.Id == "DSL999");
        Assert.True(diagnostics.Any(d => d.Id == "DSL015"), string.Join("\n", run.AllDiagnostics));
        var split = Assert.Single(diagnostics, d => d.Id == "DSL015");
        Assert.Contains("more than one", split.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSL016_a_base_class_is_reported()
    {
        var source = Usings + """
            public class Base { }

            [Input(10)]
            [Dense(2)]
            public partial class Derived : Base { }
            """;
        DiagnosticAssert.Single(source, "DSL016", "class Derived", "App.Base");
    }

    [Fact]
    public void DSL017_a_model_nested_in_a_non_partial_type_is_reported()
    {
        var source = Usings + """
            public class Outer
            {
                [Input(10)]
                [Dense(2)]
                public partial class Inner;
            }
            """;
        DiagnosticAssert.Single(source, "DSL017", "class Inner", "Outer");
    }

    [Fact]
    public void A_model_with_an_error_generates_no_class_and_the_generator_does_not_throw()
    {
        var source = Usings + """
            [Input(1, 4, 4)]
            [Conv2D(8, 5)]
            public partial class Broken;
            """;
        var output = GeneratorHarness.Run(new[] { source });
        output.AssertGeneratorHealthy();
        Assert.DoesNotContain(output.GeneratedSources.Keys, k => k.Contains("Broken", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_first_error_in_a_chain_of_shapes_is_reported()
    {
        var source = Usings + """
            [Input(1, 4, 4)]
            [Conv2D(8, 5)]
            [Conv2D(8, 5)]
            [Dense(10)]
            public partial class Cascade;
            """;
        var output = GeneratorHarness.Run(new[] { source });
        Assert.Equal(new[] { "DSL003" }, output.GeneratorDiagnostics.Select(d => d.Id));
    }


    /// <summary>
    /// An argument the C# compiler rejects has the compiler's error and nothing else: the generator checks no model that
    /// is not what the user wrote (the rejected option would otherwise be missing and a later layer blamed).
    /// </summary>
    [Theory]
    [InlineData("[Conv2D(8, 3, Stide = 2)]", "CS0246")]            // an unknown named option
    [InlineData("[Conv2D(8, 3, Stride = \"2\")]", "CS0029")]       // a named option of the wrong type
    [InlineData("[Conv2D(8, \"3\")]", "CS1503")]                   // a positional argument of the wrong type
    [InlineData("[Dense(Units = 4)]", "CS1729")]                    // no constructor without the units
    [InlineData("[Conv2D(8, 3, Padding = 5)]", "CS0266")]           // an int for an enum: CS0266 alone, no DSL014 beside it
    public void An_argument_the_compiler_rejects_gets_only_the_compilers_error(string layer, string compilerError)
    {
        var run = GeneratorHarness.Run(new[] { "using Dsl;\nnamespace App;\n[Input(3, 16, 16)]\n" + layer + "\n[Flatten]\n[Dense(10)]\npublic partial class Rejected;\n" });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains(compilerError, run.CompilationDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.Id));
    }
}
