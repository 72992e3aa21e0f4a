using System;
using System.Collections.Generic;
using System.Text;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync;

public sealed partial class Realm
{
    // Objects being added in the current Add call, so cycles of links resolve to the object already on its way in.
    private Dictionary<IRealmObjectBase, ManagedAccessor?>? _adding;

    // Add(obj, update: true) upserts the objects it reaches through links and collections too (as Realm .NET does).
    private bool _upsert;

    /// <summary>
    /// Adds an unmanaged object (and, through its links, every unmanaged object it reaches), making it managed in
    /// place, and returns it. With <paramref name="update"/>, an existing object with the same primary key is
    /// updated instead (all its properties, collections replaced); without it, that is an error.
    /// </summary>
    public T Add<T>(T obj, bool update = false)
        where T : IRealmObject
    {
        ArgumentNullException.ThrowIfNull(obj);
        EnsureInWriteTransaction();
        var outermost = _adding is null;
        _adding ??= new Dictionary<IRealmObjectBase, ManagedAccessor?>(ReferenceEqualityComparer.Instance);
        _upsert = outermost ? update : _upsert;
        try
        {
            AddCore(obj, update);
            return obj;
        }
        finally
        {
            if (outermost)
            {
                _adding = null;
                _upsert = false;
            }
        }
    }

    /// <summary>Adds (or with <paramref name="update"/>, upserts) every object in <paramref name="objects"/>.</summary>
    public void Add<T>(IEnumerable<T> objects, bool update = false)
        where T : IRealmObject
    {
        ArgumentNullException.ThrowIfNull(objects);
        foreach (var obj in objects)
        {
            Add(obj, update);
        }
    }

    /// <summary>Adds an asymmetric object: it is recorded for upload and never readable locally.</summary>
    public void Add(IAsymmetricObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        EnsureInWriteTransaction();
        var state = StateOf(obj);
        var values = new RowCollector(state.Table);
        obj.WriteProperties(values);
        var reference = ObjectRef.TopLevel(state.Table.ClassName, values.PrimaryKey);
        Recorder.Asymmetric(new CreateObject(reference));
        foreach (var column in state.Table.Columns)
        {
            Recorder.Asymmetric(new SetField(reference, column.Name, values.Payloads[column.Property.Index]));
        }
    }

    private ManagedAccessor AddCore(IRealmObjectBase obj, bool update)
    {
        if (obj.Accessor is { } existingAccessor)
        {
            return CheckOwnAccessor(existingAccessor, obj);
        }

        if (_adding!.TryGetValue(obj, out var inProgress))
        {
            return inProgress ?? throw new NotSupportedException($"Objects of class '{obj.ObjectSchema.Name}' link to each other in a cycle and have no primary key, so they cannot be added in one call. Add one first, then link it.");
        }

        var state = StateOf(obj);
        var table = state.Table;
        if (table.IsEmbedded)
        {
            throw new InvalidOperationException($"An embedded {table.ClassName} object cannot be added on its own. Assign it to a property of the object that owns it.");
        }

        var values = new RowCollector(table);
        obj.WriteProperties(values);
        if (table.PrimaryKey is not null && FindKey(state, values.PrimaryKey) is long existingKey)
        {
            if (!update)
            {
                throw new RealmDuplicatePrimaryKeyValueException(table.ClassName, Describe(values.PrimaryKey));
            }

            return UpdateExisting(state, obj, values, existingKey);
        }

        // Known before the row exists (primary key classes), so links back to this object resolve during the add.
        var early = table.PrimaryKey is null ? null : new ManagedAccessor(this, state, -1, values.PrimaryKey, AccessorState.Loaded) { Object = obj };
        _adding[obj] = early;
        ResolveLinks(values);
        var embedded = InsertEmbeddedChildren(values);
        var key = InsertRow(state, values.Values);
        var accessor = early ?? new ManagedAccessor(this, state, key, key, AccessorState.Loaded) { Object = obj };
        accessor.Key = key;
        _adding[obj] = accessor;
        obj.SetManagedAccessor(accessor);
        state.Register(accessor, obj);
        Recorder.ObjectCreated(accessor);
        RecordInitialFields(accessor, values);
        FinishEmbedded(accessor, embedded);
        CopyCollections(accessor, values, replaceEmpty: false);
        return accessor;
    }

