using System.Linq;
using Microsoft.CodeAnalysis;
using SourceGenSync.Generators.Model;

namespace SourceGenSync.Generators.Parsing;

/// <summary>
/// How a property's C# type maps to storage: the collection shape, the element (or value) type and its stored
/// type. Shared by the parser (to build specs) and the validator (to report unsupported types), so both agree.
/// </summary>
internal readonly struct TypeClassification
{
    public TypeClassification(
        bool isSupported, StorageType storage, CollectionType collection, ITypeSymbol? elementType,
        bool isValueTypeNullable, bool isCounter, INamedTypeSymbol? target, string? unsupportedReason)
    {
        IsSupported = isSupported;
        Storage = storage;
        Collection = collection;
        ElementType = elementType;
        IsValueTypeNullable = isValueTypeNullable;
        IsCounter = isCounter;
        Target = target;
        UnsupportedReason = unsupportedReason;
    }

    public bool IsSupported { get; }

    public StorageType Storage { get; }

    public CollectionType Collection { get; }

    /// <summary>The value type for scalars, the element type for lists/sets, the value type for dictionaries (as declared, with nullability).</summary>
    public ITypeSymbol? ElementType { get; }

    /// <summary>The element is <c>Nullable&lt;T&gt;</c>.</summary>
    public bool IsValueTypeNullable { get; }

    public bool IsCounter { get; }

    /// <summary>The model class a link, embedded object, object collection or backlink points at.</summary>
    public INamedTypeSymbol? Target { get; }

    /// <summary>Why the type is not supported (null when it is).</summary>
    public string? UnsupportedReason { get; }

    public static TypeClassification Unsupported(string reason) =>
        new(false, StorageType.RealmValue, CollectionType.None, null, false, false, null, reason);
}

internal static class TypeClassifier
{
    public const string SupportedTypesText =
        "bool, byte, short, int, long, float, double, decimal, string, byte[], DateTimeOffset, DateTime, Guid, ObjectId, " +
        "enums, RealmValue, RealmInteger<T> counters, links to [RealmObject] classes, [EmbeddedObject] classes, " +
        "IList<T>, ISet<T> and IDictionary<string, T> of those, and IQueryable<T> backlinks";

    /// <summary>Classifies a property type; <c>IQueryable&lt;T&gt;</c> is classified as a backlink candidate.</summary>
    public static TypeClassification Classify(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { IsGenericType: true } named)
        {
            var definition = named.ConstructedFrom.ToDisplayString();
            switch (definition)
            {
                case "System.Collections.Generic.IList<T>":
                    return ClassifyCollection(named.TypeArguments[0], CollectionType.List);
                case "System.Collections.Generic.ISet<T>":
                    return ClassifyCollection(named.TypeArguments[0], CollectionType.Set);
                case "System.Collections.Generic.IDictionary<TKey, TValue>":
                    if (named.TypeArguments[0].SpecialType != SpecialType.System_String)
                    {
                        return TypeClassification.Unsupported("dictionary keys must be string");
                    }

                    return ClassifyCollection(named.TypeArguments[1], CollectionType.Dictionary);
                case "System.Linq.IQueryable<T>":
                    var element = named.TypeArguments[0];
                    return IsModelClass(element) && element is INamedTypeSymbol target
                        ? new TypeClassification(true, StorageType.LinkingObjects, CollectionType.None, element, false, false, target, null)
                        : TypeClassification.Unsupported("IQueryable<T> backlinks must point at a model class");
            }
        }

        return ClassifyValue(type, CollectionType.None);
    }

    private static TypeClassification ClassifyCollection(ITypeSymbol element, CollectionType collection)
    {
        var result = ClassifyValue(element, collection);
        if (result.IsSupported && result.IsCounter)
        {
            return TypeClassification.Unsupported("collections cannot hold RealmInteger<T> counters");
        }

        return result;
    }

    private static TypeClassification ClassifyValue(ITypeSymbol type, CollectionType collection)
    {
        var isValueTypeNullable = false;
        var valueType = type;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            isValueTypeNullable = true;
            valueType = nullable.TypeArguments[0];
        }

        var storage = ClassifyScalar(valueType, out var isCounter, out var reason);
        if (storage is null)
        {
            if (collection == CollectionType.None && IsCollectionLike(valueType))
            {
                return TypeClassification.Unsupported(reason ?? "only IList<T>, ISet<T> and IDictionary<string, T> collections are supported");
            }

            return TypeClassification.Unsupported(reason ?? $"'{type.ToDisplayString()}' is not a supported type");
        }

        var target = storage == StorageType.Object ? (INamedTypeSymbol)valueType : null;
        return new TypeClassification(true, storage.Value, collection, type, isValueTypeNullable, isCounter, target, null);
    }

    private static StorageType? ClassifyScalar(ITypeSymbol type, out bool isCounter, out string? reason)
    {
        isCounter = false;
        reason = null;
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
                return StorageType.Bool;
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_Int32:
            case SpecialType.System_Int64:
                return StorageType.Int;
            case SpecialType.System_Single:
                return StorageType.Float;
            case SpecialType.System_Double:
                return StorageType.Double;
            case SpecialType.System_Decimal:
                return StorageType.Decimal;
            case SpecialType.System_String:
                return StorageType.String;
            case SpecialType.System_DateTime:
                return StorageType.DateTime;
            case SpecialType.System_SByte:
            case SpecialType.System_UInt16:
            case SpecialType.System_UInt32:
            case SpecialType.System_UInt64:
            case SpecialType.System_Char:
                reason = $"'{type.ToDisplayString()}' is not supported: use byte, short, int or long";
                return null;
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return StorageType.Data;
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            var underlying = named.EnumUnderlyingType?.SpecialType;
            if (underlying is SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64)
            {
                return StorageType.Int;
            }

            reason = $"the enum '{named.Name}' has an underlying type that cannot be stored: use byte, short, int or long";
            return null;
        }

        switch (named.OriginalDefinition.ToDisplayString())
        {
            case "System.DateTimeOffset":
                return StorageType.Date;
            case "System.Guid":
                return StorageType.Guid;
            case "SourceGenSync.ObjectId":
                return StorageType.ObjectId;
            case "SourceGenSync.RealmValue":
                return StorageType.RealmValue;
            case "SourceGenSync.RealmInteger<T>":
                var argument = named.TypeArguments[0].SpecialType;
                if (argument is SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64)
                {
                    isCounter = true;
                    return StorageType.Int;
                }

                reason = "RealmInteger<T> counters support byte, short, int and long";
                return null;
        }

        return IsModelClass(named) ? StorageType.Object : null;
    }

    /// <summary>True for classes carrying [RealmObject], [EmbeddedObject] or [AsymmetricObject].</summary>
    public static bool IsModelClass(ITypeSymbol type) => GetModelKind(type) is not null;

    public static ModelKind? GetModelKind(ITypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class)
        {
            return null;
        }

        foreach (var attribute in type.GetAttributes())
        {
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case KnownTypeNames.RealmObjectAttribute:
                    return ModelKind.TopLevel;
                case KnownTypeNames.EmbeddedObjectAttribute:
                    return ModelKind.Embedded;
                case KnownTypeNames.AsymmetricObjectAttribute:
                    return ModelKind.Asymmetric;
            }
        }

        return null;
    }

    private static bool IsCollectionLike(ITypeSymbol type) =>
        type is IArrayTypeSymbol ||
        type.AllInterfaces.Any(static i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T);
}
