namespace SourceGenSync.Schema;

/// <summary>The stored type of a property (or of a collection's elements).</summary>
public enum PropertyType
{
    Bool,
    /// <summary>Any integer type and enums (stored as their underlying value) and counters.</summary>
    Int,
    Float,
    Double,
    Decimal,
    String,
    Data,
    /// <summary>A <see cref="System.DateTimeOffset"/>: UTC instant plus the original offset.</summary>
    Date,
    /// <summary>A <see cref="System.DateTime"/>, stored according to its <see cref="DateTimeKindPolicy"/>.</summary>
    DateTime,
    Guid,
    ObjectId,
    /// <summary>A mixed <see cref="SourceGenSync.RealmValue"/>.</summary>
    RealmValue,
    /// <summary>A link to a top-level object or an embedded object (see <see cref="Property.ObjectType"/>).</summary>
    Object,
    /// <summary>A backlink: the objects whose link points at this one.</summary>
    LinkingObjects,
}

/// <summary>Whether a property holds one value or a collection of them.</summary>
public enum CollectionKind
{
    None,
    List,
    Set,
    Dictionary,
}

/// <summary>What sort of class a schema describes.</summary>
public enum ObjectSchemaKind
{
    TopLevel,
    Embedded,
    Asymmetric,
}
