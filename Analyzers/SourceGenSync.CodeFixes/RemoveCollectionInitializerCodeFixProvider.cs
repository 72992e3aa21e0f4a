using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGenSync.CodeFixes.Internal;
using SourceGenSync.Generators.Diagnostics;

namespace SourceGenSync.CodeFixes;

/// <summary>
/// SGS0017: the generator creates every collection (empty when unmanaged, backed by the realm when managed), so
/// an initializer would be discarded. Removes "= ...;" after the accessor list.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveCollectionInitializerCodeFixProvider))]
[Shared]
public sealed class RemoveCollectionInitializerCodeFixProvider : DeclarationCodeFixProvider<PropertyDeclarationSyntax>
{
    public RemoveCollectionInitializerCodeFixProvider()
        : base(DiagnosticDescriptors.CollectionInitializerId)
    {
    }

    /// <inheritdoc />
    protected override string EquivalenceKey => "SGS0017.RemoveCollectionInitializer";

    /// <inheritdoc />
    protected override string GetTitle(PropertyDeclarationSyntax declaration, Diagnostic diagnostic) =>
        $"Remove the initializer of '{declaration.Identifier.ValueText}'";

    /// <inheritdoc />
    protected override bool CanFix(PropertyDeclarationSyntax declaration, Diagnostic diagnostic) =>
        declaration.Initializer is not null && declaration.AccessorList is not null;

    /// <inheritdoc />
    protected override Task<PropertyDeclarationSyntax> FixAsync(
        Document document,
        SemanticModel semanticModel,
        PropertyDeclarationSyntax declaration,
        Diagnostic diagnostic,
        CancellationToken cancellationToken) =>
        Task.FromResult(declaration.WithoutInitializer());
}
