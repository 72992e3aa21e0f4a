using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGenSync.CodeFixes.Internal;
using SourceGenSync.Generators.Diagnostics;
using SourceGenSync.Generators;

namespace SourceGenSync.CodeFixes;

/// <summary>
/// SGS0009: a primary key is always indexed, so <c>[Indexed]</c> next to <c>[PrimaryKey]</c> says nothing.
/// Removes the attribute, and its brackets when it stood alone.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveRedundantIndexedCodeFixProvider))]
[Shared]
public sealed class RemoveRedundantIndexedCodeFixProvider : DeclarationCodeFixProvider<PropertyDeclarationSyntax>
{
    public RemoveRedundantIndexedCodeFixProvider()
        : base(DiagnosticDescriptors.IndexedPrimaryKeyId)
    {
    }

    /// <inheritdoc />
    protected override string EquivalenceKey => "SGS0009.RemoveRedundantIndexed";

    /// <inheritdoc />
    protected override string GetTitle(PropertyDeclarationSyntax declaration, Diagnostic diagnostic) =>
        $"Remove [Indexed] from '{declaration.Identifier.ValueText}'";

    /// <inheritdoc />
    protected override bool CanFix(PropertyDeclarationSyntax declaration, Diagnostic diagnostic) => declaration.AttributeLists.Count > 0;

    /// <inheritdoc />
    protected override Task<PropertyDeclarationSyntax> FixAsync(
        Document document,
        SemanticModel semanticModel,
        PropertyDeclarationSyntax declaration,
        Diagnostic diagnostic,
        CancellationToken cancellationToken)
    {
        var indexed = declaration.FindAttribute(semanticModel, KnownTypeNames.IndexedAttribute, cancellationToken);
        if (indexed?.Parent is not AttributeListSyntax list)
        {
            return Task.FromResult(declaration);
        }

        if (list.Attributes.Count > 1)
        {
            // "[PrimaryKey, Indexed]": the separated list drops the comma with the attribute.
            return Task.FromResult(declaration.ReplaceNode(list, list.WithAttributes(list.Attributes.Remove(indexed))));
        }

        // The whole "[Indexed]" goes. If it was the first list it carried the declaration's indentation and doc
        // comment, which the next token inherits; otherwise the preceding token keeps the separating whitespace.
        var isFirst = declaration.AttributeLists[0] == list;
        var leading = declaration.GetLeadingTrivia();
        var removed = declaration.RemoveNode(list, SyntaxRemoveOptions.KeepNoTrivia) ?? declaration;
        return Task.FromResult(isFirst ? removed.WithLeadingTrivia(leading) : removed);
    }
}
