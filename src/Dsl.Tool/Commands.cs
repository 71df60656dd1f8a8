using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Dsl.Tool;

/// <summary>
/// The tool's commands. Every failure is a message that says what to do and exit code 1; a spec with errors is exit
/// code 1 from <c>check</c> (for CI) and stops <c>summary</c> and <c>diagram</c> after listing them.
/// </summary>
internal static class Commands
{
    public const int Failed = 1;

    public static IEnumerable<Command> All(TextWriter output, TextWriter error)
    {
        yield return Check(output, error);
        yield return Summary(output, error);
        yield return Diagram(output, error);
        yield return TrainCommand.Command(output, error);
        yield return PredictCommand.Command(output, error);
        yield return NewSpec.Command(output, error);
    }

    internal static Option<string> RootNamespace() => new("--root-namespace")
    {
        Description = "The namespace of specs that name none, as a project's RootNamespace gives it.",
        DefaultValueFactory = _ => "Models",
    };

    private static Command Check(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths") { Description = "Spec files, or folders searched for *.model.yaml and *.block.yaml.", Arity = ArgumentArity.OneOrMore };
        var ns = RootNamespace();
        var command = new Command("check", "Reports the generator's diagnostics for the specs, exactly as a build would; exit code 1 if there is an error.") { paths, ns };
        command.SetAction(parse => Guard(error, () =>
        {
            var files = SpecFiles.Collect(parse.GetValue(paths)!);
            if (files.Count == 0)
                throw new UsageException($"No *.model.yaml or *.block.yaml in {string.Join(", ", parse.GetValue(paths)!)}.");
            var run = SpecRun.Of(files, parse.GetValue(ns)!);
            foreach (var diagnostic in run.Diagnostics)
                output.WriteLine(diagnostic.ToString());
            int errors = run.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            int warnings = run.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
            output.WriteLine($"{files.Count} spec{(files.Count == 1 ? "" : "s")} checked: {errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}.");
            return errors > 0 ? Failed : 0;
        }));
        return command;
    }

    private static Command Summary(TextWriter output, TextWriter error)
    {
        var spec = new Argument<string>("spec") { Description = "A *.model.yaml file; the *.block.yaml files in its folder are the blocks it may use." };
        var expand = new Option<bool>("--expand") { Description = "List every block use's layers under it (Keras's expand_nested=True)." };
        var format = new Option<SummaryFormat>("--format") { Description = "text (Keras's table), markdown, csv or json.", DefaultValueFactory = _ => SummaryFormat.Text };
        var ns = RootNamespace();
        var command = new Command("summary", "Prints a model's summary, computed by the generator.") { spec, expand, format, ns };
        command.SetAction(parse => Guard(error, () =>
        {
            var model = LoadModel(parse.GetValue(spec)!, parse.GetValue(ns)!, output);
            if (model is null)
                return Failed;
            output.Write(model.FormatSummary(parse.GetValue(format), parse.GetValue(expand)));
            return 0;
        }));
        return command;
    }

    private static Command Diagram(TextWriter output, TextWriter error)
    {
        var spec = new Argument<string>("spec") { Description = "A *.model.yaml file; the *.block.yaml files in its folder are the blocks it may use." };
        var ns = RootNamespace();
        var command = new Command("diagram", "Prints a model's architecture as a Mermaid flowchart (Markdown viewers draw it).") { spec, ns };
        command.SetAction(parse => Guard(error, () =>
        {
            var model = LoadModel(parse.GetValue(spec)!, parse.GetValue(ns)!, output);
            if (model is null)
                return Failed;
            output.Write(model.Diagram);
            return 0;
        }));
        return command;
    }

    /// <summary>The model <paramref name="spec"/> declares, or null after printing why there is none (its errors).</summary>
    internal static ModelInfo? LoadModel(string spec, string rootNamespace, TextWriter output)
    {
        var path = Path.GetFullPath(spec);
        if (!File.Exists(path))
            throw new UsageException($"'{spec}' does not exist.");
        if (!path.EndsWith(".model.yaml", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"'{spec}' is not a model spec: summary, diagram and train take a *.model.yaml file.");
        var run = SpecRun.Of(SpecFiles.WithBlocksBeside(path), rootNamespace);
        if (run.HasErrors)
        {
            foreach (var diagnostic in run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
                output.WriteLine(diagnostic.ToString());
            return null;
        }
        var models = run.Models();
        return models.SingleOrDefault(m => string.Equals(m.Source, Path.GetFileName(path), StringComparison.Ordinal))
            ?? throw new UsageException($"'{spec}' declares no model (its first key is not 'model:').");
    }

    /// <summary>Runs a command, turning a refused command line or an unreadable file into its message and exit code 1.</summary>
    public static int Guard(TextWriter error, Func<int> command)
    {
        try
        {
            return command();
        }
        catch (Exception e) when (e is UsageException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine("error: " + e.Message);
            return Failed;
        }
    }
}
