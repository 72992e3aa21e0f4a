using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SourceGenSync.Generators.Diagnostics;
using SourceGenSync.Generators.Model;

namespace SourceGenSync.Generators.Parsing;

/// <summary>
/// Property checks: which properties are persisted, their accessors and their types. Only partial instance
/// properties are persisted; non-partial ones are the user's own (not stored) unless they look like a Realm-style
/// persisted property, which is reported so nothing is silently dropped.
/// </summary>
internal static partial class ModelValidator
{
    private static void ValidateProperty(ValidationContext context, IPropertySymbol property, bool isAutoProperty, List<StoredProperty> stored)
    {
        var attributes = PropertyAttributes.Read(property);
        if (property.IsStatic)
        {
            ReportAttributesNotHonoured(context, property, attributes, "static properties are not stored; remove the attribute");
            return;
        }

        if (attributes.Ignored is not null)
        {
            ValidateIgnored(context, property, attributes);
            return;
        }

        if (!property.IsPartialDefinition)
        {
            ValidateNonPartial(context, property, attributes, isAutoProperty);
            return;
        }

        if (ContainsErrors(property.Type))
        {
            // The compiler already reports the unknown type; anything said here would be noise.
            return;
        }

        ValidateMapTo(context, property, attributes.All, $"{context.ClassName}.{property.Name}");
        stored.Add(new StoredProperty(property, StoredName(property), attributes.PrimaryKey is not null));

        if (attributes.Backlink is not null)
        {
            ValidateBacklink(context, property, attributes);
        }
        else if (!ValidateCollection(context, property))
        {
            ValidateScalar(context, property);
        }

        ValidatePropertyAttributes(context, property, attributes);
    }

    /// <summary>
    /// A non-partial property is not stored. It is reported as SGS0002 when it looks like it was meant to be
    /// (an auto-property with a setter, a get-only auto-property of a collection interface as Realm models declared
    /// them, or a [Backlink]); otherwise only schema attributes on it are reported, since they would do nothing.
    /// </summary>
    private static void ValidateNonPartial(ValidationContext context, IPropertySymbol property, PropertyAttributes attributes, bool isAutoProperty)
    {
        var looksPersisted = attributes.Backlink is not null
            || (isAutoProperty && (property.SetMethod is not null || IsCollectionInterface(property.Type)));
        if (!looksPersisted)
        {
            ReportAttributesNotHonoured(context, property, attributes, "the property is not partial, so it is not stored; make it a partial property or remove the attribute");
            return;
        }

        context.ReportAt(DiagnosticDescriptors.PropertyNotPartial, property, context.ClassName, property.Name);
        if (IsCollectionInterface(property.Type) && HasInitializer(property))
        {
            context.ReportAt(DiagnosticDescriptors.CollectionInitializer, property, context.ClassName, property.Name);
        }
    }

    /// <summary>
    /// An [Ignored] partial property is implemented as a plain field; any other schema attribute on it (or on an
    /// ignored non-partial property) cannot take effect.
    /// </summary>
    private static void ValidateIgnored(ValidationContext context, IPropertySymbol property, PropertyAttributes attributes)
    {
        foreach (var (name, _) in attributes.SchemaAttributes())
        {
            context.ReportAt(
                DiagnosticDescriptors.AttributeNotHonoured,
                property,
                name,
                $"{context.ClassName}.{property.Name}",
                "the property is [Ignored], so it is not stored; remove one of the two attributes");
        }

        if (property.IsPartialDefinition && property.SetMethod is { IsInitOnly: true })
        {
            context.ReportAt(DiagnosticDescriptors.InitSetter, property, context.ClassName, property.Name);
        }
    }

    private static void ReportAttributesNotHonoured(ValidationContext context, IPropertySymbol property, PropertyAttributes attributes, string reason)
    {
        foreach (var (name, _) in attributes.SchemaAttributes())
        {
            context.ReportAt(DiagnosticDescriptors.AttributeNotHonoured, property, name, $"{context.ClassName}.{property.Name}", reason);
        }
    }

