using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Schema;
using SQLitePCL;

namespace SourceGenSync.Internal.Sync;

/// <summary>
/// Applies changeset instructions straight to a realm file's tables (docs/storage.md), on a connection the caller
/// holds a write transaction on: downloaded changesets after the merge, a change log replayed into a fresh file, a
/// client reset's recovered changes. Total like <see cref="Merge.InstructionApplier"/>: an instruction that does
/// not fit (unknown class or field, wrong value type, missing object, a path or index that leads nowhere) is
/// skipped and reported, never thrown, so hostile or stale input cannot stop a replica; on well-formed input the
/// result equals the document model's. Statements are prepared once and reused; an object's CreateObject and the
/// SetFields that follow it become one INSERT (the shape of every bootstrap and bulk insert).
/// </summary>
internal sealed partial class LocalApplier : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly StorageLayout _layout;
    private readonly sqlite3 _db;
    private readonly Dictionary<(object Owner, SqlKind Kind), RawStatement> _statements = [];
    private readonly Dictionary<TableMap, Dictionary<string, Property>> _properties = [];
    private PendingObject? _pending;

    // The last top-level object looked up: consecutive instructions nearly always address the same one.
    private TableMap? _cachedTable;
    private RealmValue _cachedKey;
    private long _cachedRow;

    public LocalApplier(SqliteConnection connection, StorageLayout layout)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(layout);
        _connection = connection;
        _layout = layout;
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
    }

    /// <summary>True when the top-level object exists in the file (pending inserts are written first).</summary>
    public bool Exists(in ObjectRef target)
    {
        if (_pending is not null)
        {
            Flush();
        }

        return target.Class is not null
            && _layout.TryGetTable(target.Class, out var table)
            && !table.IsEmbedded
            && StoredValue.TryIdentity(target.PrimaryKey, table.IdentityEncoding, table.PrimaryKey?.Property.IsNullable ?? false, out var identity)
            && FindRow(table, target.PrimaryKey, identity) is long;
    }

    /// <summary>
    /// Applies <paramref name="instructions"/> in order. Those carried out are added to <paramref name="applied"/>
    /// (when given); returns how many were skipped. <paramref name="onSkipped"/> hears each skip and why.
    /// </summary>
    public int Apply(IReadOnlyList<Instruction> instructions, List<Instruction>? applied = null, Action<Instruction, string>? onSkipped = null)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        var skipped = 0;
        try
        {
            foreach (var instruction in instructions)
            {
                var reason = instruction is null ? "no instruction" : ApplyOne(instruction);
                if (reason is null)
                {
                    applied?.Add(instruction!);
                }
                else
                {
                    skipped++;
                    onSkipped?.Invoke(instruction!, reason);
                }
            }
        }
        finally
        {
            Flush();
        }

        return skipped;
    }

    /// <summary>
    /// Forgets cached lookups and anything not yet written: call at the start of every transaction (others may have
    /// changed the tables since) and after a rollback.
    /// </summary>
    public void Reset()
    {
        _pending = null;
        _cachedTable = null;
    }

    public void Dispose()
    {
        _pending = null;
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }

    // Returns null when applied, else why the instruction was skipped.
    private string? ApplyOne(Instruction instruction)
    {
        var target = instruction.Object;
        if (_pending is not null)
        {
            if (instruction is SetField set && _pending.Addresses(target) && TryAddToPending(_pending, set, out var pendingReason))
            {
                return pendingReason;
            }

            Flush();
        }

        if (target.Class is null || !_layout.TryGetTable(target.Class, out var table))
        {
            return "unknown class";
        }

        if (table.IsEmbedded)
        {
            return "an embedded class cannot be addressed as a top-level object";
        }

        if (table.Schema.Kind == ObjectSchemaKind.Asymmetric)
        {
            // Asymmetric objects are never stored locally (their table stays empty); the instruction is fine.
            return null;
        }

        if (!StoredValue.TryIdentity(target.PrimaryKey, table.IdentityEncoding, table.PrimaryKey?.Property.IsNullable ?? false, out var identity))
        {
            return "primary key of the wrong type";
        }

        switch (instruction)
        {
            case CreateObject:
                if (target.IsEmbedded)
                {
                    return "CreateObject with a path";
                }

                _pending = new PendingObject(table, target, identity);
                return null;
            case EraseObject:
                if (target.IsEmbedded)
                {
                    return "EraseObject with a path";
                }

                if (FindRow(table, target.PrimaryKey, identity) is not long erased)
                {
                    return "object does not exist";
                }

                DeleteRow(table, erased);
                _cachedTable = null;
                return null;
        }

        if (FindRow(table, target.PrimaryKey, identity) is not long row)
        {
            return "object does not exist";
        }

        var objectTable = table;
        if (!target.Path.IsDefaultOrEmpty)
        {
            if (ResolvePath(ref objectTable, ref row, target) is { } pathError)
            {
                return pathError;
            }
        }

        var field = FieldOf(instruction);
        if (field is null || !PropertiesOf(objectTable).TryGetValue(field, out var property) || property.IsComputed)
        {
            return "unknown field";
        }

        return instruction switch
        {
            SetField set => SetFieldOn(objectTable, row, property, set, target),
            AddCounter add => AddCounterOn(objectTable, row, property, add.Delta),
            _ => ApplyToCollection(objectTable, row, property, instruction),
        };
    }

    private static string? FieldOf(Instruction instruction) => instruction switch
    {
        SetField i => i.Field,
        AddCounter i => i.Field,
        ListInsert i => i.Field,
        ListSet i => i.Field,
        ListErase i => i.Field,
        SetInsert i => i.Field,
        SetErase i => i.Field,
        DictionarySet i => i.Field,
        DictionaryErase i => i.Field,
        CollectionClear i => i.Field,
        _ => null,
    };

    private Dictionary<string, Property> PropertiesOf(TableMap table)
    {
        if (!_properties.TryGetValue(table, out var byName))
        {
            byName = new Dictionary<string, Property>(StringComparer.Ordinal);
            foreach (var property in table.Schema.Properties)
            {
                byName[property.MappedName] = property;
            }

            _properties[table] = byName;
        }

        return byName;
    }

    /// <summary>Walks an embedded path from a top-level row: fields, list indices and dictionary keys.</summary>
    private string? ResolvePath(ref TableMap table, ref long row, in ObjectRef target)
    {
        foreach (var step in target.Path)
        {
            if (step.Property is null || !PropertiesOf(table).TryGetValue(step.Property, out var property) || property.Type != PropertyType.Object)
            {
                return "embedded path names no embedded property";
            }

            long? child;
            TableMap? childTable;
            if (step.Index is { } index && step.Key is null)
            {
                if (table.CollectionsByOrdinal[property.Index] is not { Kind: CollectionKind.List, Encoding: ValueEncoding.Embedded } list || index < 0)
                {
                    return "embedded path index on something else than a list of embedded objects";
                }

                child = ReadListElementKey(list, row, index);
                childTable = list.Target;
            }
            else if (step.Key is { } key && step.Index is null)
            {
                if (table.CollectionsByOrdinal[property.Index] is not { Kind: CollectionKind.Dictionary, Encoding: ValueEncoding.Embedded } dictionary)
                {
                    return "embedded path key on something else than a dictionary of embedded objects";
                }

                child = ReadDictionaryElementKey(dictionary, row, key);
                childTable = dictionary.Target;
            }
            else if (step.Index is null && step.Key is null)
            {
                if (table.ColumnFor(property.Index) is not { Encoding: ValueEncoding.Embedded } column)
                {
                    return "embedded path step on something else than an embedded object";
                }

                child = ReadColumnKey(column, row);
                childTable = column.Target;
            }
            else
            {
                return "embedded path step with both an index and a key";
            }

            if (child is not long childRow || childTable is null)
            {
                return "embedded path leads to no object";
            }

            table = childTable;
            row = childRow;
        }

        return null;
    }

    /// <summary>The row key of a top-level object, or null when it does not exist.</summary>
    private long? FindRow(TableMap table, in RealmValue key, in StoredValue identity)
    {
        if (ReferenceEquals(_cachedTable, table) && _cachedKey.Equals(key))
        {
            return _cachedRow;
        }

        var isNull = identity.Main.Kind == Objects.ColumnKind.Null;
        var statement = Statement(table, isNull ? SqlKind.FindRowNull : SqlKind.FindRow);
        try
        {
            if (!isNull)
            {
                identity.Main.BindTo(statement, 1);
            }

            if (!statement.Step())
            {
                return null;
            }

            var row = statement.GetInt64(0);
            Remember(table, key, row);
            return row;
        }
        finally
        {
            statement.Reset();
        }
    }

    private void Remember(TableMap table, in RealmValue key, long row)
    {
        _cachedTable = table;
        _cachedKey = key;
        _cachedRow = row;
    }

    private long Changes() => raw.sqlite3_changes(_db);

    private long LastInsertRowId() => raw.sqlite3_last_insert_rowid(_db);
}
