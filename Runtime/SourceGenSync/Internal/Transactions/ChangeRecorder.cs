using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Transactions;

/// <summary>
/// Collects what one write transaction does: the instructions of its changeset (in order) and, for notifications,
/// which objects were created, modified (and which properties) or removed.
/// </summary>
internal sealed class ChangeRecorder
{
    private readonly ChangesetWriter _changeset = new();

    // An instruction the format cannot represent fails the commit (as encoding the whole changeset at commit did),
    // not the property set that recorded it.
    private ArgumentException? _failure;

    /// <summary>Instructions recorded so far.</summary>
    public int InstructionCount => _changeset.Count;

    /// <summary>Bytes of instructions recorded so far (how large the transaction is).</summary>
    public int RecordedBytes => _changeset.Length;

    public ChangeSummary Summary { get; } = new();

    /// <summary>Objects whose properties were set, with the names to raise PropertyChanged for after commit.</summary>
    public List<(ManagedAccessor Accessor, string Property)> PropertyChanges { get; } = [];

    /// <summary>Objects removed in this transaction (revived if it rolls back).</summary>
    public List<ManagedAccessor> Removed { get; } = [];

    /// <summary>Objects whose rows changed and whose fields must be re-read if the transaction rolls back.</summary>
    public HashSet<ManagedAccessor> Touched { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The encoded changeset (docs/changesets.md); throws what recording an instruction could not encode.</summary>
    public ChangesetWriter.Encoded Encode(long version, long timestamp)
    {
        if (_failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
        }

        return _changeset.Encode(version, timestamp);
    }

    /// <summary>
    /// A new object: recorded by its row key only (a rollback finds it through the identity map). No reference is
    /// kept, so the objects of a bulk insert that the app no longer holds can be collected before the commit.
    /// </summary>
    public void ObjectCreated(ManagedAccessor accessor)
    {
        Summary.Inserted(accessor.Table.Id, accessor.Key);
        if (!accessor.Table.IsEmbedded)
        {
            var start = _changeset.Length;
            try
            {
                _changeset.CreateObject(accessor.Table.ClassName, accessor.Identity);
            }
            catch (ArgumentException e)
            {
                Fail(start, e);
            }
        }
    }

    public void FieldSet(ManagedAccessor accessor, Property property, in Payload value)
    {
        Touch(accessor, property);
        InitialField(accessor, property, value);
    }

    /// <summary>Records the field values of a newly created object without marking it modified.</summary>
    public void InitialField(ManagedAccessor accessor, Property property, in Payload value)
    {
        var start = _changeset.Length;
        try
        {
            if (accessor.Owner is null)
            {
                _changeset.SetField(accessor.Table.ClassName, accessor.Identity, property.MappedName, value);
            }
            else
            {
                _changeset.Write(new SetField(RefOf(accessor), property.MappedName, value));
            }
        }
        catch (ArgumentException e)
        {
            Fail(start, e);
        }
    }

    public void CounterAdded(ManagedAccessor accessor, Property property, long delta)
    {
        Touch(accessor, property);
        Record(new AddCounter(RefOf(accessor), property.MappedName, delta));
    }

    public void Collection(ManagedAccessor accessor, Instruction instruction)
    {
        Touched.Add(accessor);
        Summary.Modified(accessor.Table.Id, accessor.Key);
        Record(instruction);
    }

    /// <summary>A row was deleted; <paramref name="live"/> is its live object, if one exists.</summary>
    public void ObjectRemoved(TableMap table, long key, in RealmValue identity, ManagedAccessor? live)
    {
        if (live is not null)
        {
            Removed.Add(live);
        }

        Summary.Deleted(table.Id, key);
        if (!table.IsEmbedded)
        {
            var start = _changeset.Length;
            try
            {
                _changeset.EraseObject(table.ClassName, identity);
            }
            catch (ArgumentException e)
            {
                Fail(start, e);
            }
        }
    }

    /// <summary>An instruction recorded as it is (removal side effects: links cleared, elements erased).</summary>
    public void Record(Instruction instruction)
    {
        var start = _changeset.Length;
        try
        {
            _changeset.Write(instruction);
        }
        catch (ArgumentException e)
        {
            Fail(start, e);
        }
    }

    /// <summary>An instruction of an asymmetric object: uploaded, never stored as a row.</summary>
    public void Asymmetric(Instruction instruction) => Record(instruction);

    /// <summary>A row changed as a side effect (a link to a removed object was cleared): re-read, not recorded.</summary>
    public void SideEffect(int tableId, long key) => Summary.Modified(tableId, key);

    public void Touch(ManagedAccessor accessor, Property property)
    {
        Touched.Add(accessor);
        Summary.Modified(accessor.Table.Id, accessor.Key);
        PropertyChanges.Add((accessor, property.Name));
        for (var owner = accessor.Owner; owner is not null; owner = owner.Owner)
        {
            Summary.Modified(owner.Table.Id, owner.Key);
        }
    }

    /// <summary>
    /// The reference a changeset uses for an object: top-level objects by class and identity; embedded objects by
    /// the path from their top-level owner.
    /// </summary>
    public static ObjectRef RefOf(ManagedAccessor accessor)
    {
        if (accessor.Owner is null)
        {
            return ObjectRef.TopLevel(accessor.Table.ClassName, accessor.Identity);
        }

        var path = ImmutableArray.CreateBuilder<PathElement>();
        var current = accessor;
        while (current.Owner is { } owner)
        {
            path.Insert(0, owner.Realm.PathElementOf(current));
            current = owner;
        }

        return new ObjectRef(current.Table.ClassName, current.Identity, path.ToImmutable());
    }

    private void Fail(int start, ArgumentException e)
    {
        _changeset.Truncate(start);
        _failure ??= e;
    }
}

/// <summary>
/// Which rows changed, per table: what live objects, queries and collections look at to decide what to refresh and
/// which indices to report.
/// </summary>
internal sealed class ChangeSummary
{
    private readonly Dictionary<int, TableChanges> _tables = [];

    public bool IsEmpty => _tables.Count == 0;

    public IReadOnlyDictionary<int, TableChanges> Tables => _tables;

    public bool Touches(int tableId) => _tables.ContainsKey(tableId);

    public void Inserted(int tableId, long key) => For(tableId).Inserted.Add(key);

    public void Modified(int tableId, long key) => For(tableId).Modified.Add(key);

    public void Deleted(int tableId, long key)
    {
        var changes = For(tableId);
        changes.Deleted.Add(key);
        changes.Modified.Remove(key);
    }

    /// <summary>Any change to the table at all (including collections of its objects).</summary>
    public void TouchedTable(int tableId) => For(tableId);

    public bool IsModified(int tableId, long key) => _tables.TryGetValue(tableId, out var changes) && changes.Modified.Contains(key);

    public void Merge(ChangeSummary other)
    {
        foreach (var (id, changes) in other._tables)
        {
            var mine = For(id);
            mine.Inserted.UnionWith(changes.Inserted);
            mine.Modified.UnionWith(changes.Modified);
            mine.Deleted.UnionWith(changes.Deleted);
        }
    }

    private TableChanges For(int tableId)
    {
        if (!_tables.TryGetValue(tableId, out var changes))
        {
            changes = new TableChanges();
            _tables[tableId] = changes;
        }

        return changes;
    }
}

/// <summary>The changed row keys of one table.</summary>
internal sealed class TableChanges
{
    public HashSet<long> Inserted { get; } = [];

    public HashSet<long> Modified { get; } = [];

    public HashSet<long> Deleted { get; } = [];
}
