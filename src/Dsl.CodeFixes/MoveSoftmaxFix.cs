using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dsl.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dsl.CodeFixes;

/// <summary>
/// DSL011: a softmax on a layer before the output moves to the output layer, which the generator names as the
/// diagnostic's additional location when that layer has no activation of its own.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveSoftmaxFix)), Shared]
public sealed class MoveSoftmaxFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("DSL011");

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || !diagnostic.Properties.ContainsKey(FixProperties.MoveSoftmax) || diagnostic.AdditionalLocations.Count == 0
                || diagnostic.AdditionalLocations[0].SourceTree != root.SyntaxTree
                || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>() is not { } from
                || AttributeArguments.Named(from, "Activation") is null
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan).FirstAncestorOrSelf<AttributeSyntax>() is not { } to
                || to == from)
                continue;
            context.RegisterCodeFix(
                CodeAction.Create("Move the softmax to the output layer", token => Move(context.Document, from, to, token), nameof(MoveSoftmaxFix)),
                diagnostic);
        }
    }

    private static async Task<Document> Move(Document document, AttributeSyntax from, AttributeSyntax to, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var activation = AttributeArguments.Named(from, "Activation")!.Expression.WithoutTrivia();
        var updated = root!.ReplaceNodes(new[] { from, to }, (original, _) =>
            original == from ? AttributeArguments.Remove(original, "Activation") : AttributeArguments.Set(original, "Activation", activation));
        return document.WithSyntaxRoot(updated);
    }
}
