using System;
using System.Collections.Generic;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync;

// Embedded objects: owned by exactly one parent, inserted before it (the parent's column holds their row key) and
// made managed after it, so their changeset instructions follow the parent's and address them by path.
public sealed partial class Realm
{
    // Shared by every object without embedded children (never added to).
    private static readonly List<PendingEmbedded> s_noPending = [];

    private List<PendingEmbedded> InsertEmbeddedChildren(RowCollector values)
    {
        if (values.Embedded.Count == 0)
        {
            return s_noPending;
        }

        var result = new List<PendingEmbedded>(values.Embedded.Count);
        foreach (var (column, child) in values.Embedded)
        {
            var pending = InsertEmbeddedRow(child, column);
            values.Values[column.ReaderIndex - 1] = ColumnValue.Int(pending.Key);
            result.Add(pending);
        }

        return result;
    }

    /// <summary>Inserts an embedded object's row (and its own embedded children); it becomes managed in <see cref="FinishEmbedded"/>.</summary>
    internal PendingEmbedded InsertEmbeddedRow(IRealmObjectBase child, ColumnMap column) =>
        InsertEmbeddedRow(child, column.Target!, column.Property.Index, column.Property);

    internal PendingEmbedded InsertEmbeddedRow(IRealmObjectBase child, TableMap target, int ownerOrdinal, Schema.Property ownerProperty)
    {
        if (child.Accessor is not null)
        {
            throw new RealmObjectManagedByAnotherRealmException($"This embedded {target.ClassName} object already belongs to an object. An embedded object has exactly one owner: create a new one (or copy its values).");
        }

        // Reached outside Add too (collections, embedded property setters): links it holds are added in their own context.
        var outermost = _adding is null;
        _adding ??= RentAdding();
        try
        {
            var values = new RowCollector(target);
            child.WriteProperties(values);
            ResolveLinks(values);
            var children = InsertEmbeddedChildren(values);
            var key = InsertRow(_classes[target.Id], values);
            return new PendingEmbedded(ownerOrdinal, ownerProperty, child, values, key, children);
        }
        finally
        {
            if (outermost)
            {
                ReturnAdding();
            }
        }
    }

    /// <summary>Makes inserted embedded objects managed under their owner and records them (after the owner's own fields).</summary>
    internal void FinishEmbedded(ManagedAccessor owner, List<PendingEmbedded> embedded)
    {
        foreach (var pending in embedded)
        {
            Recorder.FieldSet(owner, pending.OwnerProperty, Payload.NewEmbedded);
            MakeEmbeddedManaged(owner, pending);
        }
    }

    /// <summary>Makes one inserted embedded object managed (for collections of embedded objects, which record their own insert).</summary>
    internal ManagedAccessor MakeEmbeddedManaged(ManagedAccessor owner, PendingEmbedded pending)
    {
        var state = _classes[pending.Values.Table.Id];
        var accessor = new ManagedAccessor(this, state, pending.Key, pending.Key, AccessorState.Loaded) { Object = pending.Child, Owner = owner, OwnerOrdinal = pending.OwnerOrdinal };
        pending.Child.SetManagedAccessor(accessor);
        state.Register(accessor, pending.Child);
        Recorder.ObjectCreated(accessor);
        RecordInitialFields(accessor, pending.Values);
        FinishEmbedded(accessor, pending.Children);
        CopyCollections(accessor, pending.Values, replaceEmpty: false);
        return accessor;
    }

    /// <summary>Replaces (or with null clears) an embedded object property of a managed object.</summary>
    internal void ReplaceEmbedded(ManagedAccessor owner, ColumnMap column, IRealmObjectBase? value)
    {
        DeleteEmbeddedAt(owner, column);
        if (value is null)
        {
            UpdateColumn(owner, column, DBNull.Value, null);
            Recorder.FieldSet(owner, column.Property, Payload.Of(RealmValue.Null));
            return;
        }

        var pending = InsertEmbeddedRow(value, column);
        UpdateColumn(owner, column, pending.Key, null);
        FinishEmbedded(owner, [pending]);
    }
}
