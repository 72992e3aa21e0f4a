using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using SourceGenSync.CodeFixes.Internal;
using SourceGenSync.Generators.Diagnostics;

namespace SourceGenSync.CodeFixes;

/// <summary>
/// SGS0015: collections are declared by interface (the generator picks the list, set or dictionary that backs
/// them): <c>List&lt;T&gt;</c> → <c>IList&lt;T&gt;</c>, <c>HashSet&lt;T&gt;</c> → <c>ISet&lt;T&gt;</c>,
/// <c>Dictionary&lt;string, T&gt;</c> → <c>IDictionary&lt;string, T&gt;</c>. The type arguments are kept as written.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseCollectionInterfaceCodeFixProvider))]
[Shared]
public sealed class UseCollectionInterfaceCodeFixProvider : DeclarationCodeFixProvider<PropertyDeclarationSyntax>
{
    private const string CollectionsNamespace = "System.Collections.Generic";

    public UseCollectionInterfaceCodeFixProvider()
        : base(DiagnosticDescriptors.ConcreteCollectionId)
    {
    }

    /// <inheritdoc />
    protected override string EquivalenceKey => "SGS0015.UseCollectionInterface";

    /// <inheritdoc />
    protected override string GetTitle(PropertyDeclarationSyntax declaration, Diagnostic diagnostic)
    {
        var generic = FindGenericName(declaration.Type);
        var replacement = ReplacementFromProperties(diagnostic) ?? (generic is null ? null : ReplacementBySyntax(generic.Identifier.ValueText));
        return replacement is null
            ? $"Declare '{declaration.Identifier.ValueText}' with a collection interface"
            : $"Use {replacement}<...> for '{declaration.Identifier.ValueText}'";
    }

    /// <inheritdoc />
    protected override bool CanFix(PropertyDeclarationSyntax declaration, Diagnostic diagnostic) =>
        FindGenericName(declaration.Type) is not null;

    /// <inheritdoc />
    protected override Task<PropertyDeclarationSyntax> FixAsync(
        Document document,
        SemanticModel semanticModel,
        PropertyDeclarationSyntax declaration,
        Diagnostic diagnostic,
        CancellationToken cancellationToken)
    {
        var generic = FindGenericName(declaration.Type)!;
        var replacement = ReplacementFromProperties(diagnostic)
            ?? ReplacementBySymbol(semanticModel.GetTypeInfo(declaration.Type, cancellationToken).Type)
            ?? ReplacementBySyntax(generic.Identifier.ValueText);
        if (replacement is null)
        {
            return Task.FromResult(declaration);
        }

        // Renaming in place keeps "System.Collections.Generic.List<T>" qualified and the type arguments untouched.
        // When the interface would not bind at this position (no using, or a concrete type from another
        // namespace), write it fully qualified and let the simplifier shorten what it can.
        var renamed = generic.WithIdentifier(SyntaxFactory.Identifier(generic.Identifier.LeadingTrivia, replacement, generic.Identifier.TrailingTrivia));
        var newType = declaration.Type.ReplaceNode(generic, renamed);
        if (!BindsToCollectionInterface(semanticModel, declaration.Type.SpanStart, NameOf(newType), replacement))
        {
            var name = NameOf(declaration.Type);
            var qualified = SyntaxFactory.QualifiedName(
                    SyntaxFactory.ParseName("global::" + CollectionsNamespace),
                    SyntaxFactory.GenericName(SyntaxFactory.Identifier(replacement), generic.TypeArgumentList))
                .WithTriviaFrom(name)
                .WithAdditionalAnnotations(Simplifier.Annotation);
            newType = declaration.Type.ReplaceNode(name, qualified);
        }

        return Task.FromResult(declaration.WithType(newType));
    }

    // The analyzer names the interface ("IList<string>"); only its name is taken, the type arguments stay as written.
    private static string? ReplacementFromProperties(Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(DiagnosticDescriptors.ReplacementTypeProperty, out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var name = value!;
        var angle = name.IndexOf('<');
        if (angle >= 0)
        {
            name = name.Substring(0, angle);
        }

        var dot = name.LastIndexOf('.');
        return dot >= 0 ? name.Substring(dot + 1) : name;
    }

    // The interface the concrete type implements, most specific first (a dictionary is also a collection).
    private static string? ReplacementBySymbol(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        var implemented = named.AllInterfaces.Where(i => i.ContainingNamespace?.ToDisplayString() == CollectionsNamespace)
            .Select(i => i.MetadataName)
            .ToList();
        if (implemented.Contains("IDictionary`2"))
        {
            return "IDictionary";
        }

        if (implemented.Contains("ISet`1"))
        {
            return "ISet";
        }

        return implemented.Contains("IList`1") ? "IList" : null;
    }

    private static string? ReplacementBySyntax(string concreteName) => concreteName switch
    {
        "List" => "IList",
        "HashSet" or "SortedSet" => "ISet",
        "Dictionary" or "SortedDictionary" => "IDictionary",
        _ => null,
    };

    private static bool BindsToCollectionInterface(SemanticModel semanticModel, int position, TypeSyntax type, string interfaceName) =>
        semanticModel.GetSpeculativeTypeInfo(position, type, SpeculativeBindingOption.BindAsTypeOrNamespace).Type is INamedTypeSymbol named
        && named.TypeKind == TypeKind.Interface
        && named.Name == interfaceName
        && named.ContainingNamespace?.ToDisplayString() == CollectionsNamespace;

    // "List<T>", "List<T>?" or "System.Collections.Generic.List<T>": the generic name that is the type itself.
    private static GenericNameSyntax? FindGenericName(TypeSyntax type) => type switch
    {
        NullableTypeSyntax nullable => FindGenericName(nullable.ElementType),
        GenericNameSyntax generic => generic,
        QualifiedNameSyntax { Right: GenericNameSyntax generic } => generic,
        AliasQualifiedNameSyntax { Name: GenericNameSyntax generic } => generic,
        _ => null,
    };

    // The name without a nullable annotation: what binds to the collection type.
    private static TypeSyntax NameOf(TypeSyntax type) => type is NullableTypeSyntax nullable ? nullable.ElementType : type;
}
