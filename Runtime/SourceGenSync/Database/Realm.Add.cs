using System;
using System.Collections.Generic;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync;

public sealed partial class Realm
{
    // Objects being added in the current Add call, so cycles of links resolve to the object already on its way in.
    private Dictionary<IRealmObjectBase, ManagedAccessor?>? _adding;

    // The map of the last outermost Add, cleared and reused by the next (one Add of a bulk insert allocates none).
    private Dictionary<IRealmObjectBase, ManagedAccessor?>? _spareAdding;

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
        _adding ??= RentAdding();
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
                ReturnAdding();
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

        if (_adding!.Count > 0 && _adding.TryGetValue(obj, out var inProgress))
        {
            return inProgress ?? throw new NotSupportedException($"Objects of class '{obj.ObjectSchema.Name}' link to each other in a cycle and have no primary key, so they cannot be added in one call. Add one first, then link it.");
        }

        var state = StateOf(obj);
        var table = state.Table;
        if (table.IsEmbedded)
        {
            throw new InvalidOperationException($"An embedded {table.ClassName} object cannot be added on its own. Assign it to a property of the object that owns it.");
        }

        var values = state.RentCollector();
        obj.WriteProperties(values);

        // A plain insert lets the unique primary-key index reject a duplicate (InsertRow maps the error), instead of
        // a SELECT per object. Not when links or embedded objects would be written first (a duplicate must fail
        // before they are), nor in a migration, whose primary-key indexes are only created after the callback.
        var plain = !update && !_migrationMode && !values.HasDeferred;
        if (table.PrimaryKey is not null && !plain && FindKey(state, values.PrimaryKey) is long existingKey)
        {
            if (!update)
            {
                throw new RealmDuplicatePrimaryKeyValueException(table.ClassName, Describe(values.PrimaryKey));
            }

            return UpdateExisting(state, obj, values, existingKey);
        }

        // Known before the row exists (primary key classes), so links back to this object resolve during the add.
        // Only links and embedded objects are written before the object is managed: without them nothing can reach
        // it in between, and the map (whose identity hashing costs on every new object) is left alone.
        var deferred = values.HasDeferred;
        var early = table.PrimaryKey is null ? null : new ManagedAccessor(this, state, -1, values.PrimaryKey, AccessorState.Loaded) { Object = obj };
        if (deferred)
        {
            _adding[obj] = early;
        }

        ResolveLinks(values);
        var embedded = InsertEmbeddedChildren(values);
        var key = InsertRow(state, values);
        var accessor = early ?? new ManagedAccessor(this, state, key, key, AccessorState.Loaded) { Object = obj };
        accessor.Key = key;
        if (deferred)
        {
            _adding[obj] = accessor;
        }

        obj.SetManagedAccessor(accessor);
        state.RegisterNew(accessor, obj);
        Recorder.ObjectCreated(accessor);
        RecordInitialFields(accessor, values);
        FinishEmbedded(accessor, embedded);
        CopyCollections(accessor, values, replaceEmpty: false);
        state.ReturnCollector(values);
        return accessor;
    }

    private Dictionary<IRealmObjectBase, ManagedAccessor?> RentAdding()
    {
        var map = _spareAdding ?? new Dictionary<IRealmObjectBase, ManagedAccessor?>(ReferenceEqualityComparer.Instance);
        _spareAdding = null;
        return map;
    }

    private void ReturnAdding()
    {
        // A map that grew for a large graph is dropped: clearing it would cost its capacity on every Add.
        if (_adding is { Count: <= 64 } map)
        {
            map.Clear();
            _spareAdding = map;
        }

        _adding = null;
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
        _adding ??= RentAdding();
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
                ReturnAdding();
            }
        }
    }

    private void ResolveLinks(RowCollector values)
    {
        foreach (var (column, target) in values.Links)
        {
            var accessor = AddCore(target, _upsert);
            values.Values[column.ReaderIndex - 1] = ColumnValue.FromObject(ValueCodec.IdentityToSqlite(accessor.Identity));
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
}
