using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Schema;

namespace SourceGenSync;

public sealed partial class Realm
{
    /// <summary>
    /// Removes a managed object with everything it owns (embedded objects, collections). Links to it become null
    /// and it disappears from lists and sets that held it. The object becomes invalid.
    /// </summary>
    public void Remove(IRealmObjectBase obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        EnsureInWriteTransaction();
        var accessor = OwnAccessor(obj);
        if (accessor.Table.IsEmbedded)
        {
            RemoveEmbedded(accessor);
            return;
        }

        RemoveRow(accessor.ClassState, accessor.Key, accessor.Identity);
    }

    /// <summary>Removes every object a query matches.</summary>
    public void RemoveRange<T>(IQueryable<T> range)
        where T : IRealmObject
    {
        ArgumentNullException.ThrowIfNull(range);
        EnsureInWriteTransaction();
        foreach (var obj in range.ToList())
        {
            Remove(obj);
        }
    }

    /// <summary>Removes every object of class <typeparamref name="T"/>.</summary>
    public void RemoveAll<T>()
        where T : IRealmObject
    {
        EnsureInWriteTransaction();
        RemoveAllOf(ClassStateOf<T>());
    }

    /// <summary>Removes every object of every class.</summary>
    public void RemoveAll()
    {
        EnsureInWriteTransaction();
        foreach (var state in _classes)
        {
            if (!state.Table.IsEmbedded)
            {
                RemoveAllOf(state);
            }
        }
    }

    private ManagedAccessor OwnAccessor(IRealmObjectBase obj)
    {
        if (obj.Accessor is not ManagedAccessor accessor)
        {
            throw new ArgumentException($"This {obj.ObjectSchema.Name} object is not managed: there is nothing to remove. Only objects added to a realm (or read from it) can be removed.", nameof(obj));
        }

        if (!ReferenceEquals(accessor.Realm, this))
        {
            throw new RealmObjectManagedByAnotherRealmException($"This {obj.ObjectSchema.Name} object belongs to another realm instance. Remove it through that realm, or find it in this one first.");
        }

        accessor.EnsureReadable();
        return accessor;
    }

    private void RemoveAllOf(ClassState state)
    {
        var table = state.Table;
        var rows = new List<(long Key, RealmValue Identity)>();
        lock (Gate)
        {
            var identity = table.PrimaryKey is { } pk ? pk.QuotedName : StorageLayout.Quote(StorageLayout.KeyColumn);
            using var command = Connection.CreateCommand();
            command.CommandText = $"SELECT {StorageLayout.Quote(StorageLayout.KeyColumn)}, {identity} FROM {table.QuotedName}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), ValueCodec.ReadIdentity(reader, 1, table.IdentityEncoding)));
            }
        }

