using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dsl.Reporting;
using Samples.Mnist.Reporting;

namespace Samples.Mnist.Cli;

/// <summary>
/// <c>report DIR...</c>: rebuilds the comparison table, plots and report.md from run records alone, so runs
/// made separately (one model per machine) can be merged into one report.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var directories = new Argument<DirectoryInfo[]>("runs")
        {
            Description = "Run folders holding <Model>.json records (several are merged).",
            Arity = ArgumentArity.OneOrMore,
        };
        directories.Validators.Add(r =>
        {
            foreach (var missing in r.GetValueOrDefault<DirectoryInfo[]>()?.Where(d => !d.Exists) ?? Enumerable.Empty<DirectoryInfo>())
                r.AddError($"Run folder '{missing.FullName}' does not exist.");
        });
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where to write report.md and the plots (default: the first run folder)." };

        var command = new Command("report", "Rebuild the comparison table, plots and report.md from run records.") { directories, output };
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            var folders = parse.GetValue(directories)!;
            var records = RunRecords.ReadAll(folders.Select(f => f.FullName), Console.WriteLine);
            if (records.Count == 0)
            {
                Console.Error.WriteLine($"error: no run records (*.json written by a run) in {string.Join(", ", folders.Select(f => f.FullName))}.");
                return CommandErrors.Failed;
            }
            var target = parse.GetValue(output)?.FullName ?? folders[0].FullName;
            OutputFolder.EnsureWritable(target, parse.GetValue(output) is null ? "the first run folder, the default for --out" : "--out");
            Console.WriteLine(NotebookTable.ToText(records));
            Console.WriteLine(ComparisonTable.Verdict(records));
            Console.WriteLine($"Report: {MarkdownReport.Write(target, records, NotebookTable.ReportOptions)}");
            return 0;
        }));
        return command;
    }
}
