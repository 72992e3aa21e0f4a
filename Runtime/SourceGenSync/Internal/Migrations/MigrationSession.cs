using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Migrations;

/// <summary>
/// The old data a migration callback reads and the schema operations it performs, over the connection of the
/// realm being opened (inside its schema transaction: everything here rolls back if the open fails).
/// </summary>
internal sealed class MigrationSession
{
    /// <summary>Old rows are read in batches so no statement stays open while user code runs.</summary>
    private const int BatchSize = 1000;

    private readonly SqliteConnection _connection;
    private readonly IReadOnlyDictionary<string, OldClass> _old;

    public MigrationSession(SqliteConnection connection, StorageLayout newLayout, IReadOnlyDictionary<string, OldClass> old)
    {
        _connection = connection;
        NewLayout = newLayout;
        _old = old;
    }

    public StorageLayout NewLayout { get; }

    public OldClass OldClass(string className)
    {
        ArgumentNullException.ThrowIfNull(className);
        if (!_old.TryGetValue(className, out var old))
        {
            throw new ArgumentException($"The class '{className}' is not in the realm's old schema (stored classes: {string.Join(", ", _old.Keys.Order(StringComparer.Ordinal))}). Use the stored class name ([MapTo] if the class has one).", nameof(className));
        }

        return old.IsRemoved
            ? throw new InvalidOperationException($"The class '{className}' was removed by RemoveType in this migration; its old objects are gone.")
            : old;
    }

    public IEnumerable<MigrationObject> OldObjects(string className) => Enumerate(OldClass(className));

    public List<(string? Key, object? Value)> ReadCollection(OldClass old, OldColumn collection, long owner)
    {
        var kind = collection.Property.Collection;
        var key = kind == CollectionKind.Dictionary ? CollectionTableMap.KeyColumn : "NULL";
        var aux = collection.QuotedAuxName is null ? "" : ", " + CollectionTableMap.AuxColumn;
        var order = kind switch
        {
            CollectionKind.List => CollectionTableMap.PositionColumn,
            CollectionKind.Dictionary => CollectionTableMap.KeyColumn,
            _ => "rowid",
        };
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {key}, {CollectionTableMap.ValueColumn}{aux} FROM {StorageLayout.Quote(old.CollectionTableName(collection))} WHERE {CollectionTableMap.OwnerColumn} = $owner ORDER BY {order}";
        command.Parameters.AddWithValue("$owner", owner);
        using var reader = command.ExecuteReader();
        var elements = new List<(string? Key, object? Value)>();
        while (reader.Read())
        {
            elements.Add((reader.IsDBNull(0) ? null : reader.GetString(0), OldValues.Read(reader, 1, collection.Encoding, collection.IdentityEncoding)));
        }

        return elements;
    }

    /// <summary>Copies an old property's values into a new one of the same stored type (the callback's RenameProperty).</summary>
    public TableMap RenameProperty(string className, string oldName, string newName)
    {
        ArgumentNullException.ThrowIfNull(oldName);
        ArgumentNullException.ThrowIfNull(newName);
        var old = OldClass(className);
        if (!NewLayout.TryGetTable(className, out var table))
        {
            throw new ArgumentException($"The class '{className}' is not in the configured schema, so it has no property to rename to.", nameof(className));
        }

        var source = old.Find(oldName) ?? throw new ArgumentException(
            $"The old '{className}' has no property '{oldName}' (stored properties: {string.Join(", ", old.Stored.Properties.Select(static p => p.Name))}).", nameof(oldName));
        var property = table.Schema.Properties.FirstOrDefault(p => p.MappedName == newName && !p.IsComputed)
            ?? table.Schema.Properties.FirstOrDefault(p => p.Name == newName && !p.IsComputed)
            ?? throw new ArgumentException($"The configured '{className}' has no stored property '{newName}'.", nameof(newName));
        if (!ColumnCopy.IsCompatible(source.Property, property))
        {
            throw new InvalidOperationException(
                $"Cannot rename '{className}.{oldName}' ({source.Property.Describe()}) to '{property.MappedName}' ({StoredProperty.From(property).Describe()}): the stored types differ. " +
                "Convert the values in the migration callback instead: read them from migration.OldObjects(...) and set them on migration.FindInNewRealm<T>(...).");
        }

        if (property.Collection == CollectionKind.None)
        {
            var sets = ColumnCopy.Scalar(source, table.Column(property.Index), "o").Select(static p => $"{p.Column} = {p.Value}");
            var key = StorageLayout.Quote(StorageLayout.KeyColumn);
            RealmFile.Execute(_connection, $"UPDATE {table.QuotedName} AS n SET {string.Join(", ", sets)} FROM {old.QuotedTableName} AS o WHERE o.{key} = n.{key}");
        }
        else
        {
            var target = table.CollectionsByOrdinal[property.Index]!;
            var sourceTable = old.CollectionTableName(source);
            if (sourceTable != target.Name)
            {
                RealmFile.Execute(_connection, $"DELETE FROM {target.QuotedName}");
                ColumnCopy.Collection(_connection, StorageLayout.Quote(sourceTable), target, source.Property.IsNullable);
            }
        }

        return table;
    }

    /// <summary>Drops a class that is no longer configured, with its data and its stored schema; false when the file never had it.</summary>
    public bool RemoveType(string className)
    {
        ArgumentNullException.ThrowIfNull(className);
        if (NewLayout.TryGetTable(className, out _))
        {
            throw new InvalidOperationException($"The class '{className}' is still in the configured schema, so it cannot be removed. Take it out of RealmConfiguration.Schema, or delete its objects with migration.NewRealm.RemoveAll<T>().");
        }

        if (!_old.TryGetValue(className, out var old) || old.IsRemoved)
        {
            return false;
        }

        ClassRebuilder.Drop(_connection, old);
        MetadataTables.DeleteClass(_connection, className);
        old.IsRemoved = true;
        return true;
    }

    private IEnumerable<MigrationObject> Enumerate(OldClass old)
    {
        var after = long.MinValue;
        while (true)
        {
            var batch = ReadBatch(OldClass(old.Name), after);
            foreach (var obj in batch)
            {
                yield return obj;
            }

            if (batch.Count < BatchSize)
            {
                yield break;
            }

            after = batch[^1].Key;
        }
    }

    private List<MigrationObject> ReadBatch(OldClass old, long after)
    {
        var select = new List<string> { StorageLayout.Quote(StorageLayout.KeyColumn) };
        foreach (var column in old.Columns)
        {
            select.Add(column.QuotedName);
            if (column.QuotedAuxName is { } aux)
            {
                select.Add(aux);
            }
        }

        var key = StorageLayout.Quote(StorageLayout.KeyColumn);
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", select)} FROM {old.QuotedTableName} WHERE {key} > $after ORDER BY {key} LIMIT {BatchSize}";
        command.Parameters.AddWithValue("$after", after);
        using var reader = command.ExecuteReader();
        var batch = new List<MigrationObject>();
        while (reader.Read())
        {
            var values = new object?[old.Columns.Count];
            var index = 1;
            foreach (var column in old.Columns)
            {
                values[column.Ordinal] = OldValues.Read(reader, index, column.Encoding, column.IdentityEncoding);
                index += column.QuotedAuxName is null ? 1 : 2;
            }

            batch.Add(new MigrationObject(this, old, reader.GetInt64(0), values));
        }

        return batch;
    }
}
