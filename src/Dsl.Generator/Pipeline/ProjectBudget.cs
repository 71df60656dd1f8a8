using System.Globalization;
using Dsl.Generator.Model;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Dsl.Generator.Pipeline;

/// <summary>
/// The project's default budget, from MSBuild properties the runtime's props make visible to the compiler
/// (<c>&lt;DslMaxParameters&gt;2000000&lt;/DslMaxParameters&gt;</c>, …): every model without a <c>[Budget]</c> of its
/// own is held to it. Null when none is set.
/// </summary>
internal static class ProjectBudget
{
    public const string MaxParameters = "DslMaxParameters";
    public const string MaxMultAdds = "DslMaxMultAdds";
    public const string MaxActivationBytes = "DslMaxActivationBytes";
    public const string MaxParameterBytes = "DslMaxParameterBytes";

    public static Budget? Read(AnalyzerConfigOptions options)
    {
        long? Value(string property) =>
            options.TryGetValue("build_property." + property, out var text)
            && long.TryParse(text.Trim().Replace("_", string.Empty), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
                ? value
                : null;
        var budget = new Budget(Value(MaxParameters), Value(MaxMultAdds), Value(MaxActivationBytes), Value(MaxParameterBytes))
        {
            Origin = "the project's budget (" + MaxParameters + " and the other DslMax… MSBuild properties)",
        };
        return budget.IsEmpty ? null : budget;
    }
}
