namespace SourceGenSync.Schema;

/// <summary>
/// One persisted property of a class, as generated from its declaration. <see cref="Index"/> in
/// <see cref="ObjectSchema.Properties"/> is the property's ordinal: generated code and the store address
/// values by it.
/// </summary>
public sealed record Property
{
    public Property(string name, PropertyType type)
    {
        Name = name;
        MappedName = name;
        Type = type;
    }

    /// <summary>The C# property name.</summary>
    public string Name { get; }

    /// <summary>The stored name (from <see cref="MapToAttribute"/>, otherwise the C# name).</summary>
    public string MappedName { get; init; }

    public PropertyType Type { get; }

    public CollectionKind Collection { get; init; }

    /// <summary>Whether the value (for collections: each element) may be null.</summary>
    public bool IsNullable { get; init; }

    public bool IsPrimaryKey { get; init; }

    public IndexType IndexType { get; init; }

    /// <summary>For links, embedded objects and backlinks: the stored name of the target class.</summary>
    public string? ObjectType { get; init; }

    /// <summary>For backlinks: the stored name of the link property on <see cref="ObjectType"/> that points here.</summary>
    public string? LinkOriginProperty { get; init; }

    /// <summary>For <see cref="RealmInteger{T}"/> properties: concurrent increments merge instead of overwriting.</summary>
    public bool IsCounter { get; init; }

    /// <summary>For enum properties: the enum's full name (values are stored as the underlying integer).</summary>
    public string? EnumType { get; init; }

    /// <summary>For DateTime properties: how Kind is stored.</summary>
    public DateTimeKindPolicy DateTimeKindPolicy { get; init; }

    /// <summary>The ordinal of the property in its schema.</summary>
    public int Index { get; init; }

    /// <summary>True for backlinks, which are computed rather than stored.</summary>
    public bool IsComputed => Type == PropertyType.LinkingObjects;
}
