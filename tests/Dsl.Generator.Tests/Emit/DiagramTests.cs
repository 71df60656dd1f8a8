using System;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Tests.Yaml;

namespace Dsl.Generator.Tests.Emit;

/// <summary>The compile-time Mermaid diagram: a box per layer, an arrow per input, branches and merges as they are.</summary>
public class DiagramTests
{
    [Fact]
    public void A_stack_is_a_chain_of_boxes()
    {
        var run = GeneratorHarness.Run(new[] { "using Dsl;\nnamespace App;\n[Input(1, 8, 8)]\n[Conv2D(4, 3, Activation = Activation.ReLU)]\n[Flatten]\n[Dense(2, Activation = Activation.Softmax)]\npublic partial class Small;\n" });
        run.AssertGeneratorHealthy();
        Assert.Contains(Literal("""
            flowchart TD
                n0[/"input<br/>(None, 1, 8, 8)"/]
                n1["conv2d_1 (Conv2D), relu<br/>(None, 4, 6, 6)"]
                n2["flatten_1 (Flatten)<br/>(None, 144)"]
                n3["dense_1 (Dense), softmax<br/>(None, 2)"]
                n0 --> n1
                n1 --> n2
                n2 --> n3

            """), run.GeneratedSources["App.Small.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_graph_shows_its_branches_and_merges()
    {
        var run = GeneratorHarness.Run(new[] { YamlGraphTests.ResidualAttributes });
        run.AssertGeneratorHealthy();
        string source = run.GeneratedSources["App.Residual.g.cs"];
        // The stem feeds three layers; the add and the concatenation each take two.
        foreach (var edge in new[] { "n1 --> n2", "n1 --> n3", "n2 --> n3", "n1 --> n4", "n3 --> n5", "n4 --> n5" })
            Assert.Contains(edge, source, StringComparison.Ordinal);
        Assert.Contains("n3[\\\"add_1 (Add)<br/>(None, 4, 8, 8)\\\"]", source, StringComparison.Ordinal);
    }

    /// <summary>The text as a C# string literal's contents, the way the generated constant spells it.</summary>
    private static string Literal(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
