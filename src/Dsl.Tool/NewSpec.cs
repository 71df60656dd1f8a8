using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Dsl.Tool;

/// <summary>
/// <c>dsl new Name</c>: a model spec to start from (the seed notebook's first CNN for 28x28 digits), checked by the
/// generator before it is kept; with <c>--project</c>, a console project around it that trains it on MNIST, and a test
/// project that holds it to its parameter count, the way <c>dotnet new</c> starts people off.
/// </summary>
internal static class NewSpec
{
    public static Command Command(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("name") { Description = "The model's class name, e.g. DigitNet." };
        var project = new Option<bool>("--project") { Description = "Also write a console project that trains it, and a test project." };
        var folder = new Option<string>("--out") { Description = "Where to write (default: the current folder).", DefaultValueFactory = _ => "." };
        var command = new Command("new", "Writes a new model spec (and with --project, a project that trains and tests it).") { name, project, folder };
        command.SetAction(parse => Commands.Guard(error, () =>
            Write(parse.GetValue(name)!, Path.GetFullPath(parse.GetValue(folder)!), parse.GetValue(project), output)));
        return command;
    }

    private static int Write(string name, string folder, bool project, TextWriter output)
    {
        string root = project ? Path.Combine(folder, name) : folder;
        string specPath = project ? Path.Combine(root, "Models", name + ".model.yaml") : Path.Combine(root, name + ".model.yaml");
        var files = project ? ProjectFiles(name, root) : new (string Path, string Text)[0];
        foreach (var path in files.Select(f => f.Path).Append(specPath))
        {
            if (File.Exists(path))
                throw new UsageException($"'{path}' exists; choose another name or --out folder (nothing was written).");
        }

        // Checked before anything is written: a name the generator refuses (a keyword, invisible characters) is its error.
        string spec = Spec(name, project ? name : "Models");
        string probe = Path.Combine(Path.GetTempPath(), "dsl-new-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(probe);
        try
        {
            string probeSpec = Path.Combine(probe, "New.model.yaml");
            File.WriteAllText(probeSpec, spec);
            var run = SpecRun.Of(new[] { probeSpec }, "Models");
            var problem = run.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            if (problem is not null)
                throw new UsageException($"'{name}' cannot name a model: {problem.GetMessage()}");
        }
        finally
        {
            Directory.Delete(probe, recursive: true);
        }

        foreach (var (path, text) in files.Append((specPath, spec)))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            output.WriteLine("wrote " + path);
        }
        output.WriteLine(project
            ? $"Next: cd {root} && dotnet run (trains {name} on MNIST for one epoch) and dotnet test {name}.Tests"
            : $"Next: dsl summary {specPath}, or add it to a project that references Dsl.Runtime (every *.model.yaml is picked up).");
        return 0;
    }

    /// <summary>The seed notebook's Model1, 43,362 parameters, as a YAML spec.</summary>
    private static string Spec(string name, string ns) => $$"""
        # {{name}}: the seed notebook's first CNN for 28x28 digits. Change the layers; the build checks every shape and count.
        model: {{name}}
        namespace: {{ns}}
        input: [1, 28, 28]
        layers:
          - conv2d: { filters: 64, kernel_size: 3, padding: same, activation: relu }
          - max_pooling2d: 2
          - dropout: 0.2
          - conv2d: { filters: 28, kernel_size: 3, padding: same, activation: relu }
          - dropout: 0.35
          - conv2d: { filters: 12, kernel_size: 3, padding: same, activation: relu }
          - dropout: 0.4
          - flatten
          - dense: { units: 10, activation: softmax }
        expect_parameters: 43362

        """;

    /// <summary>The package versions the project pins: the runtime this tool was built with, and libtorch for the CPU.</summary>
    private static string RuntimeVersion =>
        typeof(ModelInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.1.0";

    private static (string Path, string Text)[] ProjectFiles(string name, string root) => new[]
    {
        (Path.Combine(root, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <RootNamespace>{name}</RootNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Dsl.Runtime" Version="{RuntimeVersion}" />
                <!-- MNIST and the other loaders; the console's progress bar. -->
                <PackageReference Include="Dsl.Data" Version="{RuntimeVersion}" />
                <PackageReference Include="Dsl.Console" Version="{RuntimeVersion}" />
                <PackageReference Include="libtorch-cpu-linux-x64" Version="2.10.0" />
              </ItemGroup>
              <ItemGroup>
                <Compile Remove="{name}.Tests/**" />
              </ItemGroup>
            </Project>

            """),
        (Path.Combine(root, "Program.cs"), $$"""
            using System;
            using Dsl.Data;
            using Dsl.Training;

            namespace {{name}};

            public static class Program
            {
                public static void Main()
                {
                    Console.WriteLine({{name}}.Summary);
                    using var mnist = Mnist.Load();          // downloads and caches MNIST on first use
                    Trainer.Seed(42);
                    using var model = new {{name}}();
                    using var trainer = new Trainer(model, new TrainerOptions { Epochs = 1, BatchSize = 128 });
                    trainer.Fit(mnist.Train.Images, mnist.Train.Labels, mnist.Test.Images, mnist.Test.Labels, ConsoleProgress.Create());
                    var test = trainer.Evaluate(mnist.Test.Images, mnist.Test.Labels);
                    Console.WriteLine($"Test accuracy: {test.Accuracy:0.0000}");
                    model.ExportOnnx("{{name}}.onnx");
                }
            }

            """),
        (Path.Combine(root, name + ".Tests", name + ".Tests.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <IsPackable>false</IsPackable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
                <PackageReference Include="libtorch-cpu-linux-x64" Version="2.10.0" />
                <ProjectReference Include="../{name}.csproj" />
              </ItemGroup>
            </Project>

            """),
        (Path.Combine(root, name + ".Tests", "ModelTests.cs"), $$"""
            using TorchSharp;
            using Xunit;

            namespace {{name}}.Tests;

            public class ModelTests
            {
                [Fact]
                public void The_model_has_the_declared_parameters_and_outputs_ten_classes()
                {
                    using var model = new {{name}}();
                    long count = 0;
                    foreach (var parameter in model.parameters())
                        count += parameter.numel();
                    Assert.Equal({{name}}.ParameterCount, count);
                    using var output = model.call(torch.zeros(2, 1, 28, 28));
                    Assert.Equal(new long[] { 2, 10 }, output.shape);
                }
            }

            """),
    };
}
