using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dsl.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace Dsl.CodeFixes;

/// <summary>
/// "Did you mean 'stem'?": writes the suggestion in place of the name that names nothing, for every diagnostic that
/// makes one (an unknown layer reference, block, block argument, parameter in an expression, output or reused layer).
/// The name is looked for as a whole word inside the diagnostic's span, which covers the attribute or the characters
/// of the options text that hold it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceNameFix)), Shared]
public sealed class ReplaceNameFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("DSL018", "DSL040", "DSL042", "DSL045", "DSL051", "DSL052");

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(FixProperties.Replace, out var wrong) || wrong is null
                || !diagnostic.Properties.TryGetValue(FixProperties.With, out var right) || right is null
                || Find(text, diagnostic.Location.SourceSpan, wrong) is not { } at)
                continue;
            context.RegisterCodeFix(
                CodeAction.Create($"Change '{wrong}' to '{right}'", token => Replace(context.Document, at, right, token), nameof(ReplaceNameFix)),
                diagnostic);
        }
    }

    private static async Task<Document> Replace(Document document, TextSpan at, string right, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return document.WithText(text.WithChanges(new TextChange(at, right)));
    }

    /// <summary>The first occurrence of <paramref name="word"/> in <paramref name="span"/> that is not part of a longer name.</summary>
    internal static TextSpan? Find(SourceText text, TextSpan span, string word)
    {
        string within = text.ToString(span);
        for (int at = within.IndexOf(word, System.StringComparison.Ordinal); at >= 0; at = within.IndexOf(word, at + 1, System.StringComparison.Ordinal))
        {
            bool before = at > 0 && IsNamePart(within[at - 1]) && IsNamePart(word[0]);
            bool after = at + word.Length < within.Length && IsNamePart(within[at + word.Length]);
            if (!before && !after)
                return new TextSpan(span.Start + at, word.Length);
        }
        return null;
    }

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '.';
}
