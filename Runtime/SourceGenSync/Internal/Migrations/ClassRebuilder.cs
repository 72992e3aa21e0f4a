using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Migrations;

/// <summary>
/// Rebuilds a class whose stored shape changed: its tables move aside (<c>old_class_X</c>, <c>old_class_X.p</c>),
/// the configured tables are created, and every column and collection whose stored form is unchanged is copied
/// with its row keys, so links by row key and embedded objects (owned by row key) stay valid. What cannot be
/// copied gets the type's default, for the migration callback to fill from the old rows.
/// </summary>
internal static class ClassRebuilder
{
    /// <summary>Moves the class's tables aside and returns their new names (dropped when the migration ends).</summary>
    public static List<string> MoveAside(SqliteConnection connection, OldClass old, TableMap table)
    {
        var classTable = StorageLayout.ClassTableName(old.Name);
        var properties = old.Columns.Concat(old.Collections).Select(static c => c.Name)
            .Concat(table.Schema.Properties.Select(static p => p.MappedName))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var sideTables = properties.Select(p => StorageLayout.CollectionTableName(old.Name, p))
            .Where(name => Exists(connection, "table", name))
            .ToList();

        // What derives from the old tables is dropped rather than moved: its names are the ones the new tables need.
        DropAll(connection, "TRIGGER", Names(connection, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $table", classTable));
        foreach (var property in properties)
        {
            RealmFile.Execute(connection, $"DROP TABLE IF EXISTS {StorageLayout.Quote(StorageLayout.FullTextTableName(old.Name, property))}");
        }

        var moved = new List<string>();
        foreach (var name in sideTables.Prepend(classTable))
        {
            DropAll(connection, "INDEX", Names(connection, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL", name));
            var target = OldClass.MovedPrefix + name;
            RealmFile.Execute(connection, $"ALTER TABLE {StorageLayout.Quote(name)} RENAME TO {StorageLayout.Quote(target)}");
            moved.Add(target);
        }

        old.SetLocation(moved: true);
        return moved;
    }

    /// <summary>
    /// Creates the configured tables, except the primary key's unique index, which is returned: it is created
    /// after the migration callback, which may be what makes the key values unique.
    /// </summary>
    public static string? Create(SqliteConnection connection, TableMap table)
    {
        var deferred = table.PrimaryKey is { } pk ? SchemaDdl.ColumnIndexes(table, pk).First() : null;
        foreach (var statement in SchemaDdl.CreateClass(table))
        {
            if (statement != deferred)
            {
                RealmFile.Execute(connection, statement);
            }
        }

        return deferred;
    }

    /// <summary>Copies the old rows into the new tables (the full-text triggers index them on the way).</summary>
    public static void Copy(SqliteConnection connection, OldClass old, TableMap table)
    {
        var key = StorageLayout.Quote(StorageLayout.KeyColumn);
        var columns = new List<string> { key };
        var values = new List<string> { "o." + key };
        foreach (var column in table.Columns)
        {
            var source = old.Find(column.Name);
            var pairs = source is not null && source.Property.Collection == CollectionKind.None && ColumnCopy.IsCompatible(source.Property, column.Property)
                ? ColumnCopy.Scalar(source, column, "o")
                : ColumnCopy.Default(column);
            foreach (var (name, value) in pairs)
            {
                columns.Add(name);
                values.Add(value);
            }
        }

        RealmFile.Execute(connection, $"INSERT INTO {table.QuotedName} ({string.Join(", ", columns)}) SELECT {string.Join(", ", values)} FROM {old.QuotedTableName} AS o");
        foreach (var collection in table.Collections)
        {
            if (old.Find(collection.Property.MappedName) is { } source && source.Property.Collection != CollectionKind.None &&
                ColumnCopy.IsCompatible(source.Property, collection.Property))
            {
                ColumnCopy.Collection(connection, StorageLayout.Quote(old.CollectionTableName(source)), collection, source.Property.IsNullable);
            }
        }
    }

    /// <summary>Drops a class's tables and everything derived from them (RemoveType).</summary>
    public static void Drop(SqliteConnection connection, OldClass old)
    {
        DropAll(connection, "TRIGGER", Names(connection, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $table", old.TableName));
        foreach (var column in old.Columns)
        {
            RealmFile.Execute(connection, $"DROP TABLE IF EXISTS {StorageLayout.Quote(StorageLayout.FullTextTableName(old.Name, column.Name))}");
        }

        foreach (var collection in old.Collections)
        {
            RealmFile.Execute(connection, $"DROP TABLE IF EXISTS {StorageLayout.Quote(old.CollectionTableName(collection))}");
        }

        RealmFile.Execute(connection, $"DROP TABLE IF EXISTS {old.QuotedTableName}");
    }

    public static void DropTables(SqliteConnection connection, IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            RealmFile.Execute(connection, $"DROP TABLE IF EXISTS {StorageLayout.Quote(table)}");
        }
    }

    private static bool Exists(SqliteConnection connection, string type, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = $type AND name = $name";
        command.Parameters.AddWithValue("$type", type);
        command.Parameters.AddWithValue("$name", name);
        return (long)command.ExecuteScalar()! > 0;
    }

    private static List<string> Names(SqliteConnection connection, string sql, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$table", table);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static void DropAll(SqliteConnection connection, string kind, List<string> names)
    {
        foreach (var name in names)
        {
            RealmFile.Execute(connection, $"DROP {kind} IF EXISTS {StorageLayout.Quote(name)}");
        }
    }
}
