using Microsoft.CodeAnalysis.CSharp;

namespace Dsl.Generator.Emit;

/// <summary>Names as they must be written in C#: a class called <c>@int</c> has the symbol name <c>int</c>.</summary>
internal static class Identifier
{
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>A dotted name with each part escaped, for <c>global::</c> references.</summary>
    public static string EscapeDotted(string dotted) =>
        string.Join(".", System.Array.ConvertAll(dotted.Split('.'), part => part.StartsWith("@", System.StringComparison.Ordinal) ? part : Escape(part)));

    /// <summary>Hint names allow no '@'; it adds nothing to uniqueness.</summary>
    public static string ForHintName(string dotted) => dotted.Replace("@", string.Empty);
}
