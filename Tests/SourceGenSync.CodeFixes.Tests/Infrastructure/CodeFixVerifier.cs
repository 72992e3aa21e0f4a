using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGenSync.Testing;

namespace SourceGenSync.CodeFixes.Tests.Infrastructure;

/// <summary>
/// Applies code fixes the way the IDE does: the provider registers actions for a diagnostic, the action's
/// <see cref="ApplyChangesOperation"/> yields the changed solution (after the simplifier and formatter ran), and the
/// test compares the document's new text exactly.
/// </summary>
internal static class CodeFixVerifier
{
    /// <summary>Applies the single action <paramref name="provider"/> offers for <paramref name="diagnostic"/>.</summary>
    public static async Task<string> ApplyFixAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        Assert.Contains(diagnostic.Id, provider.FixableDiagnosticIds);
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        var action = Assert.Single(actions);
        Assert.False(string.IsNullOrEmpty(action.EquivalenceKey));
        return await ApplyAsync(action, document);
    }

    /// <summary>The actions offered for a diagnostic (empty when the provider declines).</summary>
    public static async Task<IReadOnlyList<CodeAction>> GetActionsAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions;
    }

    /// <summary>Fixes every one of <paramref name="diagnostics"/> at once through the provider's Fix All provider.</summary>
    public static async Task<string> FixAllAsync(
        CodeFixProvider provider,
        Document document,
        ImmutableArray<Diagnostic> diagnostics,
        FixAllScope scope = FixAllScope.Document)
    {
        Assert.NotEmpty(diagnostics);
        var fixAllProvider = provider.GetFixAllProvider();
        Assert.NotNull(fixAllProvider);
        Assert.Contains(scope, fixAllProvider.GetSupportedFixAllScopes());

        // The equivalence key comes from the action offered for the first diagnostic, as in the IDE.
        var first = (await GetActionsAsync(provider, document, diagnostics[0])).Single();
        var context = new FixAllContext(
            document,
            provider,
            scope,
            first.EquivalenceKey,
            provider.FixableDiagnosticIds,
            new FixedDiagnosticProvider(diagnostics),
            CancellationToken.None);
        var fixAll = await fixAllProvider.GetFixAsync(context);
        Assert.NotNull(fixAll);
        return await ApplyAsync(fixAll, document);
    }

    /// <summary>
    /// End to end: the real analyzers must report <paramref name="expectedCount"/> diagnostics <paramref name="id"/>;
    /// they are fixed (one action, or Fix All when there are several) and the fixed text, analyzed again, must be
    /// free of <paramref name="id"/>.
    /// </summary>
    public static async Task<string> FixWithAnalyzerAsync(CodeFixProvider provider, string source, string id, int expectedCount = 1)
    {
        var document = TestWorkspace.CreateDocument(source);
        var diagnostics = await SchemaAnalyzers.GetDiagnosticsAsync(document, id);
        Assert.Equal(expectedCount, diagnostics.Length);
        var fixedText = diagnostics.Length == 1
            ? await ApplyFixAsync(provider, document, diagnostics[0])
            : await FixAllAsync(provider, document, diagnostics);
        Assert.Empty(await SchemaAnalyzers.GetDiagnosticsAsync(TestWorkspace.CreateDocument(fixedText), id));
        return fixedText;
    }

    /// <summary>A diagnostic built from the catalog's descriptor at a property's identifier, as the analyzer reports it.</summary>
    public static async Task<Diagnostic> AtPropertyAsync(Document document, string id, string propertyName, ImmutableDictionary<string, string?>? properties = null)
    {
        var root = await document.GetSyntaxRootAsync();
        var property = root!.DescendantNodes().OfType<PropertyDeclarationSyntax>().Single(p => p.Identifier.ValueText == propertyName);
        return Diagnostic.Create(SchemaAnalyzers.Descriptor(id), property.Identifier.GetLocation(), properties, "Model", propertyName, "T", "T");
    }

    /// <summary>A diagnostic built from the catalog's descriptor at a class's identifier.</summary>
    public static async Task<Diagnostic> AtClassAsync(Document document, string id, string className, ImmutableDictionary<string, string?>? properties = null)
    {
        var root = await document.GetSyntaxRootAsync();
        var type = root!.DescendantNodes().OfType<TypeDeclarationSyntax>().Single(t => t.Identifier.ValueText == className);
        return Diagnostic.Create(SchemaAnalyzers.Descriptor(id), type.Identifier.GetLocation(), properties, className, "T");
    }

    /// <summary>Exact text comparison; a failure shows a line diff (expected "-", actual "+").</summary>
    public static void AssertText(string expected, string actual)
    {
        if (expected != actual)
        {
            Assert.Fail("The fixed text differs from the expected text:\n" + TextDiff.Summarize(expected, actual));
        }
    }

    private static async Task<string> ApplyAsync(CodeAction action, Document document)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = Assert.Single(operations.OfType<ApplyChangesOperation>());
        var changed = apply.ChangedSolution.GetDocument(document.Id)!;

        // A fix must never leave the file unparseable.
        var tree = await changed.GetSyntaxTreeAsync();
        Assert.DoesNotContain(tree!.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        return (await changed.GetTextAsync()).ToString();
    }

    private sealed class FixedDiagnosticProvider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>([]);

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
