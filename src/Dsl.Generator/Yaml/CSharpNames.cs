using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Layers;
using Microsoft.CodeAnalysis.CSharp;

namespace Dsl.Generator.Yaml;

/// <summary>
/// Checks the class and namespace names a YAML spec asks for before any code uses them, so that a bad name is
/// an error in the YAML file rather than a confusing one in generated code.
/// </summary>
internal static class CSharpNames
{
    /// <summary>Null when <paramref name="name"/> can name the generated class, else why not.</summary>
    public static string? CheckClassName(string name)
    {
        if (!SyntaxFacts.IsValidIdentifier(name))
            return "a class name starts with a letter or '_' and holds only letters, digits and '_'";
        if (SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None)
            return "it is a C# keyword";
        // Covers every contextual keyword too (record, file, required, var, ...).
        if (name.All(c => c is >= 'a' and <= 'z'))
            return "C# reserves type names of lowercase ASCII letters only for future keywords (warning CS8981); capitalise it";
        if (ReservedNames.GeneratedMembers.Contains(name, StringComparer.Ordinal) || IsLayerFieldName(name))
            return "the generated class has a member of that name, and a member cannot share its class's name (CS0542)";
        return null;
    }

    /// <summary>Null when <paramref name="name"/> (dotted) is a valid namespace, else why not.</summary>
    public static string? CheckNamespace(string name)
    {
        foreach (var part in name.Split('.'))
        {
            if (part.Length == 0)
                return "it has an empty part between dots";
            if (!SyntaxFacts.IsValidIdentifier(part))
                return "'" + part + "' is not a C# identifier";
            if (SyntaxFacts.GetKeywordKind(part) != SyntaxKind.None)
                return "'" + part + "' is a C# keyword";
        }
        return null;
    }

    /// <summary>Layer fields are named like Keras's layers: <c>conv2d_1</c>.</summary>
    private static bool IsLayerFieldName(string name)
    {
        foreach (var kind in LayerRegistry.All)
        {
            string prefix = kind.KerasName + "_";
            if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && name.Substring(prefix.Length).All(c => c is >= '0' and <= '9'))
                return true;
        }
        return false;
    }
}
