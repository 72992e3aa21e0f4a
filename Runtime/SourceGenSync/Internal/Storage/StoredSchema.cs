using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Storage;

/// <summary>One property as recorded in the file's <c>sgs_properties</c> table.</summary>
internal sealed record StoredProperty(
    string Name,
    PropertyType Type,
    CollectionKind Collection,
    bool IsNullable,
    bool IsPrimaryKey,
    IndexType IndexType,
    string? ObjectType,
    string? LinkOrigin,
    bool IsCounter)
{
    public static StoredProperty From(Property property) => new(
        property.MappedName,
        property.Type,
        property.Collection,
        property.IsNullable,
        property.IsPrimaryKey,
        property.IndexType,
        property.ObjectType,
        property.LinkOriginProperty,
        property.IsCounter);

    /// <summary>Same stored shape, ignoring the index (indexes are changed in place, without a migration).</summary>
    public bool SameShape(StoredProperty other) =>
        Type == other.Type && Collection == other.Collection && IsNullable == other.IsNullable &&
        IsPrimaryKey == other.IsPrimaryKey && ObjectType == other.ObjectType && LinkOrigin == other.LinkOrigin &&
        IsCounter == other.IsCounter;

    public string Describe() =>
        (Collection == CollectionKind.None ? "" : Collection + " of ") + (ObjectType ?? Type.ToString()) +
        (IsNullable ? "?" : "") + (IsPrimaryKey ? " (primary key)" : "");
}

/// <summary>One class as recorded in the file.</summary>
internal sealed record StoredClass(string Name, ObjectSchemaKind Kind, IReadOnlyList<StoredProperty> Properties)
{
    public StoredProperty? Find(string name)
    {
        foreach (var property in Properties)
        {
            if (property.Name == name)
            {
                return property;
            }
        }

        return null;
    }
}

/// <summary>
/// The metadata tables every realm file has (docs/storage.md, "Metadata"): format and schema version, the stored
/// schema, and the change log.
/// </summary>
internal static class MetadataTables
{
    public const int FormatVersion = 1;

    public static readonly string[] Create =
    [
        "CREATE TABLE IF NOT EXISTS sgs_metadata (name TEXT PRIMARY KEY, value)",
        "CREATE TABLE IF NOT EXISTS sgs_classes (name TEXT PRIMARY KEY, kind INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS sgs_properties (class TEXT NOT NULL, name TEXT NOT NULL, ordinal INTEGER NOT NULL, type INTEGER NOT NULL, collection INTEGER NOT NULL, nullable INTEGER NOT NULL, primary_key INTEGER NOT NULL, index_type INTEGER NOT NULL, object_type TEXT, link_origin TEXT, counter INTEGER NOT NULL, PRIMARY KEY (class, name))",
        "CREATE TABLE IF NOT EXISTS sgs_changesets (version INTEGER PRIMARY KEY, timestamp INTEGER NOT NULL, data BLOB NOT NULL)",
    ];

    public static bool Exist(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sgs_metadata'";
        return (long)command.ExecuteScalar()! > 0;
    }

    public static bool HasUserTables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        return (long)command.ExecuteScalar()! > 0;
    }

    public static long? ReadInteger(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM sgs_metadata WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteScalar() is long value ? value : null;
    }

    public static void WriteInteger(SqliteConnection connection, string name, long value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO sgs_metadata (name, value) VALUES ($name, $value) ON CONFLICT (name) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    public static Dictionary<string, StoredClass> ReadSchema(SqliteConnection connection)
    {
        var classes = new Dictionary<string, (ObjectSchemaKind Kind, List<StoredProperty> Properties)>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, kind FROM sgs_classes";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                classes[reader.GetString(0)] = ((ObjectSchemaKind)reader.GetInt64(1), []);
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT class, name, type, collection, nullable, primary_key, index_type, object_type, link_origin, counter FROM sgs_properties ORDER BY class, ordinal";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!classes.TryGetValue(reader.GetString(0), out var entry))
                {
                    throw new RealmCorruptFileException($"The realm's schema lists a property of the unknown class '{reader.GetString(0)}'; the file is damaged.");
                }

                entry.Properties.Add(new StoredProperty(
                    reader.GetString(1),
                    (PropertyType)reader.GetInt64(2),
                    (CollectionKind)reader.GetInt64(3),
                    reader.GetInt64(4) != 0,
                    reader.GetInt64(5) != 0,
                    (IndexType)reader.GetInt64(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.GetInt64(9) != 0));
            }
        }

        var result = new Dictionary<string, StoredClass>(StringComparer.Ordinal);
        foreach (var (name, entry) in classes)
        {
            result[name] = new StoredClass(name, entry.Kind, entry.Properties);
        }

        return result;
    }

    /// <summary>Replaces the stored description of one class.</summary>
    public static void WriteClass(SqliteConnection connection, ObjectSchema schema)
    {
        DeleteClass(connection, schema.Name);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO sgs_classes (name, kind) VALUES ($name, $kind)";
            command.Parameters.AddWithValue("$name", schema.Name);
            command.Parameters.AddWithValue("$kind", (long)schema.Kind);
            command.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO sgs_properties (class, name, ordinal, type, collection, nullable, primary_key, index_type, object_type, link_origin, counter) VALUES ($class, $name, $ordinal, $type, $collection, $nullable, $pk, $index, $object, $origin, $counter)";
        foreach (var property in schema.Properties)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$class", schema.Name);
            insert.Parameters.AddWithValue("$name", property.MappedName);
            insert.Parameters.AddWithValue("$ordinal", (long)property.Index);
            insert.Parameters.AddWithValue("$type", (long)property.Type);
            insert.Parameters.AddWithValue("$collection", (long)property.Collection);
            insert.Parameters.AddWithValue("$nullable", property.IsNullable ? 1L : 0L);
            insert.Parameters.AddWithValue("$pk", property.IsPrimaryKey ? 1L : 0L);
            insert.Parameters.AddWithValue("$index", (long)property.IndexType);
            insert.Parameters.AddWithValue("$object", (object?)property.ObjectType ?? DBNull.Value);
            insert.Parameters.AddWithValue("$origin", (object?)property.LinkOriginProperty ?? DBNull.Value);
            insert.Parameters.AddWithValue("$counter", property.IsCounter ? 1L : 0L);
            insert.ExecuteNonQuery();
        }
    }

    public static void DeleteClass(SqliteConnection connection, string className)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM sgs_properties WHERE class = $name; DELETE FROM sgs_classes WHERE name = $name";
        command.Parameters.AddWithValue("$name", className);
        command.ExecuteNonQuery();
    }
}
