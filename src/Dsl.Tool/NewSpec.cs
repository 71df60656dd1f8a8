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

    /// <summary>The name the template's files use for the model, replaced by the user's (its <c>sourceName</c>).</summary>
    private const string TemplateName = "DslModel";

    /// <summary>The template's placeholder for the Dsl packages' version (its <c>DslVersion</c> symbol).</summary>
    private const string VersionToken = "DSL_VERSION";

    private const string ResourcePrefix = "template/";

    /// <summary>The seed notebook's Model1, 43,362 parameters, as a YAML spec: the template's, in namespace <paramref name="ns"/>.</summary>
    private static string Spec(string name, string ns) =>
        Resource(ResourcePrefix + "Models/" + TemplateName + ".model.yaml")
            .Replace("namespace: " + TemplateName, "namespace: " + ns, StringComparison.Ordinal)
            .Replace(TemplateName, name, StringComparison.Ordinal);

    /// <summary>The package versions the project pins: the runtime this tool was built with.</summary>
    private static string RuntimeVersion =>
        typeof(ModelInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.1.0";

    /// <summary>The template's files but the spec (written last, after its check), named and filled in as <c>dotnet new</c> would.</summary>
    private static (string Path, string Text)[] ProjectFiles(string name, string root) =>
        typeof(NewSpec).Assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal) && !r.EndsWith(".model.yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(r => (
                Path.Combine(root, r[ResourcePrefix.Length..].Replace(TemplateName, name, StringComparison.Ordinal)),
                Resource(r).Replace(VersionToken, RuntimeVersion, StringComparison.Ordinal).Replace(TemplateName, name, StringComparison.Ordinal)))
            .ToArray();

    private static string Resource(string name)
    {
        using var stream = typeof(NewSpec).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The tool was built without its template file '{name}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
