using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace SourceGenSync.CodeFixes.Internal;

/// <summary>
/// Shared plumbing of the fixes whose diagnostic points at a declaration's identifier: finds the declaration,
/// registers one action per diagnostic under a fixed equivalence key, and supports Fix All through the batch
/// fixer: each fix rewrites only its own declaration, so batched edits do not conflict (two models nested in one
/// container make the same edit to it, and the batch fixer applies identical edits once).
/// </summary>
/// <typeparam name="TDeclaration">The declaration the diagnostic's identifier belongs to.</typeparam>
public abstract class DeclarationCodeFixProvider<TDeclaration> : CodeFixProvider
    where TDeclaration : SyntaxNode
{
    private readonly string _diagnosticId;

    private protected DeclarationCodeFixProvider(string diagnosticId) => _diagnosticId = diagnosticId;

    /// <inheritdoc />
    public sealed override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(_diagnosticId);

    /// <summary>The equivalence key: every action of this provider shares it, which is what Fix All groups by.</summary>
    protected abstract string EquivalenceKey { get; }

    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var declaration = Find(root, diagnostic.Location.SourceSpan);
            if (declaration is null || !CanFix(declaration, diagnostic))
            {
                continue;
            }

            var document = context.Document;
            var span = diagnostic.Location.SourceSpan;
            context.RegisterCodeFix(
                CodeAction.Create(
                    GetTitle(declaration, diagnostic),
                    ct => ApplyAsync(document, span, diagnostic, ct),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The action's title shown in the light bulb.</summary>
    protected abstract string GetTitle(TDeclaration declaration, Diagnostic diagnostic);

    /// <summary>False when the declaration has nothing this fix could change (the action is then not offered).</summary>
    protected virtual bool CanFix(TDeclaration declaration, Diagnostic diagnostic) => true;

    /// <summary>The declaration rewritten; <paramref name="semanticModel"/> is the document's model before the change.</summary>
    protected abstract Task<TDeclaration> FixAsync(
        Document document,
        SemanticModel semanticModel,
        TDeclaration declaration,
        Diagnostic diagnostic,
        CancellationToken cancellationToken);

    private async Task<Document> ApplyAsync(Document document, TextSpan span, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var declaration = root is null ? null : Find(root, span);
        if (root is null || semanticModel is null || declaration is null)
        {
            return document;
        }

        var newRoot = await FixRootAsync(document, semanticModel, root, declaration, diagnostic, cancellationToken).ConfigureAwait(false);
        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>
    /// The document's new root. By default the declaration is replaced by <see cref="FixAsync"/>'s result; fixes
    /// that edit outside the declaration (its containing types) override this instead.
    /// </summary>
    private protected virtual async Task<SyntaxNode> FixRootAsync(
        Document document,
        SemanticModel semanticModel,
        SyntaxNode root,
        TDeclaration declaration,
        Diagnostic diagnostic,
        CancellationToken cancellationToken)
    {
        var fixedDeclaration = await FixAsync(document, semanticModel, declaration, diagnostic, cancellationToken).ConfigureAwait(false);
        return root.ReplaceNode(declaration, fixedDeclaration);
    }

    // Diagnostics point at the identifier; the innermost declaration of the wanted kind around it is the target.
    private static TDeclaration? Find(SyntaxNode root, TextSpan span)
    {
        if (!root.FullSpan.Contains(span))
        {
            return null;
        }

        return root.FindToken(span.Start).Parent?.AncestorsAndSelf().OfType<TDeclaration>().FirstOrDefault();
    }
}
