using System.Linq;
using Microsoft.CodeAnalysis;
using SourceGenSync.Generators.Diagnostics;
using SourceGenSync.Generators.Model;

namespace SourceGenSync.Generators.Parsing;

/// <summary>
/// Attribute checks on a stored property: [PrimaryKey], [Indexed], [Required] and [DateTimeKindPolicy] against the
/// property's type, and the DateTime Kind warning. Runs after the type checks, on the declared type.
/// </summary>
internal static partial class ModelValidator
{
    private const int IndexTypeNone = 0;
    private const int IndexTypeFullText = 2;

    private static void ValidatePropertyAttributes(ValidationContext context, IPropertySymbol property, PropertyAttributes attributes)
    {
        if (attributes.PrimaryKey is not null)
        {
            if (context.Kind == ModelKind.Embedded)
            {
                context.ReportAt(DiagnosticDescriptors.PrimaryKeyOnEmbedded, property, context.ClassName, property.Name);
            }
            else if (!IsPrimaryKeyType(property.Type))
            {
                context.ReportAt(DiagnosticDescriptors.PrimaryKeyType, property, context.ClassName, property.Name, Display(property.Type));
            }
        }

        if (attributes.Indexed is not null)
        {
            ValidateIndexed(context, property, attributes);
        }

        var element = ValueOrElementType(property);
        if (attributes.Required is not null)
        {
            ValidateRequired(context, property, element);
        }

        var isDateTime = WithoutNullable(element).SpecialType == SpecialType.System_DateTime;
        if (attributes.DateTimeKindPolicy is not null && !isDateTime)
        {
            context.ReportAt(
                DiagnosticDescriptors.AttributeNotHonoured,
                property,
                "DateTimeKindPolicy",
                $"{context.ClassName}.{property.Name}",
                $"the property's type '{Display(property.Type)}' holds no DateTime; remove the attribute");
        }
        else if (isDateTime && attributes.DateTimeKindPolicy is null && !HasDateTimePolicy(context))
        {
            context.ReportAt(DiagnosticDescriptors.DateTimeWithoutPolicy, property, context.ClassName, property.Name);
        }
    }

    private static void ValidateIndexed(ValidationContext context, IPropertySymbol property, PropertyAttributes attributes)
    {
        var indexType = attributes.Indexed!.ConstructorArguments.FirstOrDefault().Value as int? ?? 1;
        if (attributes.PrimaryKey is not null)
        {
            context.ReportAt(DiagnosticDescriptors.IndexedPrimaryKey, property, context.ClassName, property.Name);
        }
        else if (indexType == IndexTypeNone)
        {
            context.ReportAt(
                DiagnosticDescriptors.AttributeNotHonoured,
                property,
                "Indexed",
                $"{context.ClassName}.{property.Name}",
                "IndexType.None creates no index; use [Indexed] for a general index, or remove the attribute");
        }
        else if (indexType == IndexTypeFullText)
        {
            if (property.Type.SpecialType != SpecialType.System_String)
            {
                context.ReportAt(DiagnosticDescriptors.FullTextNotString, property, context.ClassName, property.Name, Display(property.Type));
            }
        }
        else if (!IsIndexableType(property.Type))
        {
            context.ReportAt(DiagnosticDescriptors.IndexedType, property, context.ClassName, property.Name, Display(property.Type));
        }
    }

    /// <summary>
    /// [Required] makes string and byte[] values (or elements) non-null where nullable annotations are off; on an
    /// annotated type (<c>string?</c>) it contradicts the declaration.
    /// </summary>
    private static void ValidateRequired(ValidationContext context, IPropertySymbol property, ITypeSymbol element)
    {
        string? reason = null;
        if (!IsStringOrData(element))
        {
            reason = $"it applies only to string and byte[] properties and collections of them, not to '{Display(property.Type)}'; remove it";
        }
        else if (element.NullableAnnotation == NullableAnnotation.Annotated)
        {
            reason = $"'{Display(element)}' is declared nullable; remove the '?' (a non-nullable type is already required) or remove [Required]";
        }

        if (reason is not null)
        {
            context.ReportAt(DiagnosticDescriptors.RequiredMisuse, property, context.ClassName, property.Name, reason);
        }
    }

    /// <summary>long/int/short/byte (and nullable), string, ObjectId, Guid; not enums or counters.</summary>
    private static bool IsPrimaryKeyType(ITypeSymbol type)
    {
        var value = WithoutNullable(type);
        return value.SpecialType is SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_Int32
                   or SpecialType.System_Int64 or SpecialType.System_String
               || IsNamed(value, "System.Guid") || IsNamed(value, KnownTypeNames.ObjectId);
    }

    /// <summary>bool, integers, string, ObjectId, Guid, DateTimeOffset, DateTime and enums (and nullable forms).</summary>
    private static bool IsIndexableType(ITypeSymbol type)
    {
        var value = WithoutNullable(type);
        switch (value.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_Int32:
            case SpecialType.System_Int64:
            case SpecialType.System_String:
            case SpecialType.System_DateTime:
                return true;
        }

        if (value.TypeKind == TypeKind.Enum)
        {
            return TypeClassifier.Classify(value).IsSupported;
        }

        return IsNamed(value, "System.Guid") || IsNamed(value, "System.DateTimeOffset") || IsNamed(value, KnownTypeNames.ObjectId);
    }

    private static bool IsStringOrData(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_String
        || type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte };

    private static bool IsNamed(ITypeSymbol type, string fullName) =>
        type is INamedTypeSymbol { IsGenericType: false } && type.ToDisplayString() == fullName;

    /// <summary>The property's type, or for a collection its element (dictionary: value) type.</summary>
    private static ITypeSymbol ValueOrElementType(IPropertySymbol property) =>
        TryReadCollection(property.Type, out var shape) ? shape.Element : property.Type;

    /// <summary>A policy on the class or the assembly covers every DateTime property of the class.</summary>
    private static bool HasDateTimePolicy(ValidationContext context) =>
        ModelParser.HasAttribute(context.ClassAttributes, KnownTypeNames.DateTimeKindPolicyAttribute)
        || ModelParser.HasAttribute(context.Type.ContainingAssembly.GetAttributes(), KnownTypeNames.DateTimeKindPolicyAttribute);
}
