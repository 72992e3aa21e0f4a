using System;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Storage;

/// <summary>
/// How one value is kept in SQLite (see docs/storage.md, "Value encodings"). Types with an auxiliary part use a
/// second column (<c>{name}:offset</c>, <c>{name}:kind</c>, <c>{name}:type</c>) so the main column stays comparable
/// and indexable.
/// </summary>
internal enum ValueEncoding
{
    /// <summary>INTEGER 0/1.</summary>
    Bool,
    /// <summary>INTEGER (all integer widths, enums, counters).</summary>
    Int,
    /// <summary>REAL.</summary>
    Float,
    /// <summary>REAL.</summary>
    Double,
    /// <summary>TEXT (invariant, round-trippable) with the <c>sgs_decimal</c> collation, which compares numerically.</summary>
    Decimal,
    /// <summary>TEXT.</summary>
    String,
    /// <summary>BLOB.</summary>
    Data,
    /// <summary>DateTimeOffset: INTEGER UTC ticks; auxiliary INTEGER offset in minutes.</summary>
    Date,
    /// <summary>DateTime: INTEGER ticks; auxiliary INTEGER <see cref="DateTimeKind"/>.</summary>
    DateTime,
    /// <summary>BLOB of 16 bytes, big-endian (RFC 4122 order), so byte order is string order.</summary>
    Guid,
    /// <summary>BLOB of 12 bytes (MongoDB layout), so byte order is creation order.</summary>
    ObjectId,
    /// <summary>RealmValue: the value in its natural encoding (a column without declared type, so no affinity converts it); auxiliary INTEGER <see cref="RealmValueType"/>.</summary>
    Mixed,
    /// <summary>A link to a top-level object: the target's primary key (or row key) in the target identity's encoding.</summary>
    Link,
    /// <summary>An embedded object: the INTEGER row key of the owned row in the embedded class's table.</summary>
    Embedded,
}

internal static class ValueEncodings
{
    public static ValueEncoding For(this Property property, bool targetIsEmbedded) => property.Type switch
    {
        PropertyType.Bool => ValueEncoding.Bool,
        PropertyType.Int => ValueEncoding.Int,
        PropertyType.Float => ValueEncoding.Float,
        PropertyType.Double => ValueEncoding.Double,
        PropertyType.Decimal => ValueEncoding.Decimal,
        PropertyType.String => ValueEncoding.String,
        PropertyType.Data => ValueEncoding.Data,
        PropertyType.Date => ValueEncoding.Date,
        PropertyType.DateTime => ValueEncoding.DateTime,
        PropertyType.Guid => ValueEncoding.Guid,
        PropertyType.ObjectId => ValueEncoding.ObjectId,
        PropertyType.RealmValue => ValueEncoding.Mixed,
        PropertyType.Object => targetIsEmbedded ? ValueEncoding.Embedded : ValueEncoding.Link,
        _ => throw new NotSupportedException($"Property type {property.Type} has no stored form."),
    };

    /// <summary>A property's link target (for links and embedded objects) and its encoding, once every table exists.</summary>
    public static (TableMap? Target, ValueEncoding Encoding) Resolve(Property property, StorageLayout layout)
    {
        var target = property.Type == PropertyType.Object ? layout[property.ObjectType!] : null;
        return (target, property.For(target?.IsEmbedded ?? false));
    }

    /// <summary>How the bytes are stored: a link holds its target's identity, anything else itself.</summary>
    public static ValueEncoding Stored(this ValueEncoding encoding, TableMap? target) =>
        encoding == ValueEncoding.Link ? target!.IdentityEncoding : encoding;

    /// <summary>The SQL column type (affinity, and collation where it matters).</summary>
    public static string SqlType(this ValueEncoding encoding, ValueEncoding linkIdentity) => encoding switch
    {
        ValueEncoding.Bool or ValueEncoding.Int or ValueEncoding.Date or ValueEncoding.DateTime or ValueEncoding.Embedded => "INTEGER",
        ValueEncoding.Float or ValueEncoding.Double => "REAL",
        ValueEncoding.Decimal => "TEXT COLLATE sgs_decimal",
        ValueEncoding.String => "TEXT",
        ValueEncoding.Data or ValueEncoding.Guid or ValueEncoding.ObjectId => "BLOB",
        ValueEncoding.Mixed => "", // no declared type: no affinity, so text stays text and integers stay integers
        ValueEncoding.Link => linkIdentity.SqlType(ValueEncoding.Int),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    public static bool HasAux(this ValueEncoding encoding) =>
        encoding is ValueEncoding.Date or ValueEncoding.DateTime or ValueEncoding.Mixed;

    /// <summary>The suffix of the auxiliary column's name.</summary>
    public static string AuxSuffix(this ValueEncoding encoding) => encoding switch
    {
        ValueEncoding.Date => ":offset",
        ValueEncoding.DateTime => ":kind",
        ValueEncoding.Mixed => ":type",
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), $"{encoding} has no auxiliary column."),
    };
}
