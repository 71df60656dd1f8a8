using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dsl.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dsl.CodeFixes;

/// <summary>DSL008: sets <c>[ExpectParameters]</c> to the count the generator computed, in the literal's own style (digit groups kept).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ExpectedCountFix)), Shared]
public sealed class ExpectedCountFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("DSL008");

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(FixProperties.Count, out var count)
                || !long.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
                || root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>() is not { ArgumentList.Arguments.Count: > 0 } attribute)
                continue;
            context.RegisterCodeFix(
                CodeAction.Create($"Expect {value.ToString("N0", CultureInfo.InvariantCulture)} parameters", token => SetCount(context.Document, attribute, value, token), nameof(ExpectedCountFix)),
                diagnostic);
        }
    }

    private static async Task<Document> SetCount(Document document, AttributeSyntax attribute, long value, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var old = attribute.ArgumentList!.Arguments[0].Expression;
        bool grouped = old.ToString().Contains('_');
        string digits = value.ToString(CultureInfo.InvariantCulture);
        string literal = grouped ? value.ToString("N0", CultureInfo.InvariantCulture).Replace(",", "_") : digits;
        // Parsed, not built: the literal's type is then the one C# gives it (int, or long past int's range).
        var replacement = SyntaxFactory.ParseExpression(literal).WithTriviaFrom(old);
        return document.WithSyntaxRoot(root!.ReplaceNode(old, replacement));
    }
}
