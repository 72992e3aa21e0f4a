using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Storage;

/// <summary>
/// How a realm's schema maps onto SQLite tables (docs/storage.md is the prose form). Built once per opened schema
/// and shared by the object store, the query compiler and migrations, so table and column names are decided in
/// exactly one place.
/// </summary>
internal sealed class StorageLayout
{
    /// <summary>The row key column of every class table: an alias of SQLite's rowid, stable for the row's life.</summary>
    public const string KeyColumn = "@key";

    private readonly FrozenDictionary<string, TableMap> _byClassName;
    private readonly FrozenDictionary<Type, TableMap> _byType;

    public StorageLayout(IEnumerable<ObjectSchema> schemas)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        var byName = new Dictionary<string, TableMap>(StringComparer.Ordinal);
        var byType = new Dictionary<Type, TableMap>();
        foreach (var schema in schemas)
        {
            var table = new TableMap(schema, byName.Count);
            if (!byName.TryAdd(schema.Name, table))
            {
                throw new ArgumentException($"Two classes are stored under the name '{schema.Name}'. Give one a different [MapTo] name.", nameof(schemas));
            }

            byType[schema.Type] = table;
        }

        _byClassName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _byType = byType.ToFrozenDictionary();
        var tables = new TableMap[byName.Count];
        foreach (var table in byName.Values)
        {
            tables[table.Id] = table;
        }

        Tables = tables;
        foreach (var table in tables)
        {
            table.Resolve(this);
        }
    }

    /// <summary>Every class's table; <see cref="TableMap.Id"/> is its position here.</summary>
    public IReadOnlyList<TableMap> Tables { get; private set; } = [];

    public TableMap this[string className] =>
        _byClassName.TryGetValue(className, out var table)
            ? table
            : throw new KeyNotFoundException($"The class '{className}' is not part of this realm's schema.");

    public bool TryGetTable(string className, out TableMap table) => _byClassName.TryGetValue(className, out table!);

    public bool TryGetTable(Type type, out TableMap table) => _byType.TryGetValue(type, out table!);

    /// <summary>Quotes an identifier for SQL (names come from the schema, never from user input at query time).</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string ClassTableName(string className) => "class_" + className;

    public static string CollectionTableName(string className, string propertyName) => "class_" + className + "." + propertyName;

    public static string FullTextTableName(string className, string propertyName) => "fts_" + className + "." + propertyName;
}

/// <summary>
/// The storage of one class: a table with <see cref="StorageLayout.KeyColumn"/>, one column per scalar property
/// (two for types with an auxiliary part), and one side table per collection property.
/// </summary>
internal sealed class TableMap
{
    private readonly ColumnMap?[] _byOrdinal;
    private readonly List<ColumnMap> _columns = [];
    private readonly List<CollectionTableMap> _collections = [];

    public TableMap(ObjectSchema schema, int id)
    {
        Schema = schema;
        Id = id;
        Name = StorageLayout.ClassTableName(schema.Name);
        QuotedName = StorageLayout.Quote(Name);
        _byOrdinal = new ColumnMap?[schema.Properties.Count];
        CollectionsByOrdinal = new CollectionTableMap?[schema.Properties.Count];
        var readerIndex = 1; // reader column 0 is always the row key
        foreach (var property in schema.Properties)
        {
            if (property.IsComputed)
            {
                continue;
            }

            if (property.Collection != CollectionKind.None)
            {
                var collection = new CollectionTableMap(schema, property);
                _collections.Add(collection);
                CollectionsByOrdinal[property.Index] = collection;
                continue;
            }

            // Encodings are known once links are resolved; an auxiliary column is decided by the property type alone.
            var column = new ColumnMap(property, readerIndex);
            readerIndex += property.Type is PropertyType.Date or PropertyType.DateTime or PropertyType.RealmValue ? 2 : 1;
            _byOrdinal[property.Index] = column;
            _columns.Add(column);
        }

        PrimaryKey = schema.PrimaryKey is { } pk ? _byOrdinal[pk.Index] : null;
    }

    public ObjectSchema Schema { get; }

    /// <summary>The table's position in <see cref="StorageLayout.Tables"/>: per-realm state is kept in arrays indexed by it.</summary>
    public int Id { get; }

    public string ClassName => Schema.Name;

    /// <summary>The unquoted table name (<c>class_{ClassName}</c>).</summary>
    public string Name { get; }

    public string QuotedName { get; }

    /// <summary>Scalar, link and embedded columns in schema order.</summary>
    public IReadOnlyList<ColumnMap> Columns => _columns;

    public IReadOnlyList<CollectionTableMap> Collections => _collections;

    /// <summary>Side tables by property ordinal (null for non-collection properties).</summary>
    public CollectionTableMap?[] CollectionsByOrdinal { get; }

    public ColumnMap? PrimaryKey { get; }

    public bool IsEmbedded => Schema.Kind == ObjectSchemaKind.Embedded;

    /// <summary>
    /// How links to this class are stored: the primary key's encoding, or the row key (an Int) for classes
    /// without a primary key and for embedded classes.
    /// </summary>
    public ValueEncoding IdentityEncoding => PrimaryKey?.Encoding ?? ValueEncoding.Int;

    /// <summary>The column that identifies an object from outside (its primary key, else the row key), quoted.</summary>
    public string QuotedIdentityColumn => PrimaryKey?.QuotedName ?? StorageLayout.Quote(StorageLayout.KeyColumn);

    public ColumnMap? ColumnFor(int ordinal) => _byOrdinal[ordinal];

    public ColumnMap Column(int ordinal) =>
        _byOrdinal[ordinal] ?? throw new InvalidOperationException($"'{ClassName}.{Schema.Properties[ordinal].Name}' is not stored in a column.");

    /// <summary>
    /// The SELECT list that <see cref="Objects.SqliteRowReader"/> reads: the row key first, then each column (and its
    /// auxiliary column) in <see cref="Columns"/> order. <see cref="ColumnMap.ReaderIndex"/> points into it.
    /// </summary>
    public string SelectList(string? alias = null)
    {
        var prefix = alias is null ? "" : alias + ".";
        var parts = new List<string>(_columns.Count * 2 + 1) { prefix + StorageLayout.Quote(StorageLayout.KeyColumn) };
        foreach (var column in _columns)
        {
            parts.Add(prefix + column.QuotedName);
            if (column.HasAux)
            {
                parts.Add(prefix + column.QuotedAuxName);
            }
        }

        return string.Join(", ", parts);
    }

    internal void Resolve(StorageLayout layout)
    {
        foreach (var column in _columns)
        {
            column.Resolve(layout);
        }

        foreach (var collection in _collections)
        {
            collection.Resolve(layout);
        }
    }

    public override string ToString() => Name;
}
