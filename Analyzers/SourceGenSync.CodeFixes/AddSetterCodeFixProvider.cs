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
/// SGS0029: a get-only partial scalar or link property is never written, so it would never be persisted. Adds a
/// <c>private set;</c> (a plain <c>set;</c> when the property itself is private): the public surface stays
/// read-only while the generator can load the value.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSetterCodeFixProvider))]
[Shared]
public sealed class AddSetterCodeFixProvider : DeclarationCodeFixProvider<PropertyDeclarationSyntax>
{
    public AddSetterCodeFixProvider()
        : base(DiagnosticDescriptors.PropertyWithoutSetterId)
    {
    }

    /// <inheritdoc />
    protected override string EquivalenceKey => "SGS0029.AddPrivateSetter";

    /// <inheritdoc />
    protected override string GetTitle(PropertyDeclarationSyntax declaration, Diagnostic diagnostic) =>
        $"Add a private setter to '{declaration.Identifier.ValueText}'";

    /// <inheritdoc />
    protected override bool CanFix(PropertyDeclarationSyntax declaration, Diagnostic diagnostic) =>
        declaration.AccessorList is { } accessors
        && accessors.Accessors.Any(a => a.IsKind(SyntaxKind.GetAccessorDeclaration))
        && !accessors.Accessors.Any(a => a.IsKind(SyntaxKind.SetAccessorDeclaration) || a.IsKind(SyntaxKind.InitAccessorDeclaration));

    /// <inheritdoc />
    protected override Task<PropertyDeclarationSyntax> FixAsync(
        Document document,
        SemanticModel semanticModel,
        PropertyDeclarationSyntax declaration,
        Diagnostic diagnostic,
        CancellationToken cancellationToken)
    {
        var accessors = declaration.AccessorList!;
        var getter = accessors.Accessors.First(a => a.IsKind(SyntaxKind.GetAccessorDeclaration));

        // An accessor modifier must be more restrictive than the property: a private property gets a plain setter.
        var isPrivate = declaration.Modifiers.Any(SyntaxKind.PrivateKeyword)
            || !declaration.Modifiers.Any(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.InternalKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword));
        var modifiers = isPrivate
            ? SyntaxFactory.TokenList()
            : SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword).WithTrailingTrivia(SyntaxFactory.Space));

        // The setter copies the getter's layout: same line ("{ get; private set; }") or its own line.
        var setter = SyntaxFactory.AccessorDeclaration(SyntaxKind.SetAccessorDeclaration)
            .WithModifiers(modifiers)
            .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken))
            .WithLeadingTrivia(getter.GetLeadingTrivia())
            .WithTrailingTrivia(getter.GetTrailingTrivia());
        return Task.FromResult(declaration.WithAccessorList(accessors.WithAccessors(accessors.Accessors.Insert(accessors.Accessors.IndexOf(getter) + 1, setter))));
    }
}
