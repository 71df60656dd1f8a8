using System;
using System.Globalization;
using System.Linq;
using Dsl;

namespace Samples.Applications;

/// <summary>
/// Six Keras Applications rebuilt as YAML specs with blocks: prints, per model, the parameter totals computed at
/// compile time beside the ones Keras prints, the mult-adds, and the spec's length (the model's YAML and its blocks');
/// exits with 1 if a built model's totals differ from Keras's.
/// <c>--summary Name</c> prints that model's summary; <c>--expand Name</c> (or <c>--summary Name --expand</c>) its
/// summary with every block opened.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        string? summary = null;
        bool expand = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--summary" or "--expand" when i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal):
                    expand |= args[i] == "--expand";
                    summary = args[++i];
                    break;
                case "--expand":
                    expand = true;
                    break;
                case "-h" or "--help":
                    Console.WriteLine("usage: Applications [--summary NAME] [--expand [NAME]]");
                    Console.WriteLine("  no option       each model's totals beside Keras's, its mult-adds and spec lines");
                    Console.WriteLine("  --summary NAME  the model's summary (Keras's layout)");
                    Console.WriteLine("  --expand NAME   the same with every block opened");
                    return 0;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}' (try --help)");
                    return 2;
            }
        }
        if (expand && summary is null)
        {
            Console.Error.WriteLine("--expand needs a model: --expand NAME or --summary NAME --expand");
            return 2;
        }
        return summary is null ? Table() : Summary(summary, expand);
    }

    private static int Table()
    {
        Console.WriteLine($"{"model",-12} {"",-6} {"total",13} {"trainable",13} {"non-trainable",13}   {"mult-adds",10}   spec lines (model + blocks)");
        bool allEqual = true;
        foreach (var keras in KerasFigures.All)
        {
            var info = ModelCatalog.Find(keras.Model);
            var files = SpecFiles.Of(keras.Model);
            string lines = $"{files.Sum(f => f.Lines.Length)} ({files[0].Lines.Length} + {string.Join(" + ", files.Skip(1).Select(f => f.Lines.Length + " " + f.File.Replace(".block.yaml", "", StringComparison.Ordinal)))})";
            if (info is null)
            {
                Console.WriteLine($"{keras.Model,-12} {"ours",-6} {"not built: needs batch_normalization scale (see Applications.Models.props)",-55}   {lines}");
            }
            else
            {
                bool equal = info.ParameterCount == keras.Total && info.TrainableParameterCount == keras.Trainable && info.NonTrainableParameterCount == keras.NonTrainable;
                allEqual &= equal;
                Console.WriteLine($"{keras.Model,-12} {"ours",-6} {N(info.ParameterCount),13} {N(info.TrainableParameterCount),13} {N(info.NonTrainableParameterCount),13}   {G(info.MultAdds),10}   {lines}");
                Console.WriteLine($"{"",-12} {"Keras",-6} {N(keras.Total),13} {N(keras.Trainable),13} {N(keras.NonTrainable),13}   {(equal ? "equal" : "DIFFERENT"),10}");
            }
        }
        Console.WriteLine();
        Console.WriteLine("Keras's totals: " + string.Join(", ", KerasFigures.All.Select(k => k.Keras).Distinct()) + " printed by model.summary() at");
        foreach (var source in KerasFigures.All.Select(k => k.Source).Distinct())
            Console.WriteLine("  " + source);
        return allEqual ? 0 : 1;
    }

    private static int Summary(string name, bool expand)
    {
        var info = ModelCatalog.Find(name);
        if (info is null)
        {
            Console.Error.WriteLine($"no model '{name}'; the models are {string.Join(", ", ModelCatalog.All.Select(m => m.Name))}");
            return 2;
        }
        Console.WriteLine(expand ? info.ExpandedSummary : info.Summary);
        return 0;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string G(long multAdds) => (multAdds / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + " G";
}
