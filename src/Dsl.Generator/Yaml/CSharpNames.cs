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
    /// <summary>The longest name the C# compiler takes (CS0645).</summary>
    public const int MaxNameLength = 512;

    /// <summary>
    /// Why <paramref name="name"/> cannot be a name whatever it names, or null: longer than C# allows, or holding a
    /// character C# drops from identifiers (zero-width and other format characters: <c>a\u200Bb</c> is the C# name
    /// <c>ab</c>, so two names that differ only by one would clash in the generated code) or a control character.
    /// </summary>
    public static string? Unusable(string name)
    {
        if (name.Length > MaxNameLength)
            return "it is " + Invariant.Grouped(name.Length) + " characters long, and C# takes names of at most " + Invariant.ToText(MaxNameLength) + " (CS0645)";
        foreach (char c in name)
        {
            if (Invariant.NeedsEscape(c))
            {
                return "it holds the invisible character U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)
                    + (char.IsControl(c) ? ", a control character" : ", which C# drops from names, so it would be the same name as '" + new string(name.Where(ch => !Invariant.NeedsEscape(ch)).ToArray()) + "'");
            }
        }
        return null;
    }

    /// <summary>Null when <paramref name="name"/> can name the generated class, else why not.</summary>
    public static string? CheckClassName(string name)
    {
        if (Unusable(name) is { } unusable)
            return unusable;
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
            if (Unusable(part) is { } unusable)
                return unusable;
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
