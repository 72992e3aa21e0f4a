using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGenSync.Generators.Model;

namespace SourceGenSync.Generators.Parsing;

/// <summary>Attribute, modifier and hierarchy reading for <see cref="ModelParser"/>.</summary>
internal static partial class ModelParser
{
    public static bool HasAttribute(ImmutableArray<AttributeData> attributes, string metadataName) =>
        attributes.Any(a => a.AttributeClass?.ToDisplayString() == metadataName);

    public static AttributeData? FindAttribute(ImmutableArray<AttributeData> attributes, string metadataName) =>
        attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == metadataName);

    /// <summary>The [MapTo] name, or null when absent or not a constant string.</summary>
    public static string? ReadMapTo(ImmutableArray<AttributeData> attributes) =>
        FirstArgument(FindAttribute(attributes, KnownTypeNames.MapToAttribute)) as string;

    public static string? ReadBacklinkProperty(ImmutableArray<AttributeData> attributes) =>
        FirstArgument(FindAttribute(attributes, KnownTypeNames.BacklinkAttribute)) as string;

    // netstandard2.0 has no System.Index, so no list patterns here.
    private static object? FirstArgument(AttributeData? attribute) =>
        attribute is { ConstructorArguments.Length: 1 } ? attribute.ConstructorArguments[0].Value : null;

    public static IndexKind ReadIndex(ImmutableArray<AttributeData> attributes)
    {
        var indexed = FindAttribute(attributes, KnownTypeNames.IndexedAttribute);
        if (indexed is null)
        {
            return IndexKind.None;
        }

        return FirstArgument(indexed) is int type ? (IndexKind)type : IndexKind.General;
    }

    public static DateTimePolicy? ReadDateTimePolicy(ImmutableArray<AttributeData> attributes) =>
        FirstArgument(FindAttribute(attributes, KnownTypeNames.DateTimeKindPolicyAttribute)) is int policy ? (DateTimePolicy)policy : null;

    /// <summary>
    /// The property's modifiers (without <c>partial</c>) and its setter's own modifier, read from the defining
    /// declaration so the implementing half repeats them exactly.
    /// </summary>
    private static (string Modifiers, string? SetterModifier) ReadModifiers(IPropertySymbol property)
    {
        if (property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not PropertyDeclarationSyntax syntax)
        {
            return (AccessibilityText(property.DeclaredAccessibility), property.SetMethod is null ? null : string.Empty);
        }

        var modifiers = string.Join(" ", syntax.Modifiers.Where(m => !m.IsKind(SyntaxKind.PartialKeyword)).Select(m => m.Text));
        var setter = syntax.AccessorList?.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.SetAccessorDeclaration) || a.IsKind(SyntaxKind.InitAccessorDeclaration));
        string? setterModifier = setter is null ? null : string.Join(" ", setter.Modifiers.Select(m => m.Text));
        return (modifiers, setterModifier);
    }

    public static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => string.Empty,
    };

    /// <summary>
    /// Extension methods must live in a top-level static class, so they can only be as visible as the least
    /// visible type in the chain; a type nested privately cannot be named there at all.
    /// </summary>
    private static string ExtensionAccessibility(INamedTypeSymbol type)
    {
        var result = "public";
        for (var current = type; current is not null; current = current.ContainingType)
        {
            switch (current.DeclaredAccessibility)
            {
                case Accessibility.Public:
                    break;
                case Accessibility.Internal:
                case Accessibility.ProtectedOrInternal:
                    result = "internal";
                    break;
                default:
                    return string.Empty;
            }
        }

        return result;
    }

    private static HierarchyInfo ParseHierarchy(INamedTypeSymbol type)
    {
        var containing = ImmutableArray.CreateBuilder<ContainingTypeInfo>();
        for (var current = type.ContainingType; current is not null; current = current.ContainingType)
        {
            var keyword = current switch
            {
                { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
                { IsRecord: true } => "record",
                { TypeKind: TypeKind.Struct } => "struct",
                { TypeKind: TypeKind.Interface } => "interface",
                _ => "class",
            };
            containing.Insert(0, new ContainingTypeInfo(keyword, current.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), current.IsStatic));
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        return new HierarchyInfo(ns, new EquatableArray<ContainingTypeInfo>(containing.ToImmutable()));
    }

    private static string HintName(HierarchyInfo hierarchy, string className)
    {
        var parts = new System.Collections.Generic.List<string>();
        if (hierarchy.Namespace.Length > 0)
        {
            parts.Add(hierarchy.Namespace);
        }

        parts.AddRange(hierarchy.ContainingTypes.Select(t => t.Name.Replace('<', '{').Replace('>', '}').Replace(", ", ",")));
        parts.Add(className);
        return string.Join(".", parts) + ".g.cs";
    }
}
