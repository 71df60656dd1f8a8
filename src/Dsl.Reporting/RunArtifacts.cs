using System;
using System.Collections.Generic;
using System.IO;
using TorchSharp;

namespace Dsl.Reporting;

/// <summary>
/// What a finished training run leaves in its folder, written the same way by every program that trains (the Mnist
/// sample, <c>dsl train</c>): the model for deployment (<c>&lt;Model&gt;.onnx</c>, <c>&lt;Model&gt;.safetensors</c>), then its
/// record (<c>&lt;Model&gt;.json</c>) and plots (loss curves; for a classifier, the confusion matrix and the most
/// confident mistakes).
/// </summary>
public static class RunArtifacts
{
    /// <summary>
    /// Writes the trained <paramref name="model"/> as an ONNX inference graph and its weights as safetensors. Called
    /// before <see cref="WriteRecord"/>, so that a folder with a record always has the model beside it.
    /// </summary>
    /// <param name="model">The trained generated model.</param>
    /// <param name="name">The model's name, for the file names.</param>
    /// <param name="directory">The run folder.</param>
    /// <returns>The two files written.</returns>
    public static (string Onnx, string Safetensors) ExportModel(torch.nn.Module model, string name, string directory)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model is not IGeneratedModel generated)
            throw new ArgumentException($"{name} is not a generated model, so it cannot be exported to ONNX.", nameof(model));
        var onnx = Path.Combine(directory, ReportFileNames.Onnx(name));
        var weights = Path.Combine(directory, ReportFileNames.Safetensors(name));
        generated.ExportOnnx(onnx);
        model.SaveSafetensors(weights);
        return (onnx, weights);
    }

    /// <summary>Writes <paramref name="record"/> (JSON) and its plots into <paramref name="directory"/>.</summary>
    /// <param name="record">The finished run.</param>
    /// <param name="directory">The run folder.</param>
    /// <param name="lossName">The loss trained with, for the loss plot's axis; null for the seed notebook's (categorical cross-entropy).</param>
    /// <returns>The files written: the record first, then the plots.</returns>
    public static IReadOnlyList<string> WriteRecord(RunRecord record, string directory, string? lossName = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var written = new List<string> { RunRecords.Write(directory, record) };
        var loss = Path.Combine(directory, ReportFileNames.LossPlot(record.Model));
        Plots.LossCurves(record, loss, lossName);
        written.Add(loss);
        if (record.Classification is not null)
        {
            var confusion = Path.Combine(directory, ReportFileNames.ConfusionPlot(record.Model));
            ClassificationPlots.ConfusionMatrix(record, confusion);
            var mistakes = Path.Combine(directory, ReportFileNames.MisclassifiedPlot(record.Model));
            ClassificationPlots.Misclassified(record, mistakes);
            written.Add(confusion);
            written.Add(mistakes);
        }
        return written;
    }
}
