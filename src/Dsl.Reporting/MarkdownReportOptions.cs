using System;
using System.Collections.Generic;

namespace Dsl.Reporting;

/// <summary>Optional settings of <see cref="MarkdownReport"/>.</summary>
public sealed record MarkdownReportOptions
{
    /// <summary>The report's heading.</summary>
    public string Title { get; init; } = "Model comparison";

    /// <summary>The time the report states it was generated; <see langword="null"/> for now (tests pin it).</summary>
    public DateTime? GeneratedUtc { get; init; }

    /// <summary>
    /// The comparison table as markdown, for a program with columns of its own (the MNIST sample's notebook table);
    /// <see langword="null"/> for <see cref="ComparisonTable.ToMarkdown"/>.
    /// </summary>
    public Func<IReadOnlyList<RunRecord>, string>? Comparison { get; init; }

    /// <summary>A sentence printed under the comparison table, e.g. how its columns were computed; empty for none.</summary>
    public string ComparisonNote { get; init; } = "";
}
