using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Notifications;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Internal.Transactions;

namespace SourceGenSync;

public sealed partial class Realm
{
    private readonly List<WeakReference<ILiveCollection>> _liveCollections = [];

    /// <summary>Registers a query or collection to hear about commits (held weakly: an unreferenced one just stops).</summary>
    internal void RegisterLive(ILiveCollection collection)
    {
        lock (_liveCollections)
        {
            _liveCollections.Add(new WeakReference<ILiveCollection>(collection));
        }
    }

    internal void UnregisterLive(ILiveCollection collection)
    {
        lock (_liveCollections)
        {
            _liveCollections.RemoveAll(w => !w.TryGetTarget(out var c) || ReferenceEquals(c, collection));
        }
    }

    private void DetachLiveCollections()
    {
        lock (_liveCollections)
        {
            _liveCollections.Clear();
        }
    }

    /// <summary>Appends the transaction's changeset to the change log, in the transaction itself (under the gate).</summary>
    private void AppendChangeset(ChangeRecorder recorder)
    {
        var version = Version + 1;
        var timestamp = HybridClock.Next();
        var data = recorder.Encode(version, timestamp);
        var statement = Statement("INSERT INTO sgs_changesets (version, timestamp, data) VALUES (?1, ?2, ?3)");
        statement.BindInt64(1, version);
        statement.BindInt64(2, timestamp);

        // The row is inserted with a blob of zeros of the right length, then filled in place from the writer's
        // chunks (incremental blob I/O): no contiguous copy of a bulk insert's megabytes, in managed memory or in
        // SQLite's (a bound blob is copied before the insert).
        statement.BindZeroBlob(3, data.Length);
        statement.Execute();
        RawStatement.WriteBlob(_connection, "sgs_changesets", "data", version, data);
        Version = version;
    }

    private long ReadLatestVersion()
    {
        lock (Gate)
        {
            BeginRead();
            var command = Command("SELECT coalesce(max(version), 0), coalesce(max(timestamp), 0) FROM sgs_changesets");
            using var reader = command.ExecuteReader();
            reader.Read();
            HybridClock.Observe(reader.GetInt64(1));
            return reader.GetInt64(0);
        }
    }

