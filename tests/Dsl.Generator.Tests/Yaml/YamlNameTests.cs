using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dsl.Generator.Tests.Yaml;

/// <summary>Name checks and "did you mean" suggestions.</summary>
public class YamlNameTests
{
    [Theory]
    [InlineData("kernal_size", "kernel_size")]
    [InlineData("kernelSize", "kernel_size")]
    [InlineData("KERNEL_SIZE", "kernel_size")]
    [InlineData("filter", "filters")]
    [InlineData("usebias", "use_bias")]
    [InlineData("pading", "padding")]
    [InlineData("activaton", "activation")]
    [InlineData("stirde", "stride")]
    public void Misspelt_keys_find_the_intended_key(string written, string intended)
    {
        var keys = new[] { "filters", "kernel_size", "stride", "strides", "padding", "activation", "use_bias" };
        Assert.Equal(intended, NearestName.Find(written, keys));
    }

    [Theory]
    [InlineData("colour")]
    [InlineData("x")]
    [InlineData("")]
    public void Unrelated_names_find_nothing(string written) =>
        Assert.Null(NearestName.Find(written, new[] { "filters", "kernel_size", "padding" }));

    [Fact]
    public void Very_long_names_are_not_compared()
    {
        Assert.Null(NearestName.Find(new string('f', 10_000), new[] { "filters" }));
    }

    [Theory]
    [InlineData("ab", "ba", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("ca", "abc", 3)]
    public void Distance_counts_edits_and_adjacent_swaps(string a, string b, int distance) =>
        Assert.Equal(distance, NearestName.Distance(a, b));

    [Theory]
    [InlineData("Model1")]
    [InlineData("_model")]
    [InlineData("MnistNet2")]
    [InlineData("Ünïcode")]
    [InlineData("conv2d_x")]
    public void Usable_class_names_pass(string name) => Assert.Null(CSharpNames.CheckClassName(name));

    [Theory]
    [InlineData("A.B.C")]
    [InlineData("Samples.Mnist")]
    [InlineData("record.var")]
    public void Valid_namespaces_pass(string name) => Assert.Null(CSharpNames.CheckNamespace(name));

    [Fact]
    public void The_reserved_member_names_are_exactly_what_the_emitter_declares()
    {
        // If the emitter gains a member, a YAML model of that name would fail with CS0542 in generated code:
        // this test makes the list in CSharpNames follow the emitter.
        var run = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("Net.model.yaml", "model: Net\ninput: [784]\nlayers: [{ dense: 10 }]\n") });
        var tree = CSharpSyntaxTree.ParseText(run.GeneratedSources["TestModels.Net.model-yaml.g.cs"]);
        var type = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Single();
        var declared = type.Members.SelectMany(member => member switch
        {
            FieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier.Text),
            PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } property => new[] { property.Identifier.Text },
            MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method => new[] { method.Identifier.Text },
            _ => System.Array.Empty<string>(),
        })
        .Where(name => name != "dense_1")
        .Distinct() // overloads (ExportOnnx to a path or a stream) share one name
        .OrderBy(name => name, System.StringComparer.Ordinal);
        Assert.Equal(ReservedNames.GeneratedMembers.OrderBy(name => name, System.StringComparer.Ordinal), declared);
        Assert.NotNull(CSharpNames.CheckClassName("dense_1"));
    }
}
