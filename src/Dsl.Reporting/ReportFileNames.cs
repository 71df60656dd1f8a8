using System.IO;
using System.Text;

namespace Dsl.Reporting;

/// <summary>File names derived from model names, safe on every file system the report may be copied to.</summary>
public static class ReportFileNames
{
    /// <summary>
    /// The model name with characters that Windows, Linux or macOS reject in file names (and spaces, which break
    /// markdown image links) replaced by <c>_</c>; generated model names are C# identifiers and pass unchanged.
    /// </summary>
    public static string Safe(string model)
    {
        // Path.GetInvalidFileNameChars is platform-specific; the union keeps names portable between machines.
        const string invalid = "<>:\"/\\|?* ";
        var name = new StringBuilder(model.Length);
        foreach (char c in model)
            name.Append(char.IsControl(c) || invalid.Contains(c) ? '_' : c);
        string result = name.ToString().TrimEnd('.');
        return result.Length == 0 ? "model" : result;
    }

    /// <summary>The loss plot of one model: <c>Model1-loss.png</c>.</summary>
    public static string LossPlot(string model) => Safe(model) + "-loss.png";

    /// <summary>The confusion matrix heat map of one model: <c>Model1-confusion.png</c>.</summary>
    public static string ConfusionPlot(string model) => Safe(model) + "-confusion.png";

    /// <summary>The grid of one model's misclassified samples: <c>Model1-misclassified.png</c>.</summary>
    public static string MisclassifiedPlot(string model) => Safe(model) + "-misclassified.png";

    /// <summary>The trained model as an ONNX inference graph: <c>Model1.onnx</c>.</summary>
    public static string Onnx(string model) => Safe(model) + ".onnx";

    /// <summary>The trained weights as safetensors, under the state-dict keys: <c>Model1.safetensors</c>.</summary>
    public static string Safetensors(string model) => Safe(model) + ".safetensors";

    /// <summary>The validation accuracy plot of all models.</summary>
    public const string ValidationAccuracyPlot = "val-accuracy.png";

    /// <summary>The report itself.</summary>
    public const string Report = "report.md";

    /// <summary>Whether <paramref name="path"/> ends in <c>.json</c>, any case.</summary>
    public static bool IsJson(string path) => string.Equals(Path.GetExtension(path), ".json", System.StringComparison.OrdinalIgnoreCase);
}
