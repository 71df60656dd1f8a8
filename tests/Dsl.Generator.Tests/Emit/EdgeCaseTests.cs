using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Emit;

/// <summary>Unusual but legal declarations must still generate compiling code, or a diagnostic, never a crash.</summary>
public class EdgeCaseTests
{
    [Fact]
    public void Keyword_namespaces_and_class_names_are_escaped()
    {
        var run = GeneratorHarness.Run(new[]
        {
            """
            using Dsl;
            namespace @class.@event;

            [Input(4)]
            [Dense(2)]
            public partial class @Object;

            public static partial class @static
            {
                [Input(4)]
                [Dense(2)]
                public partial class @int;
            }
            """,
        });
        run.AssertGeneratorHealthy();
        Assert.Contains("class.event.Object.g.cs", run.GeneratedSources.Keys);
        Assert.Contains("class.event.static.int.g.cs", run.GeneratedSources.Keys);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Models_whose_names_differ_only_in_case_do_not_crash_the_generator()
    {
        var run = GeneratorHarness.Run(new[]
        {
            "using Dsl;\nnamespace App;\n[Input(4)]\n[Dense(2)]\npublic partial class Net;\n[Input(4)]\n[Dense(3)]\npublic partial class NET;\n",
        });
        Assert.Null(run.Exception);
        Assert.DoesNotContain(run.DriverDiagnostics, d => d.Id == "CS8785");
        Assert.Contains("App.Net.g.cs", run.GeneratedSources.Keys, System.StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[BatchNorm(Epsilon = double.PositiveInfinity)]")]
    [InlineData("[BatchNorm(Momentum = double.NaN)]")]
    [InlineData("[Dropout(double.PositiveInfinity)]")]
    public void Non_finite_numbers_are_rejected_instead_of_emitted(string layer)
    {
        var run = GeneratorHarness.Run(new[] { $"using Dsl;\n[Input(4)]\n{layer}\n[Dense(2)]\npublic partial class Odd;\n" });
        run.AssertGeneratorHealthy();
        Assert.Contains(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(run.GeneratedSources.Keys, k => k.Contains("Odd", System.StringComparison.Ordinal));
    }

    [Fact]
    public void The_per_axis_array_wins_over_the_single_value_whichever_comes_first()
    {
        var run = GeneratorHarness.Run(new[]
        {
            """
            using Dsl;
            namespace App;
            [Input(1, 16, 16)]
            [Conv2D(2, 3, Strides = new[] { 1, 2 }, Stride = 3)]
            [Conv2D(2, 3, DilationRate = 2, DilationRates = new[] { 1, 3 }, Padding = Padding.Same)]
            [Flatten]
            [Dense(2)]
            public partial class Spellings;
            """,
        });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        string source = run.GeneratedSources["App.Spellings.g.cs"];
        // Strides (1, 2) on a 16x16 input with a 3x3 valid kernel: 14 x 7.
        Assert.Contains("OutputShape = global::Dsl.Support.ShapeList.Of(2, 14, 7)", source, System.StringComparison.Ordinal);
        Assert.Contains("dilation: (1L, 3L)", source, System.StringComparison.Ordinal);
    }
}