        foreach (var (key, identity) in rows)
        {
            RemoveRow(state, key, identity);
        }
    }

    private void RemoveRow(ClassState state, long key, RealmValue identity)
    {
        var table = state.Table;
        DeleteOwned(table, key);
        ClearIncomingLinks(table, identity);
        DeleteRow(state, key, identity);
    }

    /// <summary>Deletes what a row owns: its collections' rows and its embedded objects (recursively).</summary>
    private void DeleteOwned(TableMap table, long key)
    {
        foreach (var column in table.Columns)
        {
            if (column.Encoding == ValueEncoding.Embedded && ReadEmbeddedKey(table, column, key) is long child)
            {
                DeleteEmbeddedRow(column.Target!, child);
            }
        }

        foreach (var collection in table.Collections)
        {
            List<long>? children = null;
            lock (Gate)
            {
                if (collection.Encoding == ValueEncoding.Embedded)
                {
                    var select = Command($"SELECT value FROM {collection.QuotedName} WHERE owner = $owner", "$owner");
                    select.Parameters[0].Value = key;
                    using var reader = select.ExecuteReader();
                    children = [];
                    while (reader.Read())
                    {
                        // A dictionary of embedded objects may hold null values: nothing is owned there.
                        if (!reader.IsDBNull(0))
                        {
                            children.Add(reader.GetInt64(0));
                        }
                    }
                }

                var delete = Command($"DELETE FROM {collection.QuotedName} WHERE owner = $owner", "$owner");
                delete.Parameters[0].Value = key;
                delete.ExecuteNonQuery();
            }

            foreach (var child in children ?? [])
            {
                DeleteEmbeddedRow(collection.Target!, child);
            }
        }
    }

    /// <summary>Deletes an embedded row and what it owns; its live object, if any, becomes invalid.</summary>
    internal void DeleteEmbeddedRow(TableMap table, long key)
    {
        DeleteOwned(table, key);
        DeleteRow(_classes[table.Id], key, key);
    }

    /// <summary>
    /// Deletes one row, invalidates its live object (found by identity too: an object reached through a link and
    /// never read has no row key yet) and records the removal.
    /// </summary>
    private void DeleteRow(ClassState state, long key, RealmValue identity)
    {
        var table = state.Table;
        lock (Gate)
        {
            var command = state.Delete ??= Prepare($"DELETE FROM {table.QuotedName} WHERE {StorageLayout.Quote(StorageLayout.KeyColumn)} = $key", "$key");
            command.Parameters[0].Value = key;
            command.ExecuteNonQuery();
            NoteWrite();
        }

        ManagedAccessor? live = null;
        if ((state.TryGetByKey(key, out var obj) || state.TryGetByIdentity(identity, out obj)) && obj.Accessor is ManagedAccessor accessor)
        {
            live = accessor;
            accessor.Invalidate(AccessorState.Removed);
            state.Unregister(accessor);
        }

        Recorder.ObjectRemoved(table, key, identity, live);
    }

    /// <summary>Deletes the embedded objects a managed object owns (before Add with update replaces them).</summary>
    private void DeleteOwnedEmbedded(ManagedAccessor owner)
    {
        foreach (var column in owner.Table.Columns)
        {
            if (column.Encoding == ValueEncoding.Embedded)
            {
                DeleteEmbeddedAt(owner, column);
            }
        }
    }

    internal void DeleteEmbeddedAt(ManagedAccessor owner, ColumnMap column)
    {
        if (ReadEmbeddedKey(owner.Table, column, owner.Key) is long child)
        {
            DeleteEmbeddedRow(column.Target!, child);
        }
    }

    private long? ReadEmbeddedKey(TableMap table, ColumnMap column, long key)
    {
        lock (Gate)
        {
            var command = Command($"SELECT {column.QuotedName} FROM {table.QuotedName} WHERE {StorageLayout.Quote(StorageLayout.KeyColumn)} = $key", "$key");
            command.Parameters[0].Value = key;
            return command.ExecuteScalar() as long?;
        }
    }

    private void RemoveEmbedded(ManagedAccessor accessor)
    {
        var owner = accessor.Owner ?? throw new InvalidOperationException($"This embedded {accessor.Table.ClassName} object's owner is unknown; remove it through the property or collection that holds it.");
        var property = owner.Table.Schema.Properties[accessor.OwnerOrdinal];
        if (property.Collection != CollectionKind.None)
        {
            throw new InvalidOperationException($"This embedded {accessor.Table.ClassName} object is an element of '{owner.Table.ClassName}.{property.Name}'. Remove it from that collection instead.");
        }

        owner.SetObject(accessor.OwnerOrdinal, null);

        // The owner's field still holds the removed object: re-read it (a rollback re-reads it again, it is touched).
        if (owner.State == AccessorState.Loaded)
        {
            lock (Gate)
            {
                Reload(owner, raiseChanged: false);
            }
        }
    }

    /// <summary>
    /// Links to a removed object disappear: link properties become null, list and set elements are removed,
    /// dictionary values become null. Each changed row is re-read by its live object at commit. Every one of these
    /// side effects is recorded as its own instruction before the EraseObject (docs/changesets.md, "Removal side
    /// effects"), so a replica applying the changeset in order needs no implicit cleanup.
    /// </summary>
    private void ClearIncomingLinks(TableMap target, RealmValue identity)
    {
        var id = ValueCodec.IdentityToSqlite(identity);
        var link = Payload.Link(target.ClassName, identity);
        foreach (var table in Layout.Tables)
        {
            foreach (var column in table.Columns)
            {
                if (column.Encoding == ValueEncoding.Link && column.Target == target)
                {
                    var linking = Keys($"SELECT {StorageLayout.Quote(StorageLayout.KeyColumn)} FROM {table.QuotedName} WHERE {column.QuotedName} = $id", id);
                    foreach (var key in linking)
                    {
                        Recorder.SideEffect(table.Id, key);
                        Recorder.Record(new SetField(RefOfRow(table, key), column.Property.MappedName, Payload.Of(RealmValue.Null)));
                    }

                    Execute($"UPDATE {table.QuotedName} SET {column.QuotedName} = NULL WHERE {column.QuotedName} = $id", id);

                    // Live objects that linked there read null at once; as touched objects they raise PropertyChanged
                    // at commit (even when changed themselves in this transaction) and are re-read on rollback.
                    foreach (var key in linking)
                    {
                        if (_classes[table.Id].TryGetByKey(key, out var obj) && obj.Accessor is ManagedAccessor { State: AccessorState.Loaded } live)
                        {
                            lock (Gate)
                            {
                                Reload(live, raiseChanged: false);
                            }

                            Recorder.Touch(live, column.Property);
                        }
                    }
                }
            }

            foreach (var collection in table.Collections)
            {
                if (collection.Encoding != ValueEncoding.Link || collection.Target != target)
                {
                    continue;
                }

                foreach (var owner in Keys($"SELECT DISTINCT owner FROM {collection.QuotedName} WHERE value = $id", id))
                {
                    Recorder.SideEffect(table.Id, owner);
                    Collections.LinkTargetRemoved(owner, collection);
                }

                if (collection.Kind == CollectionKind.List)
                {
                    RemoveFromLists(table, collection, id);
                }
                else if (collection.Kind == CollectionKind.Set)
                {
                    foreach (var owner in Keys($"SELECT owner FROM {collection.QuotedName} WHERE value = $id ORDER BY owner", id))
                    {
                        Recorder.Record(new SetErase(RefOfRow(table, owner), collection.Property.MappedName, link));
                    }

                    Execute($"DELETE FROM {collection.QuotedName} WHERE value = $id", id);
                }
                else
                {
                    foreach (var (owner, key) in OwnersAndKeys(collection, id))
                    {
                        Recorder.Record(new DictionarySet(RefOfRow(table, owner), collection.Property.MappedName, key, Payload.Of(RealmValue.Null)));
                    }

                    Execute($"UPDATE {collection.QuotedName} SET value = NULL WHERE value = $id", id);
                }
            }
        }
    }

    /// <summary>
    /// Removes every element equal to <paramref name="id"/> from one list property, recording a ListErase per
    /// element: per owner from the highest position down, so each recorded index is the element's index at the
    /// moment its erase applies (an erase never shifts the lower positions still to come).
    /// </summary>
    private void RemoveFromLists(TableMap owners, CollectionTableMap list, object id)
    {
        var positions = new List<(long Owner, long Position)>();
        lock (Gate)
        {
            var select = Command($"SELECT owner, position FROM {list.QuotedName} WHERE value = $id ORDER BY owner, position DESC", "$id");
            select.Parameters[0].Value = id;
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    positions.Add((reader.GetInt64(0), reader.GetInt64(1)));
                }
            }

            foreach (var (owner, position) in positions)
            {
                Recorder.Record(new ListErase(RefOfRow(owners, owner), list.Property.MappedName, position));
            }

            var delete = Command($"DELETE FROM {list.QuotedName} WHERE owner = $owner AND position = $position", "$owner", "$position");
            var shift = Command($"UPDATE {list.QuotedName} SET position = position - 1 WHERE owner = $owner AND position > $position", "$owner", "$position");
            foreach (var (owner, position) in positions)
            {
                delete.Parameters[0].Value = owner;
                delete.Parameters[1].Value = position;
                delete.ExecuteNonQuery();
                shift.Parameters[0].Value = owner;
                shift.Parameters[1].Value = position;
                shift.ExecuteNonQuery();
            }
        }
    }

    private List<(long Owner, string Key)> OwnersAndKeys(CollectionTableMap dictionary, object id)
    {
        lock (Gate)
        {
            var command = Command($"SELECT owner, key FROM {dictionary.QuotedName} WHERE value = $id ORDER BY owner, key", "$id");
            command.Parameters[0].Value = id;
            using var reader = command.ExecuteReader();
            var result = new List<(long, string)>();
            while (reader.Read())
            {
                result.Add((reader.GetInt64(0), reader.GetString(1)));
            }

            return result;
        }
    }

    private List<long> Keys(string sql, object id)
    {
        lock (Gate)
        {
            var command = Command(sql, "$id");
            command.Parameters[0].Value = id;
            using var reader = command.ExecuteReader();
            var keys = new List<long>();
            while (reader.Read())
            {
                keys.Add(reader.GetInt64(0));
            }

            return keys;
        }
    }

    private void Execute(string sql, object id)
    {
        lock (Gate)
        {
            var command = Command(sql, "$id");
            command.Parameters[0].Value = id;
            command.ExecuteNonQuery();
            NoteWrite();
        }
    }
}
