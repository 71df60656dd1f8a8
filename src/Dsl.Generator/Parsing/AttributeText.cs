using System.Collections.Generic;
using System.Threading;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Dsl.Generator.Parsing;

/// <summary>
/// An attribute's text argument (a layer's options, a block use's arguments) read as YAML: a flow mapping written
/// without its braces (<c>"filters: $filters, kernel_size: 3"</c>) or a bare value. Problems inside the text are
/// located at their characters in the C# string literal, when the literal holds the text as it is (no escapes); at the
/// whole argument otherwise.
/// </summary>
internal sealed class AttributeText : IYamlLocator
{
    private readonly SyntaxTree? _tree;
    private readonly TextSpan _argument;
    private readonly int _textStart;
    private readonly SourceText _yaml;
    private readonly int _wrapped;

    private AttributeText(SyntaxTree? tree, TextSpan argument, int textStart, string yaml, int wrapped)
    {
        _tree = tree;
        _argument = argument;
        _textStart = textStart;
        _yaml = SourceText.From(yaml);
        _wrapped = wrapped;
    }

    /// <summary>
    /// Parses <paramref name="text"/> (the value of <paramref name="attribute"/>'s argument <paramref name="parameter"/>)
    /// into a YAML node, or null after reporting malformed YAML into <paramref name="diagnostics"/>.
    /// </summary>
    public static (YamlTreeNode? Node, AttributeText Locator) Read(
        AttributeData attribute, string parameter, string text, bool mapping, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var (tree, argument, literal) = Find(attribute, parameter, text, cancellationToken);
        string trimmed = text.Trim();
        bool wrap = mapping || (trimmed.Length > 0 && trimmed[0] is not ('{' or '[') && LooksLikeMapping(trimmed));
        string yaml = wrap ? "{" + text + "}" : text;
        var locator = new AttributeText(tree, argument, literal, yaml, wrap ? 1 : 0);
        var read = YamlTreeReader.Read(yaml, cancellationToken);
        if (read.Error is { } error)
        {
            diagnostics.Add(DiagnosticInfo.Create(error.Descriptor, locator.Location(error.Start, error.End), error.Message));
            return (null, locator);
        }
        return (read.Root, locator);
    }

    /// <summary>The absolute location of a range of the YAML text: inside the literal, or the whole argument.</summary>
    public SourceLocation Location(YamlPosition start, YamlPosition end)
    {
        var span = _argument;
        if (_textStart >= 0)
        {
            int from = Offset(start) - _wrapped, to = Offset(end) - _wrapped;
            int length = _yaml.Length - 2 * _wrapped;
            if (from >= 0 && to >= from && to <= length)
                span = new TextSpan(_textStart + from, System.Math.Max(to - from, 0));
        }
        return _tree is null ? SourceLocation.None : SourceLocation.From(Microsoft.CodeAnalysis.Location.Create(_tree, span));
    }

    private int Offset(YamlPosition position)
    {
        var lines = _yaml.Lines;
        int index = System.Math.Min(System.Math.Max(position.Line - 1, 0), lines.Count - 1);
        var line = lines[index];
        return System.Math.Min(line.Start + System.Math.Max(position.Column - 1, 0), line.End);
    }

    /// <summary>"a: 1, b: 2" is a mapping without braces; "$units", "relu" or "[3, 3]" are bare values.</summary>
    private static bool LooksLikeMapping(string text)
    {
        int colon = text.IndexOf(':');
        return colon > 0 && colon + 1 < text.Length && text[colon + 1] == ' ' || text.EndsWith(":", System.StringComparison.Ordinal);
    }

    /// <summary>The argument's syntax, and where the text starts inside its literal (−1 when it is not there as it is).</summary>
    private static (SyntaxTree? Tree, TextSpan Argument, int TextStart) Find(AttributeData attribute, string parameter, string text, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
            return (null, default, -1);
        var arguments = syntax.ArgumentList?.Arguments ?? default;
        ExpressionSyntax? expression = null;
        var constructor = attribute.AttributeConstructor;
        int positional = 0;
        foreach (var argument in arguments)
        {
            if (argument.NameEquals is { } named)
            {
                if (named.Name.Identifier.ValueText == parameter)
                    expression = argument.Expression;
                continue;
            }
            string? name = argument.NameColon?.Name.Identifier.ValueText
                ?? (constructor is not null && positional < constructor.Parameters.Length ? constructor.Parameters[positional].Name : null);
            positional++;
            if (name == parameter)
                expression = argument.Expression;
        }
        if (expression is null)
            return (syntax.SyntaxTree, syntax.Span, -1);
        if (expression is LiteralExpressionSyntax literal && literal.Token.IsKind(SyntaxKind.StringLiteralToken))
        {
            int at = literal.Token.Text.IndexOf(text, System.StringComparison.Ordinal);
            if (at > 0 && literal.Token.Text.IndexOf(text, at + 1, System.StringComparison.Ordinal) < 0)
                return (syntax.SyntaxTree, expression.Span, literal.Token.SpanStart + at);
        }
        return (syntax.SyntaxTree, expression.Span, -1);
    }
}
