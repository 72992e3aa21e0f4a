using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGenSync.CodeFixes.Internal;
using SourceGenSync.Generators.Diagnostics;

namespace SourceGenSync.CodeFixes;

/// <summary>SGS0001: a model class must be partial so the generator can add the other half.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeClassPartialCodeFixProvider))]
[Shared]
public sealed class MakeClassPartialCodeFixProvider : DeclarationCodeFixProvider<TypeDeclarationSyntax>
{
    public MakeClassPartialCodeFixProvider()
        : base(DiagnosticDescriptors.ClassNotPartialId)
    {
    }

    /// <inheritdoc />
    protected override string EquivalenceKey => "SGS0001.MakeClassPartial";

    /// <inheritdoc />
    protected override string GetTitle(TypeDeclarationSyntax declaration, Diagnostic diagnostic) =>
        $"Make '{declaration.Identifier.ValueText}' partial";

    /// <inheritdoc />
    protected override bool CanFix(TypeDeclarationSyntax declaration, Diagnostic diagnostic) => !declaration.IsPartial();

    /// <inheritdoc />
    protected override Task<TypeDeclarationSyntax> FixAsync(
        Document document,
        SemanticModel semanticModel,
        TypeDeclarationSyntax declaration,
        Diagnostic diagnostic,
        CancellationToken cancellationToken) =>
        Task.FromResult(declaration.WithPartialModifier());
}
