using System.Collections.Immutable;
using System.Composition;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Dsl.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Dsl.CodeFixes;

/// <summary>
/// DSL003: a kernel or pool larger than its input under valid padding fits with 'same' padding (its output is then the
/// input's size divided by the stride, rounded up), which the generator marks; the fix sets <c>Padding = Padding.Same</c>,
/// or <c>padding: same</c> in an options text.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SamePaddingFix)), Shared]
public sealed class SamePaddingFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("DSL003");

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(FixProperties.SamePadding)
                || root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute)
                continue;
            context.RegisterCodeFix(
                CodeAction.Create("Use 'same' padding", token => UseSame(context.Document, attribute, token), nameof(SamePaddingFix)),
                diagnostic);
        }
    }

    private static async Task<Document> UseSame(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        AttributeSyntax updated;
        if (AttributeArguments.Named(attribute, "Padding") is null && AttributeArguments.OptionsText(attribute) is { } text)
        {
            string options = text.Token.ValueText;
            var padding = new Regex(@"\bpadding\s*:\s*[A-Za-z$_][A-Za-z0-9_$]*");
            string fixedText = padding.IsMatch(options) ? padding.Replace(options, "padding: same", 1) : options.TrimEnd() + ", padding: same";
            updated = attribute.ReplaceNode(text, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(fixedText)).WithTriviaFrom(text));
        }
        else
        {
            var same = SyntaxFactory.ParseExpression("global::Dsl.Padding.Same").WithAdditionalAnnotations(Simplifier.Annotation);
            updated = AttributeArguments.Set(attribute, "Padding", same);
        }
        return document.WithSyntaxRoot(root!.ReplaceNode(attribute, updated));
    }
}
