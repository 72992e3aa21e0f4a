using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGenSync.CodeFixes.Internal;
using SourceGenSync.Generators.Diagnostics;

namespace SourceGenSync.CodeFixes;

/// <summary>
/// SGS0037: a managed object's setter records a change in the realm, which an init-only accessor cannot express
/// after construction. Turns <c>init</c> into <c>set</c>, keeping the accessor's modifiers.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseSetAccessorCodeFixProvider))]
[Shared]
public sealed class UseSetAccessorCodeFixProvider : DeclarationCodeFixProvider<PropertyDeclarationSyntax>
{
    public UseSetAccessorCodeFixProvider()
        : base(DiagnosticDescriptors.InitSetterId)
    {
    }

    /// <inheritdoc />
    protected override string EquivalenceKey => "SGS0037.UseSetAccessor";

    /// <inheritdoc />
    protected override string GetTitle(PropertyDeclarationSyntax declaration, Diagnostic diagnostic) =>
        $"Use 'set' instead of 'init' on '{declaration.Identifier.ValueText}'";

    /// <inheritdoc />
    protected override bool CanFix(PropertyDeclarationSyntax declaration, Diagnostic diagnostic) =>
        FindInit(declaration) is not null;

    /// <inheritdoc />
    protected override Task<PropertyDeclarationSyntax> FixAsync(
        Document document,
        SemanticModel semanticModel,
        PropertyDeclarationSyntax declaration,
        Diagnostic diagnostic,
        CancellationToken cancellationToken)
    {
        var init = FindInit(declaration)!;
        var keyword = init.Keyword;
        var set = SyntaxFactory.AccessorDeclaration(SyntaxKind.SetAccessorDeclaration, init.AttributeLists, init.Modifiers,
            SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.SetKeyword, keyword.TrailingTrivia),
            init.Body, init.ExpressionBody, init.SemicolonToken);
        return Task.FromResult(declaration.ReplaceNode(init, set));
    }

    private static AccessorDeclarationSyntax? FindInit(PropertyDeclarationSyntax declaration) =>
        declaration.AccessorList?.Accessors.FirstOrDefault(accessor => accessor.IsKind(SyntaxKind.InitAccessorDeclaration));
}
