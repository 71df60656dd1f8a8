using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dsl.CodeFixes;

/// <summary>Reading and writing a layer attribute's named arguments (<c>Padding = Padding.Same</c>).</summary>
internal static class AttributeArguments
{
    /// <summary>The named argument <paramref name="name"/> (<c>Activation = …</c>), or null.</summary>
    public static AttributeArgumentSyntax? Named(AttributeSyntax attribute, string name) =>
        attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);

    /// <summary>The attribute with <paramref name="name"/> set to <paramref name="value"/>: replaced if given, else added last.</summary>
    public static AttributeSyntax Set(AttributeSyntax attribute, string name, ExpressionSyntax value)
    {
        if (Named(attribute, name) is { } existing)
            return attribute.ReplaceNode(existing.Expression, value.WithTriviaFrom(existing.Expression));
        var argument = SyntaxFactory.AttributeArgument(
            SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(name), SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)),
            null, value);
        var list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        return attribute.WithArgumentList(list.AddArguments(argument));
    }

    /// <summary>The attribute without the named argument <paramref name="name"/> (and without empty parentheses left behind).</summary>
    public static AttributeSyntax Remove(AttributeSyntax attribute, string name)
    {
        if (Named(attribute, name) is not { } existing)
            return attribute;
        var arguments = attribute.ArgumentList!.Arguments.Remove(existing);
        return arguments.Count == 0 ? attribute.WithArgumentList(null) : attribute.WithArgumentList(attribute.ArgumentList.WithArguments(arguments));
    }

    /// <summary>The options text (<c>[Conv2D("filters: 8, kernel_size: 3")]</c>): the first argument when it is a string literal.</summary>
    public static LiteralExpressionSyntax? OptionsText(AttributeSyntax attribute) =>
        attribute.ArgumentList?.Arguments.FirstOrDefault() is { NameEquals: null, NameColon: null, Expression: LiteralExpressionSyntax literal } && literal.IsKind(SyntaxKind.StringLiteralExpression)
            ? literal
            : null;
}
