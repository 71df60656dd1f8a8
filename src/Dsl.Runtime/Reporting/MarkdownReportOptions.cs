using System;

namespace Dsl.Reporting;

/// <summary>Optional settings of <see cref="MarkdownReport"/>.</summary>
public sealed record MarkdownReportOptions
{
    /// <summary>The report's heading.</summary>
    public string Title { get; init; } = "Model comparison";

    /// <summary>The time the report states it was generated; <see langword="null"/> for now (tests pin it).</summary>
    public DateTime? GeneratedUtc { get; init; }
}
