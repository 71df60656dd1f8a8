using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Model;

namespace Dsl.Generator.Pipeline;

/// <summary>One declaration's end state in the pipeline: a checked model (when it parsed) and every diagnostic for it.</summary>
internal sealed record ModelOutcome(ModelAnalysis? Analysis, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// A model's generated source, rendered in a cached transform: its file, and every block instance it uses (each block's
/// class is written once, from all models' instances). A failure while rendering is a DSL999 here, with no source.
/// </summary>
internal sealed record ModelCode(string FullName, string Source, EquatableArray<BlockInstanceCode> Instances, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public bool IsEmpty => Source.Length == 0;
}

/// <summary>A block's class to write: its header and every distinct instance the compilation's models use.</summary>
internal sealed record BlockFile(string HintName, BlockHeader Header, EquatableArray<BlockInstanceCode> Instances);
