using System.Collections.Generic;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Migrations;

/// <summary>One stored property of the file's (old) schema with the encoding its values were written in.</summary>
internal sealed class OldColumn
{
    public OldColumn(StoredProperty property, ValueEncoding encoding, ValueEncoding identityEncoding)
    {
        Property = property;
        Encoding = encoding;
        IdentityEncoding = identityEncoding;
        QuotedName = StorageLayout.Quote(property.Name);
        QuotedAuxName = encoding.HasAux() ? StorageLayout.Quote(property.Name + encoding.AuxSuffix()) : null;
    }

    public StoredProperty Property { get; }

    /// <summary>The position in <see cref="OldClass.Columns"/> or <see cref="OldClass.Collections"/>.</summary>
    public int Ordinal { get; init; }

    public string Name => Property.Name;

    public ValueEncoding Encoding { get; }

    /// <summary>For links: how the target's identity was stored (its primary key's encoding, or Int for row keys).</summary>
    public ValueEncoding IdentityEncoding { get; }

    public string QuotedName { get; }

    public string? QuotedAuxName { get; }

    /// <summary>The SQL column type the value was declared with.</summary>
    public string SqlType => Encoding.SqlType(IdentityEncoding);
}

/// <summary>
/// A class as the file stored it before the migration, and where its rows are now: its own tables, or the
/// <c>old_</c> copies a rebuild moved them to.
/// </summary>
internal sealed class OldClass
{
    public const string MovedPrefix = "old_";

    private readonly Dictionary<string, OldColumn> _byName = new(System.StringComparer.Ordinal);

    public OldClass(StoredClass stored, IReadOnlyDictionary<string, StoredClass> schema)
    {
        Stored = stored;
        var columns = new List<OldColumn>();
        var collections = new List<OldColumn>();
        foreach (var property in stored.Properties)
        {
            if (property.Type == PropertyType.LinkingObjects)
            {
                continue;
            }

            var target = property.ObjectType is { } name && schema.TryGetValue(name, out var found) ? found : null;
            var encoding = new Property(property.Name, property.Type).For(target?.Kind == ObjectSchemaKind.Embedded);
            var list = property.Collection == CollectionKind.None ? columns : collections;
            var column = new OldColumn(property, encoding, target is null ? ValueEncoding.Int : IdentityOf(target).Encoding) { Ordinal = list.Count };
            _byName[property.Name] = column;
            list.Add(column);
            if (property.IsPrimaryKey && property.Collection == CollectionKind.None)
            {
                PrimaryKey = column;
            }
        }

        Columns = columns;
        Collections = collections;
        SetLocation(moved: false);
    }

    public StoredClass Stored { get; }

    public string Name => Stored.Name;

    public IReadOnlyList<OldColumn> Columns { get; }

    public IReadOnlyList<OldColumn> Collections { get; }

    public OldColumn? PrimaryKey { get; }

    /// <summary>True once a rebuild moved the rows to the <c>old_</c> tables.</summary>
    public bool IsMoved { get; private set; }

    /// <summary>True once the migration removed the class (RemoveType): it has no rows to read.</summary>
    public bool IsRemoved { get; set; }

    /// <summary>The unquoted name of the table that holds the old rows now.</summary>
    public string TableName { get; private set; } = "";

    public string QuotedTableName => StorageLayout.Quote(TableName);

    public OldColumn? Find(string name) => _byName.GetValueOrDefault(name);

    public string CollectionTableName(OldColumn collection) =>
        (IsMoved ? MovedPrefix : "") + StorageLayout.CollectionTableName(Name, collection.Name);

    public void SetLocation(bool moved)
    {
        IsMoved = moved;
        TableName = (moved ? MovedPrefix : "") + StorageLayout.ClassTableName(Name);
    }

    /// <summary>
    /// How links to a stored class named its objects: the primary key column and its encoding, or the row key for
    /// classes without one and for embedded classes.
    /// </summary>
    public static (string Column, ValueEncoding Encoding) IdentityOf(StoredClass stored)
    {
        if (stored.Kind != ObjectSchemaKind.Embedded)
        {
            foreach (var property in stored.Properties)
            {
                if (property.IsPrimaryKey && property.Collection == CollectionKind.None)
                {
                    return (property.Name, new Property(property.Name, property.Type).For(targetIsEmbedded: false));
                }
            }
        }

        return (StorageLayout.KeyColumn, ValueEncoding.Int);
    }

    /// <summary>The new schema's counterpart of <see cref="IdentityOf(StoredClass)"/>.</summary>
    public static (string Column, ValueEncoding Encoding) IdentityOf(TableMap table) =>
        table.PrimaryKey is { } pk ? (pk.Name, pk.Encoding) : (StorageLayout.KeyColumn, ValueEncoding.Int);
}
