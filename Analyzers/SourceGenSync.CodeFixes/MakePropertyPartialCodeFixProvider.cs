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
/// SGS0002: a persisted property must be a partial declaration; the generator writes its implementing half.
/// A defining partial property is an auto-property shape, so bodies and an initializer are removed too.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePropertyPartialCodeFixProvider))]
[Shared]
public sealed class MakePropertyPartialCodeFixProvider : DeclarationCodeFixProvider<PropertyDeclarationSyntax>
{
    public MakePropertyPartialCodeFixProvider()
        : base(DiagnosticDescriptors.PropertyNotPartialId)
    {
    }

    /// <inheritdoc />
    protected override string EquivalenceKey => "SGS0002.MakePropertyPartial";

    /// <inheritdoc />
    protected override string GetTitle(PropertyDeclarationSyntax declaration, Diagnostic diagnostic) =>
        $"Make '{declaration.Identifier.ValueText}' partial";

    /// <inheritdoc />
    protected override bool CanFix(PropertyDeclarationSyntax declaration, Diagnostic diagnostic) =>
        !declaration.IsPartial() && declaration.AccessorList is not null;

    /// <inheritdoc />
    protected override Task<PropertyDeclarationSyntax> FixAsync(
        Document document,
        SemanticModel semanticModel,
        PropertyDeclarationSyntax declaration,
        Diagnostic diagnostic,
        CancellationToken cancellationToken)
    {
        var property = declaration.WithoutInitializer();
        var accessors = property.AccessorList!;
        property = property.WithAccessorList(accessors.WithAccessors(SyntaxFactory.List(accessors.Accessors.Select(ToDefiningAccessor))));
        return Task.FromResult(property.WithPartialModifier());
    }

    // "get { return _x; }" or "get => _x;" becomes "get;": the defining declaration has no bodies.
    private static AccessorDeclarationSyntax ToDefiningAccessor(AccessorDeclarationSyntax accessor)
    {
        if (accessor.Body is null && accessor.ExpressionBody is null)
        {
            return accessor;
        }

        var trailing = accessor.GetTrailingTrivia();
        return accessor
            .WithBody(null)
            .WithExpressionBody(null)
            .WithKeyword(accessor.Keyword.WithTrailingTrivia())
            .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken).WithTrailingTrivia(trailing));
    }
}
