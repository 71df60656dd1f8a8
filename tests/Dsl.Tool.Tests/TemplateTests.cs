using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using Dsl.Package.Tests;

namespace Dsl.Tool.Tests;

/// <summary>
/// The <c>dotnet new</c> template as a user gets it: packed with <c>dotnet pack</c>, installed from the .nupkg into a
/// private template hive (never the machine's), instantiated with <c>dotnet new dsl-project</c>; its files are those
/// <c>dsl new --project</c> writes, its spec checks clean, and it pins the packages' own version.
/// </summary>
public sealed class TemplateTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("dsl-template-").FullName;

    [Fact]
    public void The_packed_template_installs_and_makes_the_project_dsl_new_makes()
    {
        string feed = Path.Combine(_work, "feed");
        string hive = Path.Combine(_work, "hive");
        var isolated = new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = Path.Combine(_work, "home") };
        var pack = ProcessRunner.Run("dotnet", $"pack templates/Dsl.Templates -c {ToolProcess.Configuration} -o \"{feed}\" -nologo", ToolProcess.RepositoryRoot, TimeSpan.FromMinutes(4));
        Assert.True(pack.ExitCode == 0, pack.Output);
        string package = Directory.GetFiles(feed, "Dsl.Templates.*.nupkg").Single();

        var install = ProcessRunner.Run("dotnet", $"new install \"{package}\" --debug:custom-hive \"{hive}\"", _work, TimeSpan.FromMinutes(2), isolated);
        Assert.True(install.ExitCode == 0, install.Output);
        Assert.Contains("dsl-project", install.Output, StringComparison.Ordinal);
        string fromTemplate = Path.Combine(_work, "template", "DigitNet");
        var created = ProcessRunner.Run("dotnet", $"new dsl-project -n DigitNet -o \"{fromTemplate}\" --debug:custom-hive \"{hive}\"", _work, TimeSpan.FromMinutes(2), isolated);
        Assert.True(created.ExitCode == 0, created.Output);

        var fromTool = ToolProcess.Run($"new DigitNet --project --out \"{Path.Combine(_work, "tool")}\"");
        Assert.True(fromTool.ExitCode == 0, fromTool.Output);
        var expected = Files(Path.Combine(_work, "tool", "DigitNet"));
        var actual = Files(fromTemplate);
        Assert.Equal(new[] { "DigitNet.Tests/DigitNet.Tests.csproj", "DigitNet.Tests/ModelTests.cs", "DigitNet.csproj", "Models/DigitNet.model.yaml", "Program.cs" }, actual.Keys);
        Assert.Equal(expected, actual);

        var project = XDocument.Load(Path.Combine(fromTemplate, "DigitNet.csproj"));
        var versions = project.Descendants("PackageReference").Where(r => ((string)r.Attribute("Include")!).StartsWith("Dsl.", StringComparison.Ordinal)).Select(r => (string)r.Attribute("Version")!).Distinct();
        Assert.Equal(new[] { RepositoryVersion() }, versions);
        Assert.Contains("model: DigitNet", actual["Models/DigitNet.model.yaml"], StringComparison.Ordinal);
        var check = ToolProcess.Run($"check \"{Path.Combine(fromTemplate, "Models")}\"");
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("1 spec checked: 0 errors, 0 warnings.", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_template_s_default_version_is_the_repository_s()
    {
        string config = Path.Combine(ToolProcess.RepositoryRoot, "templates", "Dsl.Templates", "content", "dsl-project", ".template.config", "template.json");
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        Assert.Equal("DslModel", json.RootElement.GetProperty("sourceName").GetString());
        Assert.Equal(RepositoryVersion(), json.RootElement.GetProperty("symbols").GetProperty("DslVersion").GetProperty("defaultValue").GetString());
    }

    private static string RepositoryVersion() =>
        XDocument.Load(Path.Combine(ToolProcess.RepositoryRoot, "Directory.Build.props")).Descendants("Version").Single().Value;

    private static SortedDictionary<string, string> Files(string root) =>
        new(Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText), StringComparer.Ordinal);

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
