using System.Collections.Generic;
using System.Linq;

namespace Dsl.Generator.Emit;

/// <summary>Writes <c>Dsl.ModelCatalog</c>: every model generated in the assembly, for programs that enumerate architectures.</summary>
internal static class CatalogEmitter
{
    public const string HintName = "Dsl.ModelCatalog.g.cs";

    /// <param name="models">Fully qualified class names (with <c>global::</c>), any order.</param>
    public static string Emit(IEnumerable<string> models)
    {
        var w = new SourceWriter();
        w.OpenFile("Dsl", System.Array.Empty<Model.ContainingType>());
        w.Line("/// <summary>Every model generated in this assembly, ordered by full name.</summary>");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"Dsl.Generator\", \"" + GeneratorInfo.Version + "\")]");
        w.Open("internal static partial class ModelCatalog");
        w.Line("/// <summary>All generated models.</summary>");
        w.Line("public static global::System.Collections.Generic.IReadOnlyList<global::Dsl.ModelInfo> All { get; } = global::System.Array.AsReadOnly(new global::Dsl.ModelInfo[]");
        w.Line("{");
        foreach (var model in models.Distinct().OrderBy(m => m, System.StringComparer.Ordinal))
            w.Line("    " + model + ".Info,");
        w.Line("});");
        w.Line();
        w.Line("/// <summary>The model with this class name or full name (case-insensitive), or null.</summary>");
        w.Line("public static global::Dsl.ModelInfo? Find(string name) => global::Dsl.ModelLookup.Find(All, name);");
        w.Line();
        w.Line("/// <summary>The model with this class name or full name (case-insensitive).</summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">No such model; the message lists the known ones.</exception>");
        w.Line("public static global::Dsl.ModelInfo Get(string name) => global::Dsl.ModelLookup.Get(All, name);");
        w.Close();
        w.Close();
        return w.ToString();
    }
}
