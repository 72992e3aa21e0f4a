using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SourceGenSync.Generators.Model;

namespace SourceGenSync.Generators.Parsing;

/// <summary>
/// Turns a model class symbol into an equatable <see cref="ModelClassSpec"/>. Best effort: it never throws on a
/// malformed model (the validator reports those, and the generator emits only classes the validator accepts).
/// This is the one place symbols are read for emitting; nothing downstream sees a symbol.
/// </summary>
internal static partial class ModelParser
{
    /// <summary>The declared type of a property as an implementing declaration must spell it.</summary>
    private static readonly SymbolDisplayFormat DeclaredTypeFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static ModelClassSpec? Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var kind = TypeClassifier.GetModelKind(type);
        if (kind is null)
        {
            return null;
        }

        var assemblyPolicy = ReadDateTimePolicy(type.ContainingAssembly.GetAttributes());
        var classPolicy = ReadDateTimePolicy(type.GetAttributes()) ?? assemblyPolicy ?? DateTimePolicy.PreserveKind;

        var properties = new List<PropertySpec>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, IsPartialDefinition: true } property)
            {
                properties.Add(ParseProperty(property, classPolicy));
            }
        }

        var hierarchy = ParseHierarchy(type);
        return new ModelClassSpec(
            hierarchy,
            type.Name,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            ReadMapTo(type.GetAttributes()) ?? type.Name,
            kind.Value,
            AccessibilityText(type.DeclaredAccessibility),
            ExtensionAccessibility(type),
            properties.ToEquatableArray(),
            HintName(hierarchy, type.Name));
    }

    private static PropertySpec ParseProperty(IPropertySymbol property, DateTimePolicy classPolicy)
    {
        var attributes = property.GetAttributes();
        var isIgnored = HasAttribute(attributes, KnownTypeNames.IgnoredAttribute);
        var isRequired = HasAttribute(attributes, KnownTypeNames.RequiredAttribute);
        var classification = TypeClassifier.Classify(property.Type);
        var element = classification.ElementType ?? property.Type;
        var valueType = element is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : element;
        if (classification.IsCounter && valueType is INamedTypeSymbol counter)
        {
            valueType = counter.TypeArguments[0];
        }

        var target = classification.Target;
        string? backlinkOrigin = null;
        if (classification.Storage == StorageType.LinkingObjects && target is not null)
        {
            var originName = ReadBacklinkProperty(attributes);
            var origin = originName is null ? null : target.GetMembers(originName).OfType<IPropertySymbol>().FirstOrDefault();
            backlinkOrigin = origin is null ? originName : ReadMapTo(origin.GetAttributes()) ?? origin.Name;
        }

        var (modifiers, setterModifier) = ReadModifiers(property);
        return new PropertySpec(
            Name: property.Name,
            MappedName: ReadMapTo(attributes) ?? property.Name,
            DeclaredType: property.Type.ToDisplayString(DeclaredTypeFormat),
            Modifiers: modifiers,
            SetterModifier: setterModifier,
            IsIgnored: isIgnored,
            Storage: classification.Storage,
            Collection: classification.Collection,
            IsNullable: IsNullable(element, classification, isRequired),
            ValueType: valueType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            IsValueTypeNullable: classification.IsValueTypeNullable,
            EnumUnderlyingType: (valueType as INamedTypeSymbol)?.EnumUnderlyingType?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            IsCounter: classification.IsCounter,
            IsPrimaryKey: HasAttribute(attributes, KnownTypeNames.PrimaryKeyAttribute),
            Index: ReadIndex(attributes),
            TargetType: target?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            TargetMappedName: target is null ? null : ReadMapTo(target.GetAttributes()) ?? target.Name,
            TargetIsEmbedded: target is not null && TypeClassifier.GetModelKind(target) == ModelKind.Embedded,
            BacklinkOriginProperty: backlinkOrigin,
            DateTimePolicy: ReadDateTimePolicy(attributes) ?? classPolicy);
    }

    /// <summary>
    /// Nullability of the value (or each element). Value types: only Nullable&lt;T&gt;. Reference types: the
    /// annotation when nullable annotations are enabled; in an oblivious context strings, byte[] and links are
    /// nullable unless [Required]. RealmValue holds null itself, so it always counts as nullable. Backlinks: never.
    /// </summary>
    private static bool IsNullable(ITypeSymbol element, TypeClassification classification, bool isRequired)
    {
        if (classification.Storage == StorageType.LinkingObjects)
        {
            return false;
        }

        if (classification.Storage == StorageType.RealmValue)
        {
            return true;
        }

        if (element.IsValueType)
        {
            return classification.IsValueTypeNullable;
        }

        return element.NullableAnnotation switch
        {
            NullableAnnotation.Annotated => true,
            NullableAnnotation.NotAnnotated => false,
            _ => !isRequired,
        };
    }
}
