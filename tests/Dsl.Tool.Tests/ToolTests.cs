using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Dsl.Package.Tests;

namespace Dsl.Tool.Tests;

/// <summary>
/// <c>dsl check</c>, <c>summary</c>, <c>diagram</c> and <c>new</c> as a user runs them: on the sample's specs they agree
/// with what the build generated; on broken specs check reports what a real build reports, with the same IDs, messages
/// and positions; bad arguments are a message and exit code 1.
/// </summary>
public sealed class ToolTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("dsl-tool-").FullName;

    private static string Samples(string path) => Path.Combine(ToolProcess.RepositoryRoot, "samples", path);

    /// <summary>A constant of a YAML model the Mnist sample generated (the classes are internal, so by reflection).</summary>
    private static string Generated(string model, string member) =>
        (string)typeof(Samples.Mnist.Model1FromAttributes).Assembly.GetType("Samples.Mnist." + model, throwOnError: true)!
            .GetField(member, BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;

    [Fact]
    public void Check_passes_the_samples_specs()
    {
        var (code, output) = ToolProcess.Run($"check \"{Samples("Mnist/Models")}\" \"{Samples("Applications/Models")}\"");
        Assert.True(code == 0, output);
        int specs = new[] { "Mnist/Models", "Applications/Models" }
            .Sum(folder => Directory.GetFiles(Samples(folder), "*.model.yaml").Length + Directory.GetFiles(Samples(folder), "*.block.yaml").Length);
        Assert.True(specs >= 33, "the samples' specs were not found: " + specs);
        Assert.Contains(specs + " specs checked: 0 errors, 0 warnings.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Model1")]
    [InlineData("ResidualCnn")]
    [InlineData("TwoViewCnn")]
    public void Summary_and_diagram_equal_what_the_build_generated(string model)
    {
        string spec = Samples("Mnist/Models/" + model + ".model.yaml");
        var summary = ToolProcess.Run($"summary \"{spec}\" --root-namespace Samples.Mnist");
        Assert.True(summary.ExitCode == 0, summary.Output);
        Assert.Equal(Generated(model, "Summary"), summary.Output);
        var expanded = ToolProcess.Run($"summary \"{spec}\" --expand");
        Assert.Equal(Generated(model, "ExpandedSummary"), expanded.Output);
        var diagram = ToolProcess.Run($"diagram \"{spec}\"");
        Assert.Equal(Generated(model, "Diagram"), diagram.Output);
    }

    [Fact]
    public void Summary_formats_are_the_runtimes()
    {
        var json = ToolProcess.Run($"summary \"{Samples("Applications/Models/ResNet50.model.yaml")}\" --format json --root-namespace Samples.Applications");
        Assert.True(json.ExitCode == 0, json.Output);
        using var document = System.Text.Json.JsonDocument.Parse(json.Output);
        Assert.Equal("Samples.Applications.ResNet50", document.RootElement.GetProperty("model").GetString());
        Assert.Equal(25_636_712, document.RootElement.GetProperty("parameters").GetInt64());
        var csv = ToolProcess.Run($"summary \"{Samples("Mnist/Models/Model1.model.yaml")}\" --format csv");
        Assert.StartsWith("layer,depth,type,kind,output_shape,parameters", csv.Output, StringComparison.Ordinal);
        Assert.Contains("dense_1,0,Dense,Dense,\"(None, 10)\",23530,", csv.Output, StringComparison.Ordinal);
    }

    /// <summary>The same broken specs through the tool and through a real build of a project that has them.</summary>
    [Fact]
    public void Check_reports_what_a_build_reports()
    {
        string project = Path.Combine(_work, "Broken");
        Directory.CreateDirectory(Path.Combine(project, "Models"));
        File.WriteAllText(Path.Combine(project, "Models", "Typo.model.yaml"), "model: Typo\ninput: [8]\nlayers:\n  - dense: { units: 8, name: stem }\n  - dense: { units: 2, from: stme }\n");
        File.WriteAllText(Path.Combine(project, "Models", "Shrunk.model.yaml"), "model: Shrunk\ninput: [1, 4, 4]\nlayers:\n  - conv2d: { filters: 8, kernel_size: 5 }\n  - flatten\nexpect_parameters: 7\n");
        File.WriteAllText(Path.Combine(project, "Models", "Unit.block.yaml"), "block: Unit\nparameters: { filters: int }\nlayers:\n  - conv2d: { filters: $filtres, kernel_size: 3 }\n");
        File.WriteAllText(Path.Combine(project, "Models", "Dead.model.yaml"), "model: Dead\ninput: [8]\nlayers:\n  - dense: { units: 4, name: lost }\n  - dense: { units: 2, from: input }\n");
        string repo = ToolProcess.RepositoryRoot;
        File.WriteAllText(Path.Combine(project, "Broken.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace>Models</RootNamespace>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <Import Project="{repo}src/Dsl.Runtime/build/Dsl.Runtime.props" />
              <ItemGroup>
                <ProjectReference Include="{repo}src/Dsl.Runtime/Dsl.Runtime.csproj" />
                <ProjectReference Include="{repo}src/Dsl.Generator/Dsl.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);

        var build = ProcessRunner.Run("dotnet", $"build -c {ToolProcess.Configuration} -nologo -clp:NoSummary", project, TimeSpan.FromMinutes(8));
        var fromBuild = build.Output.Split('\n')
            .Where(l => l.Contains(": error DSL", StringComparison.Ordinal) || l.Contains(": warning DSL", StringComparison.Ordinal))
            .Select(l => l.Trim())
            .Select(l => l.Contains(" [", StringComparison.Ordinal) ? l[..l.LastIndexOf(" [", StringComparison.Ordinal)] : l)
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var check = ToolProcess.Run($"check \"{Path.Combine(project, "Models")}\"");
        var fromTool = check.Output.Split('\n').Select(l => l.Trim())
            .Where(l => l.Contains(": error DSL", StringComparison.Ordinal) || l.Contains(": warning DSL", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(fromBuild.Count >= 4, build.Output);
        Assert.Equal(fromBuild, fromTool);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains(fromTool, l => l.Contains("Typo.model.yaml(5,5): error DSL018", StringComparison.Ordinal));
        Assert.Contains(fromTool, l => l.Contains("warning DSL024", StringComparison.Ordinal));
    }

    [Fact]
    public void New_writes_a_spec_that_checks_clean_and_refuses_to_overwrite()
    {
        var created = ToolProcess.Run("new DigitNet --out \"" + _work + "\"");
        Assert.True(created.ExitCode == 0, created.Output);
        string spec = Path.Combine(_work, "DigitNet.model.yaml");
        Assert.Contains("expect_parameters: 43362", File.ReadAllText(spec), StringComparison.Ordinal);
        var check = ToolProcess.Run($"check \"{spec}\"");
        Assert.True(check.ExitCode == 0, check.Output);

        File.AppendAllText(spec, "# mine\n");
        var again = ToolProcess.Run("new DigitNet --out \"" + _work + "\"");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("exists; choose another name or --out folder (nothing was written)", again.Output, StringComparison.Ordinal);
        Assert.EndsWith("# mine\n", File.ReadAllText(spec), StringComparison.Ordinal);

        var project = ToolProcess.Run("new Reader --project --out \"" + _work + "\"");
        Assert.True(project.ExitCode == 0, project.Output);
        foreach (var file in new[] { "Reader.csproj", "Program.cs", "Models/Reader.model.yaml", "Reader.Tests/Reader.Tests.csproj", "Reader.Tests/ModelTests.cs" })
            Assert.True(File.Exists(Path.Combine(_work, "Reader", file)), file);
        Assert.Equal(0, ToolProcess.Run($"check \"{Path.Combine(_work, "Reader", "Models")}\"").ExitCode);
    }

    [Theory]
    [InlineData("summary missing.model.yaml", "error: 'missing.model.yaml' does not exist.")]
    [InlineData("check notes.txt", "is not a spec: specs are named *.model.yaml or *.block.yaml")]
    [InlineData("summary notes.txt", "is not a model spec: summary, diagram and train take a *.model.yaml file")]
    [InlineData("new class", "error: 'class' cannot name a model: 'class' cannot name the model class: it is a C# keyword")]
    [InlineData("summary x.model.yaml --format pdf", "pdf")]
    [InlineData("check", "Required argument 'paths' missing")]
    public void Bad_arguments_are_a_message_and_exit_code_1(string arguments, string message)
    {
        File.WriteAllText(Path.Combine(_work, "notes.txt"), "not a spec");
        File.WriteAllText(Path.Combine(_work, "x.model.yaml"), "model: X\ninput: [4]\nlayers: [{ dense: 2 }]\n");
        var (code, output) = ToolProcess.Run(arguments, _work);
        Assert.Equal(1, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_with_errors_stops_summary_with_its_errors()
    {
        string spec = Path.Combine(_work, "Shrunk.model.yaml");
        File.WriteAllText(spec, "model: Shrunk\ninput: [1, 4, 4]\nlayers:\n  - conv2d: { filters: 8, kernel_size: 5 }\n");
        var (code, output) = ToolProcess.Run($"summary \"{spec}\"");
        Assert.Equal(1, code);
        Assert.Contains($"{spec}(4,5): error DSL003", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
