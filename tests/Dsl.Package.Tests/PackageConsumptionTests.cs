using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Dsl.Package.Tests;

/// <summary>
/// The one package a user adds must be enough: pack Dsl.Runtime into a local feed, create a console project
/// outside the solution that references it by package (plus a libtorch backend), declare a model in attributes
/// and one in YAML, build with warnings as errors, run a forward pass, and check what it prints. This covers the
/// generator and YamlDotNet loading from analyzers/, the YAML props, and the native fix from build/. Then an app that
/// gets the package only through a library covers buildTransitive/, and that library covers
/// EnableDefaultYamlModelItems=false.
/// </summary>
public sealed class PackageConsumptionTests : IDisposable
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(10);
    private readonly string _work = Directory.CreateTempSubdirectory("dsl-package-test-").FullName;

    private static string RepositoryRoot =>
        typeof(PackageConsumptionTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;

    [Fact]
    public void A_fresh_project_builds_and_runs_models_from_the_package()
    {
        // Unique version: NuGet caches packages by id and version, so a reused version could test a stale package.
        string version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Environment.ProcessId;
        string feed = Path.Combine(_work, "feed");
        string source = CopySources();
        Dotnet($"pack src/Dsl.Runtime/Dsl.Runtime.csproj -c Release -o \"{feed}\" -p:Version={version}", source);
        using (var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed, $"Dsl.Runtime.{version}.nupkg")))
        {
            var analyzers = package.Entries.Select(e => e.FullName).Where(n => n.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
            // The generator, the YAML parser it bundles, and the IDE's code fixes.
            Assert.Equal(["analyzers/dotnet/cs/Dsl.CodeFixes.dll", "analyzers/dotnet/cs/Dsl.Generator.dll", "analyzers/dotnet/cs/YamlDotNet.dll"], analyzers);
            // The core pulls in TorchSharp, the ONNX schema's protobuf runtime and safetensors, and nothing else: no console
            // UI, no plotting library with native Skia assets, no CSV reader (Dsl.Console, Dsl.Reporting, Dsl.Data have them).
            using var nuspec = package.GetEntry("Dsl.Runtime.nuspec")!.Open();
            var dependencies = System.Xml.Linq.XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).Order(StringComparer.Ordinal);
            Assert.Equal(["Google.Protobuf", "TorchSharp", "TorchSharp.PyBridge"], dependencies);
        }

        string consumer = Path.Combine(_work, "consumer");
        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), NuGetConfig(feed));
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- The package source here lacks some exact transitive versions of TorchSharp's dependencies. -->
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Dsl.Runtime" Version="{version}" />
                <PackageReference Include="libtorch-cpu-linux-x64" Version="2.10.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Models.cs"), """
            using Dsl;

            namespace Consumer;

            [Input(1, 28, 28)]
            [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
            [MaxPool2D(2)]
            [Conv2D(4, 2, Stride = 2, Padding = Padding.Same)]
            [Flatten]
            [Dense(10, Activation = Activation.Softmax)]
            [ExpectParameters(2_182)]
            public partial class AttributeNet;
            """);
        // Picked up by the package's props (every *.model.yaml), namespace from the project's RootNamespace.
        Directory.CreateDirectory(Path.Combine(consumer, "Models"));
        File.WriteAllText(Path.Combine(consumer, "Models", "YamlNet.model.yaml"), """
            model: YamlNet
            input: [784]
            layers:
              - dense: { units: 32, activation: relu }
              - dropout: 0.1
              - dense: { units: 10, activation: softmax }
            expect_parameters: 25450
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using System;
            using System.Linq;
            using static TorchSharp.torch;

            foreach (var model in Dsl.ModelCatalog.All)
            {
                using var module = model.Create();
                using var output = ((Dsl.IGeneratedModel)module).Run(randn([2, .. model.InputShape.Select(d => (long)d)]))[0];
                Console.WriteLine($"{model.FullName}: {model.ParameterCount} parameters, output ({string.Join(", ", output.shape)})");
            }
            """);

        Dotnet("build -c Release", consumer);
        string output = Dotnet("run -c Release --no-build", consumer);

        Assert.Contains("Consumer.AttributeNet: 2182 parameters, output (2, 10)", output);
        Assert.Contains("Consumer.YamlNet: 25450 parameters, output (2, 10)", output);

        ConsumeTransitively(feed, version);
    }

    /// <summary>
    /// A library references the package and turns the default YAML glob off, listing one of its two specs itself; an
    /// app gets Dsl.Runtime only through that library. The package's buildTransitive/ files must reach the app (the
    /// native fix among them, or TorchSharp does not load on older libstdc++), and only the listed spec may be generated.
    /// </summary>
    private void ConsumeTransitively(string feed, string version)
    {
        string root = Path.Combine(_work, "transitive");
        string library = Directory.CreateDirectory(Path.Combine(root, "Lib", "Specs")).Parent!.FullName;
        string app = Directory.CreateDirectory(Path.Combine(root, "App")).FullName;
        File.WriteAllText(Path.Combine(root, "nuget.config"), NuGetConfig(feed));
        File.WriteAllText(Path.Combine(library, "Lib.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
                <EnableDefaultYamlModelItems>false</EnableDefaultYamlModelItems>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Dsl.Runtime" Version="{version}" />
                <AdditionalFiles Include="Specs/Listed.model.yaml" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(library, "Specs", "Listed.model.yaml"), """
            model: Listed
            input: [1, 8, 8]
            layers:
              - conv2d: { filters: 2, kernel_size: 3, activation: relu }
              - flatten
              - dense: { units: 3, activation: softmax }
            expect_parameters: 239
            """);
        // Valid, so that picking it up would show in the catalog rather than fail the build.
        File.WriteAllText(Path.Combine(library, "Specs", "Unlisted.model.yaml"), """
            model: Unlisted
            input: [4]
            layers:
              - dense: 2
            """);
        File.WriteAllText(Path.Combine(library, "LibModels.cs"), """
            using System.Collections.Generic;

            namespace Lib;

            public static class LibModels
            {
                public static IReadOnlyList<Dsl.ModelInfo> All => Dsl.ModelCatalog.All;
            }
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Lib/Lib.csproj" />
                <PackageReference Include="libtorch-cpu-linux-x64" Version="2.10.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System;
            using System.Linq;
            using static TorchSharp.torch;

            Console.WriteLine($"models: {Lib.LibModels.All.Count}");
            foreach (var model in Lib.LibModels.All)
            {
                using var module = model.Create();
                using var output = ((Dsl.IGeneratedModel)module).Run(randn([2, .. model.InputShape.Select(d => (long)d)]))[0];
                Console.WriteLine($"{model.FullName} from {model.Source}: output ({string.Join(", ", output.shape)})");
            }
            """);

        Dotnet("build -c Release", app);
        // Imported into the app from buildTransitive/ (nothing else could: the app references no package of ours).
        Assert.Equal("true", Dotnet("msbuild -getProperty:DslImportedRuntimeTargets -p:Configuration=Release", app).Trim());
        Assert.Equal("true", Dotnet("msbuild -getProperty:DslPatchTorchSharpNative -p:Configuration=Release", app).Trim());
        string output = Dotnet("run -c Release --no-build", app);

        Assert.Contains("models: 1", output);
        Assert.Contains("Lib.Listed from Listed.model.yaml: output (2, 3)", output);
        Assert.DoesNotContain("Unlisted", output);
    }

    private static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
        </configuration>
        """;

    /// <summary>Packs from a copy, so the pack's custom version never overwrites the solution's own build output.</summary>
    private string CopySources()
    {
        string copy = Directory.CreateDirectory(Path.Combine(_work, "repo")).FullName;
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "nuget.config", "README.md" })
            File.Copy(Path.Combine(RepositoryRoot, file), Path.Combine(copy, file));
        CopyDirectory(Path.Combine(RepositoryRoot, "src"), Path.Combine(copy, "src"));
        return copy;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Contains("bin") || parts.Contains("obj"))
                continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string Dotnet(string arguments, string directory)
    {
        var (exitCode, output) = ProcessRunner.Run("dotnet", arguments, directory, Slow);
        Assert.True(exitCode == 0, $"dotnet {arguments} failed with exit code {exitCode}:\n{output}");
        return output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the test.
        }
    }
}
