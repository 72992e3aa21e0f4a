using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Storage;

/// <summary>The column (and auxiliary column) of one scalar, link or embedded-object property.</summary>
internal sealed class ColumnMap
{
    public ColumnMap(Property property, int readerIndex)
    {
        Property = property;
        Name = property.MappedName;
        QuotedName = StorageLayout.Quote(Name);
        ReaderIndex = readerIndex;
    }

    public Property Property { get; }

    /// <summary>The column name: the property's stored (mapped) name.</summary>
    public string Name { get; }

    public string QuotedName { get; }

    public ValueEncoding Encoding { get; private set; }

    public bool HasAux => Encoding.HasAux();

    public string AuxName => Name + Encoding.AuxSuffix();

    public string QuotedAuxName => StorageLayout.Quote(AuxName);

    /// <summary>Where the column sits in <see cref="TableMap.SelectList"/> (its auxiliary column follows it).</summary>
    public int ReaderIndex { get; }

    /// <summary>For links and embedded objects: the target class's table.</summary>
    public TableMap? Target { get; private set; }

    /// <summary>How the stored value is encoded: for links, the target's identity encoding; else <see cref="Encoding"/>.</summary>
    public ValueEncoding StoredEncoding => Encoding.Stored(Target);

    public string SqlType => Encoding.SqlType(Target?.IdentityEncoding ?? ValueEncoding.Int);

    internal void Resolve(StorageLayout layout) => (Target, Encoding) = ValueEncodings.Resolve(Property, layout);

    public override string ToString() => Name;
}

/// <summary>
/// The side table of a list, set or dictionary property: <c>owner</c> (the owner's row key), then <c>position</c>
/// (lists: 0..n-1, contiguous) or <c>key</c> (dictionaries), then <c>value</c> and, for types with an auxiliary
/// part, <c>aux</c>. Sets keep insertion order by the side table's rowid.
/// </summary>
internal sealed class CollectionTableMap
{
    public const string OwnerColumn = "owner";
    public const string PositionColumn = "position";
    public const string KeyColumn = "key";
    public const string ValueColumn = "value";
    public const string AuxColumn = "aux";

    public CollectionTableMap(ObjectSchema owner, Property property)
    {
        Property = property;
        OwnerClass = owner.Name;
        Name = StorageLayout.CollectionTableName(owner.Name, property.MappedName);
        QuotedName = StorageLayout.Quote(Name);
    }

    public Property Property { get; }

    public string OwnerClass { get; }

    public CollectionKind Kind => Property.Collection;

    public string Name { get; }

    public string QuotedName { get; }

    /// <summary>The element encoding (links: <see cref="ValueEncoding.Link"/>; use <see cref="StoredEncoding"/> for the bytes).</summary>
    public ValueEncoding Encoding { get; private set; }

    public bool HasAux => Encoding.HasAux();

    public TableMap? Target { get; private set; }

    public ValueEncoding StoredEncoding => Encoding.Stored(Target);

    public string SqlType => Encoding.SqlType(Target?.IdentityEncoding ?? ValueEncoding.Int);

    internal void Resolve(StorageLayout layout) => (Target, Encoding) = ValueEncodings.Resolve(Property, layout);

    public override string ToString() => Name;
}
