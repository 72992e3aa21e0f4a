using System;
using SourceGenSync.Protocol.Sync;

namespace SourceGenSync.Server.Sync.Schema;

internal enum ElementKind
{
    Bool,
    Int,
    Counter,
    Float,
    Double,
    Decimal,
    String,
    Data,
    Date,
    DateTime,
    Guid,
    ObjectId,
    Mixed,
    Link,
    Embedded,
}

internal enum CollectionType
{
    None,
    List,
    Set,
    Dictionary,
}

/// <summary>
/// A parsed <see cref="PropertySchema.Type"/> (docs/protocol.md, "Schema"): <c>element</c> or
/// <c>list&lt;element&gt;</c> / <c>set&lt;element&gt;</c> / <c>dictionary&lt;element&gt;</c>, where element is a
/// scalar name (<c>bool int counter float double decimal string data date datetime guid objectid mixed</c>) or
/// <c>link:Class</c> / <c>embedded:Class</c>, optionally followed by <c>?</c> (nullable).
/// </summary>
internal readonly record struct PropertyTypeName(CollectionType Collection, ElementKind Element, bool Nullable, string? TargetClass)
{
    public static bool TryParse(string text, out PropertyTypeName type)
    {
        type = default;
        if (string.IsNullOrEmpty(text) || text.Length > 300)
        {
            return false;
        }

        var collection = CollectionType.None;
        var element = text.AsSpan();
        foreach (var (prefix, kind) in new[] { ("list<", CollectionType.List), ("set<", CollectionType.Set), ("dictionary<", CollectionType.Dictionary) })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                if (!text.EndsWith('>'))
                {
                    return false;
                }

                collection = kind;
                element = element[prefix.Length..^1];
                break;
            }
        }

        var nullable = element.EndsWith("?");
        if (nullable)
        {
            element = element[..^1];
        }

        if (element.StartsWith("link:") || element.StartsWith("embedded:"))
        {
            var isLink = element.StartsWith("link:");
            var target = element[(isLink ? 5 : 9)..].ToString();
            if (!SchemaNames.IsValidName(target) || (!isLink && collection == CollectionType.Set))
            {
                return false;
            }

            // A to-one link or embedded object can always be absent; in collections, elements are never null.
            type = new PropertyTypeName(collection, isLink ? ElementKind.Link : ElementKind.Embedded, collection == CollectionType.None, target);
            return true;
        }

        ElementKind? scalar = element switch
        {
            "bool" => ElementKind.Bool,
            "int" => ElementKind.Int,
            "counter" => ElementKind.Counter,
            "float" => ElementKind.Float,
            "double" => ElementKind.Double,
            "decimal" => ElementKind.Decimal,
            "string" => ElementKind.String,
            "data" => ElementKind.Data,
            "date" => ElementKind.Date,
            "datetime" => ElementKind.DateTime,
            "guid" => ElementKind.Guid,
            "objectid" => ElementKind.ObjectId,
            "mixed" => ElementKind.Mixed,
            _ => null,
        };
        if (scalar is null || (scalar == ElementKind.Counter && collection != CollectionType.None))
        {
            return false;
        }

        type = new PropertyTypeName(collection, scalar.Value, nullable || scalar == ElementKind.Mixed, null);
        return true;
    }

    /// <summary>Whether a value of this RealmValue type may be stored in an element of this type.</summary>
    public bool Accepts(RealmValueType value) => value switch
    {
        RealmValueType.Null => Nullable,
        RealmValueType.Object => false,
        _ when Element == ElementKind.Mixed => true,
        RealmValueType.Int => Element is ElementKind.Int or ElementKind.Counter or ElementKind.DateTime,
        RealmValueType.Bool => Element == ElementKind.Bool,
        RealmValueType.String => Element == ElementKind.String,
        RealmValueType.Data => Element == ElementKind.Data,
        RealmValueType.Date => Element == ElementKind.Date,
        RealmValueType.Float => Element == ElementKind.Float,
        RealmValueType.Double => Element == ElementKind.Double,
        RealmValueType.Decimal => Element == ElementKind.Decimal,
        RealmValueType.ObjectId => Element == ElementKind.ObjectId,
        RealmValueType.Guid => Element == ElementKind.Guid,
        _ => false,
    };
}

internal static class SchemaNames
{
    /// <summary>Class and property names: 1–128 characters, no control characters, no markup of the type grammar.</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 128)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>' or '?' or ':' or ',')
            {
                return false;
            }
        }

        return true;
    }
}
