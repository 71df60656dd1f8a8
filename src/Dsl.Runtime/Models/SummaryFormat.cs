namespace Dsl;

/// <summary>How <see cref="ModelSummary"/> writes a model's summary.</summary>
public enum SummaryFormat
{
    /// <summary>Keras's table, as the generator wrote it at compile time (<see cref="ModelInfo.Summary"/>).</summary>
    Text,

    /// <summary>A Markdown table, for reports and READMEs.</summary>
    Markdown,

    /// <summary>RFC 4180 CSV, one row per layer, for spreadsheets.</summary>
    Csv,

    /// <summary>JSON with the model's inputs, outputs, totals and layers (a block use's layers nested in it), for tools.</summary>
    Json,
}