    /// <summary>A single value: bool, number, string, date, link, embedded object, counter...</summary>
    private static void ValidateScalar(ValidationContext context, IPropertySymbol property)
    {
        if (IsQueryable(property.Type, out _))
        {
            ReportUnsupported(context, property, "IQueryable<T> is only valid on a [Backlink] property");
            return;
        }

        if (property.SetMethod is null)
        {
            context.ReportAt(DiagnosticDescriptors.PropertyWithoutSetter, property, context.ClassName, property.Name);
        }
        else if (property.SetMethod.IsInitOnly)
        {
            context.ReportAt(DiagnosticDescriptors.InitSetter, property, context.ClassName, property.Name);
        }

        var classification = TypeClassifier.Classify(property.Type);
        if (!classification.IsSupported)
        {
            ReportUnsupported(context, property, UnsupportedReason(property.Type, classification));
            return;
        }

        if (classification.Storage == StorageType.Object && classification.Target is { } target)
        {
            ValidateLinkTarget(context, property, target);
            if (property.Type.NullableAnnotation == NullableAnnotation.NotAnnotated)
            {
                context.ReportAt(DiagnosticDescriptors.LinkNotNullable, property, context.ClassName, property.Name, Display(property.Type));
            }
        }
    }

    private static void ReportUnsupported(ValidationContext context, IPropertySymbol property, string reason) =>
        context.ReportAt(DiagnosticDescriptors.UnsupportedType, property, context.ClassName, property.Name, Display(property.Type), reason);

    /// <summary>
    /// Why a type (of a value or a collection element) cannot be stored. The two commonest mistakes get a
    /// pointed reason: another collection interface, and a class that is not marked as a model.
    /// </summary>
    private static string UnsupportedReason(ITypeSymbol type, TypeClassification classification)
    {
        var value = WithoutNullable(type);
        if (value.SpecialType != SpecialType.System_String && IsEnumerable(value))
        {
            return "only IList<T>, ISet<T> and IDictionary<string, T> collections are supported";
        }

        if (value.TypeKind == TypeKind.Class && value.SpecialType == SpecialType.None)
        {
            return $"'{value.Name}' is not a model class; mark it [RealmObject] or [EmbeddedObject]";
        }

        return classification.UnsupportedReason ?? $"'{Display(type)}' is not a supported type";
    }

    private static bool IsEnumerable(ITypeSymbol type) =>
        type is IArrayTypeSymbol
        || type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
        || type.AllInterfaces.Any(static i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T);

    /// <summary>The SourceGenSync attributes on a property, read once.</summary>
    private sealed class PropertyAttributes
    {
        private PropertyAttributes(ImmutableArray<AttributeData> all) => All = all;

        public ImmutableArray<AttributeData> All { get; }

        public AttributeData? PrimaryKey { get; private set; }

        public AttributeData? Indexed { get; private set; }

        public AttributeData? MapTo { get; private set; }

        public AttributeData? Ignored { get; private set; }

        public AttributeData? Backlink { get; private set; }

        public AttributeData? Required { get; private set; }

        public AttributeData? DateTimeKindPolicy { get; private set; }

        public static PropertyAttributes Read(IPropertySymbol property)
        {
            var result = new PropertyAttributes(property.GetAttributes());
            foreach (var attribute in result.All)
            {
                switch (attribute.AttributeClass?.ToDisplayString())
                {
                    case KnownTypeNames.PrimaryKeyAttribute:
                        result.PrimaryKey = attribute;
                        break;
                    case KnownTypeNames.IndexedAttribute:
                        result.Indexed = attribute;
                        break;
                    case KnownTypeNames.MapToAttribute:
                        result.MapTo = attribute;
                        break;
                    case KnownTypeNames.IgnoredAttribute:
                        result.Ignored = attribute;
                        break;
                    case KnownTypeNames.BacklinkAttribute:
                        result.Backlink = attribute;
                        break;
                    case KnownTypeNames.RequiredAttribute:
                        result.Required = attribute;
                        break;
                    case KnownTypeNames.DateTimeKindPolicyAttribute:
                        result.DateTimeKindPolicy = attribute;
                        break;
                }
            }

            return result;
        }

        /// <summary>Attributes that only mean something on a stored property (everything but [Ignored]), by short name.</summary>
        public IEnumerable<(string Name, AttributeData Attribute)> SchemaAttributes()
        {
            var present = new (string Name, AttributeData? Attribute)[]
            {
                ("PrimaryKey", PrimaryKey),
                ("Indexed", Indexed),
                ("MapTo", MapTo),
                ("Backlink", Backlink),
                ("Required", Required),
                ("DateTimeKindPolicy", DateTimeKindPolicy),
            };
            return present.Where(static p => p.Attribute is not null).Select(static p => (p.Name, p.Attribute!));
        }
    }
}
