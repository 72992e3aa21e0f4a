using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGenSync.CodeFixes.Internal;
using SourceGenSync.Generators.Diagnostics;

namespace SourceGenSync.CodeFixes;

/// <summary>
/// SGS0004: a nested model class can only be re-opened by the generator if every type around it is partial too.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeContainingTypesPartialCodeFixProvider))]
[Shared]
public sealed class MakeContainingTypesPartialCodeFixProvider : DeclarationCodeFixProvider<TypeDeclarationSyntax>
{
    public MakeContainingTypesPartialCodeFixProvider()
        : base(DiagnosticDescriptors.ContainingTypeNotPartialId)
    {
    }

    /// <inheritdoc />
    protected override string EquivalenceKey => "SGS0004.MakeContainingTypesPartial";

    /// <inheritdoc />
    protected override string GetTitle(TypeDeclarationSyntax declaration, Diagnostic diagnostic) =>
        $"Make the types containing '{declaration.Identifier.ValueText}' partial";

    /// <inheritdoc />
    protected override bool CanFix(TypeDeclarationSyntax declaration, Diagnostic diagnostic) =>
        NonPartialContainers(declaration).Any();

    /// <inheritdoc />
    protected override Task<TypeDeclarationSyntax> FixAsync(
        Document document,
        SemanticModel semanticModel,
        TypeDeclarationSyntax declaration,
        Diagnostic diagnostic,
        CancellationToken cancellationToken) =>
        Task.FromResult(declaration);

    /// <inheritdoc />
    private protected override Task<SyntaxNode> FixRootAsync(
        Document document,
        SemanticModel semanticModel,
        SyntaxNode root,
        TypeDeclarationSyntax declaration,
        Diagnostic diagnostic,
        CancellationToken cancellationToken) =>
        // ReplaceNodes rewrites inner containers before outer ones, so every nested edit survives.
        Task.FromResult(root.ReplaceNodes(NonPartialContainers(declaration), (_, rewritten) => rewritten.WithPartialModifier()));

    private static IEnumerable<TypeDeclarationSyntax> NonPartialContainers(TypeDeclarationSyntax declaration) =>
        declaration.Ancestors().OfType<TypeDeclarationSyntax>().Where(container => !container.IsPartial());
}
