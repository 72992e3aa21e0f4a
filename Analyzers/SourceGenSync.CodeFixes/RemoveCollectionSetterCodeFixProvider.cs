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
/// SGS0016: a collection property is get-only; the object owns its collection and callers add to it.
/// Removes the <c>set</c> (or <c>init</c>) accessor.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveCollectionSetterCodeFixProvider))]
[Shared]
public sealed class RemoveCollectionSetterCodeFixProvider : DeclarationCodeFixProvider<PropertyDeclarationSyntax>
{
    public RemoveCollectionSetterCodeFixProvider()
        : base(DiagnosticDescriptors.CollectionSetterId)
    {
    }

    /// <inheritdoc />
    protected override string EquivalenceKey => "SGS0016.RemoveCollectionSetter";

    /// <inheritdoc />
    protected override string GetTitle(PropertyDeclarationSyntax declaration, Diagnostic diagnostic) =>
        $"Remove the setter of '{declaration.Identifier.ValueText}'";

    /// <inheritdoc />
    protected override bool CanFix(PropertyDeclarationSyntax declaration, Diagnostic diagnostic) =>
        declaration.AccessorList?.Accessors.Any(IsSetter) == true;

    /// <inheritdoc />
    protected override Task<PropertyDeclarationSyntax> FixAsync(
        Document document,
        SemanticModel semanticModel,
        PropertyDeclarationSyntax declaration,
        Diagnostic diagnostic,
        CancellationToken cancellationToken)
    {
        var setters = declaration.AccessorList!.Accessors.Where(IsSetter);

        // KeepNoTrivia: the separating space or line break belongs to the preceding "get;", which stays.
        return Task.FromResult(declaration.RemoveNodes(setters, SyntaxRemoveOptions.KeepNoTrivia) ?? declaration);
    }

    private static bool IsSetter(AccessorDeclarationSyntax accessor) =>
        accessor.IsKind(SyntaxKind.SetAccessorDeclaration) || accessor.IsKind(SyntaxKind.InitAccessorDeclaration);
}