    private ManagedAccessor UpdateExisting(ClassState state, IRealmObjectBase obj, RowCollector values, long key)
    {
        var table = state.Table;
        ManagedAccessor accessor;
        if (state.TryGetByKey(key, out var live) && live.Accessor is ManagedAccessor liveAccessor)
        {
            accessor = liveAccessor;
        }
        else
        {
            // No live object for the row yet: the object passed in becomes it.
            accessor = new ManagedAccessor(this, state, key, values.PrimaryKey, AccessorState.Loaded) { Object = obj };
            obj.SetManagedAccessor(accessor);
            state.Register(accessor, obj);
        }

        _adding![obj] = accessor;
        ResolveLinks(values);
        DeleteOwnedEmbedded(accessor);
        var embedded = InsertEmbeddedChildren(values);
        UpdateRow(state, key, values.Values);
        foreach (var column in table.Columns)
        {
            if (!column.Property.IsPrimaryKey)
            {
                Recorder.FieldSet(accessor, column.Property, values.Payloads[column.Property.Index]);
            }
        }

        // The object passed in becomes managed too (on the same row), re-read if the transaction rolls back.
        var other = !ReferenceEquals(accessor.Object, obj);
        if (other)
        {
            var own = new ManagedAccessor(this, state, key, values.PrimaryKey, AccessorState.Loaded) { Object = obj };
            obj.SetManagedAccessor(own);
            _adding[obj] = own;
            Recorder.Touched.Add(own);
        }

        FinishEmbedded(accessor, embedded);
        CopyCollections(accessor, values, replaceEmpty: true);
        Recorder.SideEffect(table.Id, key);
        if (other)
        {
            // The live instance shows the new values at once (it is touched: PropertyChanged follows at commit).
            lock (Gate)
            {
                Reload(accessor, raiseChanged: false);
            }
        }

        return accessor;
    }

    private ManagedAccessor CheckOwnAccessor(Internal.ObjectAccessor existing, IRealmObjectBase obj)
    {
        if (existing is ManagedAccessor managed && ReferenceEquals(managed.Realm, this))
        {
            managed.EnsureReadable();
            return managed;
        }

        if (existing is ManagedAccessor other && !other.Realm.IsClosed && other.Realm.Config.DatabasePath == Config.DatabasePath)
        {
            throw new RealmObjectManagedByAnotherRealmException($"This {obj.ObjectSchema.Name} object belongs to another instance of the same realm file. Find it in this instance (realm.Find or a query) instead of adding it.");
        }

        throw new RealmObjectManagedByAnotherRealmException($"This {obj.ObjectSchema.Name} object is managed by another realm. Copy its values into a new unmanaged object to add it here.");
    }

    private ClassState StateOf(IRealmObjectBase obj) =>
        Layout.TryGetTable(obj.GetType(), out var table)
            ? _classes[table.Id]
            : throw new ArgumentException($"The class '{obj.GetType().Name}' is not part of this realm's schema. Add it to RealmConfiguration.Schema (or leave Schema unset to use every generated class).");

    /// <summary>The managed accessor of a link target, adding the target first when it is unmanaged.</summary>
    internal ManagedAccessor EnsureManagedLinkTarget(IRealmObjectBase target, TableMap expected)
    {
        var outermost = _adding is null;
        _adding ??= new Dictionary<IRealmObjectBase, ManagedAccessor?>(ReferenceEqualityComparer.Instance);
        try
        {
            var accessor = AddCore(target, update: !outermost && _upsert);
            if (accessor.Table != expected)
            {
                throw new ArgumentException($"A link to '{expected.ClassName}' cannot point at a '{accessor.Table.ClassName}' object.");
            }

            return accessor;
        }
        finally
        {
            if (outermost)
            {
                _adding = null;
            }
        }
    }