    /// <summary>
    /// Reads the changesets other instances committed after this realm's version and refreshes the live objects
    /// they touched (under the gate, inside a transaction so the snapshot is the one just read).
    /// </summary>
    private ChangeSummary CatchUp()
    {
        var summary = new ChangeSummary();
        var erasedTables = new HashSet<int>();
        var command = Command("SELECT version, data FROM sgs_changesets WHERE version > $version ORDER BY version", "$version");
        command.Parameters[0].Value = Version;
        var touched = new List<(ClassState State, RealmValue Identity, bool Erased)>();
        var latest = Version;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                latest = reader.GetInt64(0);
                Changeset changeset;
                try
                {
                    changeset = ChangesetCodec.Decode((byte[])reader.GetValue(1));
                }
                catch (ChangesetFormatException e)
                {
                    throw new RealmCorruptFileException($"The change log of '{Config.DatabasePath}' is damaged at version {latest}: {e.Message}", e);
                }

                foreach (var instruction in changeset.Instructions)
                {
                    if (Layout.TryGetTable(instruction.Object.Class, out var table))
                    {
                        var erased = instruction is EraseObject;
                        touched.Add((_classes[table.Id], instruction.Object.PrimaryKey, erased));
                        if (erased)
                        {
                            erasedTables.Add(table.Id);
                        }
                        else if (instruction is CreateObject)
                        {
                            summary.TouchedTable(table.Id);
                        }
                    }
                }
            }
        }

        if (latest != Version)
        {
            NoteWrite();
        }

        Version = latest;
        var looked = new HashSet<(int, RealmValue)>();
        foreach (var (state, identity, erased) in touched)
        {
            summary.TouchedTable(state.Table.Id);
            if (!state.TryGetByIdentity(identity, out var obj) || obj.Accessor is not ManagedAccessor accessor)
            {
                // Not live here, but observed query results still need the row key of what changed.
                if (!erased && looked.Add((state.Table.Id, identity)) && (state.Table.PrimaryKey is null ? identity.AsInt64() : FindKey(state, identity)) is long key)
                {
                    summary.Modified(state.Table.Id, key);
                }

                continue;
            }

            if (erased && accessor.Key < 0)
            {
                // Reached through a link and never read: no row key to report, so it becomes invalid here.
                accessor.Invalidate(AccessorState.Removed);
                state.Unregister(accessor);
                continue;
            }

            if (erased)
            {
                summary.Deleted(state.Table.Id, accessor.Key);
            }
            else
            {
                summary.Modified(state.Table.Id, accessor.Key);
            }
        }

        // Links to erased objects were cleared by the writer without instructions: re-read objects that link there.
        foreach (var table in Layout.Tables)
        {
            foreach (var column in table.Columns)
            {
                if (column.Target is { } target && erasedTables.Contains(target.Id))
                {
                    foreach (var obj in _classes[table.Id].LiveObjects())
                    {
                        if (obj.Accessor is ManagedAccessor accessor && accessor.Key >= 0)
                        {
                            summary.Modified(table.Id, accessor.Key);
                        }
                    }

                    break;
                }
            }
        }

        // Embedded objects change through their owner's instructions: re-read the live ones of every changed owner.
        foreach (var table in Layout.Tables)
        {
            foreach (var obj in table.IsEmbedded ? _classes[table.Id].LiveObjects() : [])
            {
                if (obj.Accessor is ManagedAccessor { Key: >= 0, Owner: { } top } accessor)
                {
                    while (top.Owner is { } owner)
                    {
                        top = owner;
                    }

                    if (summary.IsModified(top.Table.Id, top.Key))
                    {
                        summary.Modified(table.Id, accessor.Key);
                    }
                }
            }
        }

        return summary;
    }

    /// <summary>
    /// After a commit or refresh: updates live objects in place (PropertyChanged), then lets queries and collections
    /// compute their change sets, then raises <see cref="RealmChanged"/>. Runs outside the gate (handlers may read).
    /// </summary>
    private void DeliverNotifications(ChangeSummary summary, ChangeRecorder? local)
    {
        if (local is not null)
        {
            var raised = new HashSet<(ManagedAccessor, string)>();
            foreach (var (accessor, property) in local.PropertyChanges)
            {
                if (accessor.State == AccessorState.Loaded && raised.Add((accessor, property)))
                {
                    accessor.Object.RaisePropertyChanged(property);
                }
            }
        }

        RefreshObjects(summary, local);

        List<ILiveCollection> live = [];
        lock (_liveCollections)
        {
            _liveCollections.RemoveAll(w => !w.TryGetTarget(out _));
            foreach (var weak in _liveCollections)
            {
                if (weak.TryGetTarget(out var collection))
                {
                    live.Add(collection);
                }
            }
        }

        foreach (var collection in live)
        {
            if (!IsClosed)
            {
                collection.OnRealmChanged(summary);
            }
        }

        if (!IsClosed)
        {
            RaiseRealmChanged();
        }
    }

    /// <summary>Re-reads modified live objects (raising PropertyChanged for what changed) and invalidates deleted ones.</summary>
    private void RefreshObjects(ChangeSummary summary, ChangeRecorder? local)
    {
        foreach (var (tableId, changes) in summary.Tables)
        {
            var state = _classes[tableId];

            // Own removals invalidated their objects when they happened; SQLite may have given a deleted row key to
            // a row inserted later in the same transaction, whose object must stay valid.
            foreach (var key in local is null ? changes.Deleted : [])
            {
                if (state.TryGetByKey(key, out var obj) && obj.Accessor is ManagedAccessor accessor && accessor.State != AccessorState.Removed)
                {
                    accessor.Invalidate(AccessorState.Removed);
                    state.Unregister(accessor);
                }
            }

            foreach (var key in changes.Modified)
            {
                if (state.TryGetByKey(key, out var obj) && obj.Accessor is ManagedAccessor { State: AccessorState.Loaded } accessor &&
                    (local is null || !local.Touched.Contains(accessor)))
                {
                    lock (Gate)
                    {
                        if (!IsClosed)
                        {
                            Reload(accessor, raiseChanged: true);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Re-reads an object's row into its fields; a row that is gone makes the object invalid.</summary>
    internal void Reload(ManagedAccessor accessor, bool raiseChanged)
    {
        BeginRead();
        var reader = SelectByKey(accessor.ClassState);
        try
        {
            reader.BindInt64(1, accessor.Key);
            if (!reader.Step())
            {
                accessor.Invalidate(AccessorState.Removed);
                accessor.ClassState.Unregister(accessor);
                return;
            }

            Reader.Position(reader, accessor.Table, accessor);
            accessor.Object.ReadProperties(Reader, raiseChanged);
        }
        finally
        {
            // PropertyChanged handlers ran above, after every column was read: the reset only ends the execution.
            reader.Reset();
        }
    }

    /// <summary>A prepared command cached for the realm's life, with its parameters created once (call under the gate).</summary>
    internal SqliteCommand Command(string sql, params string[] parameterNames)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            _commands[sql] = command;
        }

        return command;
    }
}
