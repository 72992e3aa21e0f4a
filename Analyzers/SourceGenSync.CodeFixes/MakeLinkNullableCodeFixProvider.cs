using System.Composition;
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
/// SGS0012: a to-one link or embedded object may be absent (a new object has none; deleting the target clears
/// it), so its type must say so: <c>Project</c> becomes <c>Project?</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeLinkNullableCodeFixProvider))]
[Shared]
public sealed class MakeLinkNullableCodeFixProvider : DeclarationCodeFixProvider<PropertyDeclarationSyntax>
{
    public MakeLinkNullableCodeFixProvider()
        : base(DiagnosticDescriptors.LinkNotNullableId)
    {
    }

    /// <inheritdoc />
    protected override string EquivalenceKey => "SGS0012.MakeLinkNullable";

    /// <inheritdoc />
    protected override string GetTitle(PropertyDeclarationSyntax declaration, Diagnostic diagnostic) =>
        $"Make '{declaration.Identifier.ValueText}' nullable";

    /// <inheritdoc />
    protected override bool CanFix(PropertyDeclarationSyntax declaration, Diagnostic diagnostic) =>
        declaration.Type is not NullableTypeSyntax;

    /// <inheritdoc />
    protected override Task<PropertyDeclarationSyntax> FixAsync(
        Document document,
        SemanticModel semanticModel,
        PropertyDeclarationSyntax declaration,
        Diagnostic diagnostic,
        CancellationToken cancellationToken)
    {
        // The '?' goes right after the type; the space before the property name stays after it.
        var type = declaration.Type;
        var nullable = SyntaxFactory.NullableType(type.WithoutTrailingTrivia(), SyntaxFactory.Token(SyntaxKind.QuestionToken))
            .WithTrailingTrivia(type.GetTrailingTrivia());
        return Task.FromResult(declaration.WithType(nullable));
    }
}