    private void ResolveLinks(RowCollector values)
    {
        foreach (var (column, target) in values.Links)
        {
            var accessor = AddCore(target, _upsert);
            values.Values[column.ReaderIndex - 1] = ValueCodec.IdentityToSqlite(accessor.Identity);
            values.Payloads[column.Property.Index] = Payload.Link(column.Target!.ClassName, accessor.Identity);
        }
    }

    private void RecordInitialFields(ManagedAccessor accessor, RowCollector values)
    {
        foreach (var column in accessor.Table.Columns)
        {
            if (!column.Property.IsPrimaryKey && column.Encoding != ValueEncoding.Embedded)
            {
                Recorder.InitialField(accessor, column.Property, values.Payloads[column.Property.Index]);
            }
        }
    }

    private static void CopyCollections(ManagedAccessor accessor, RowCollector values, bool replaceEmpty)
    {
        foreach (var (apply, isEmpty) in values.Collections)
        {
            if (replaceEmpty || !isEmpty)
            {
                apply(accessor);
            }
        }
    }

    private long? FindKey(ClassState state, in RealmValue identity)
    {
        if (state.TryGetByIdentity(identity, out var live) && live.Accessor is ManagedAccessor { Key: >= 0, State: AccessorState.Loaded } accessor)
        {
            return accessor.Key;
        }

        lock (Gate)
        {
            var command = state.KeyByIdentity ??= Prepare($"SELECT {StorageLayout.Quote(StorageLayout.KeyColumn)} FROM {state.Table.QuotedName} WHERE {state.Table.PrimaryKey!.QuotedName} = $id", "$id");
            command.Parameters[0].Value = ValueCodec.IdentityToSqlite(identity);
            return command.ExecuteScalar() is long key ? key : null;
        }
    }

    private long InsertRow(ClassState state, object[] values)
    {
        lock (Gate)
        {
            var command = state.Insert;
            if (command is null)
            {
                var columns = new StringBuilder();
                var parameters = new StringBuilder();
                var names = new string[values.Length];
                var i = 0;
                foreach (var column in state.Table.Columns)
                {
                    Append(column.QuotedName);
                    if (column.HasAux)
                    {
                        Append(column.QuotedAuxName);
                    }
                }

                var sql = values.Length == 0
                    ? $"INSERT INTO {state.Table.QuotedName} DEFAULT VALUES"
                    : $"INSERT INTO {state.Table.QuotedName} ({columns}) VALUES ({parameters})";
                command = state.Insert = Prepare(sql, names);

                void Append(string quoted)
                {
                    if (i > 0)
                    {
                        columns.Append(", ");
                        parameters.Append(", ");
                    }

                    columns.Append(quoted);
                    names[i] = "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    parameters.Append(names[i]);
                    i++;
                }
            }

            var bound = command.Parameters;
            for (var p = 0; p < values.Length; p++)
            {
                bound[p].Value = values[p];
            }

            NoteWrite();
            // Not RETURNING (a data reader stepped to the end per row): the connection's last rowid, which is this
            // row's even when full-text triggers inserted rows of their own (the connection is used under the gate).
            command.ExecuteNonQuery();
            return SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);
        }
    }

    private void UpdateRow(ClassState state, long key, object[] values)
    {
        lock (Gate)
        {
            var sets = new StringBuilder();
            var names = new List<string> { "$key" };
            foreach (var column in state.Table.Columns)
            {
                Append(column.QuotedName);
                if (column.HasAux)
                {
                    Append(column.QuotedAuxName);
                }
            }

            var command = Command($"UPDATE {state.Table.QuotedName} SET {sets} WHERE {StorageLayout.Quote(StorageLayout.KeyColumn)} = $key", [.. names]);
            command.Parameters[0].Value = key;
            for (var p = 0; p < values.Length; p++)
            {
                command.Parameters[p + 1].Value = values[p];
            }

            command.ExecuteNonQuery();
            NoteWrite();

            void Append(string quoted)
            {
                var name = "$p" + (names.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                sets.Append(sets.Length == 0 ? "" : ", ").Append(quoted).Append(" = ").Append(name);
                names.Add(name);
            }
        }
    }
}
