using System;
using System.Collections;
using System.Collections.Generic;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Internal.Collections;

/// <summary>
/// A managed list property: rows <c>(owner, position, value[, aux])</c> of its side table, positions kept
/// contiguous from 0. Reads come from a snapshot taken once per realm generation; every write checks the
/// transaction and the owner, changes the rows, and records ListInsert / ListSet / ListErase / CollectionClear.
/// </summary>
internal sealed class ManagedList<T> : ManagedCollectionBase<T, T>, IList<T>
{
    private readonly string _insert;
    private readonly string _shiftUp;
    private readonly string _shiftDown;
    private readonly string _delete;
    private readonly string _update;
    private readonly string _valueAt;
    private readonly string _indexOf;
    private readonly string _clear;

    public ManagedList(Realm realm, ManagedAccessor owner, CollectionTableMap map)
        : base(realm, owner, map)
    {
        var table = map.QuotedName;
        _insert = map.HasAux
            ? $"INSERT INTO {table} (owner, position, value, aux) VALUES ($p0, $p1, $p2, $p3)"
            : $"INSERT INTO {table} (owner, position, value) VALUES ($p0, $p1, $p2)";
        _shiftUp = $"UPDATE {table} SET position = position + 1 WHERE owner = $p0 AND position >= $p1";
        _shiftDown = $"UPDATE {table} SET position = position - 1 WHERE owner = $p0 AND position > $p1";
        _delete = $"DELETE FROM {table} WHERE owner = $p0 AND position = $p1";
        _update = map.HasAux
            ? $"UPDATE {table} SET value = $p2, aux = $p3 WHERE owner = $p0 AND position = $p1"
            : $"UPDATE {table} SET value = $p2 WHERE owner = $p0 AND position = $p1";
        _valueAt = $"SELECT value FROM {table} WHERE owner = $p0 AND position = $p1";
        _indexOf = $"SELECT min(position) FROM {table} WHERE owner = $p0 AND {Core.ValueMatch("$p1", "$p2")}";
        _clear = $"DELETE FROM {table} WHERE owner = $p0";
    }

    public T this[int index]
    {
        get => ElementAt(index);
        set => Set(index, value);
    }

    protected override T ElementAt(int index)
    {
        var rows = Core.Rows();
        return (uint)index < (uint)rows.Count ? rows.Items[index] : throw OutOfRange(index, rows.Count);
    }

    public override IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Core.Rows().Items).GetEnumerator();

    public int IndexOf(T item)
    {
        Core.EnsureReadable();
        if (!Core.TryLookup(item, out var stored))
        {
            return -1;
        }

        return Core.Scalar(_indexOf, Core.Owner.Key, stored.Main, stored.Aux) is long position ? (int)position : -1;
    }

    public bool Contains(T item) => IndexOf(item) >= 0;

    public void CopyTo(T[] array, int arrayIndex) => Core.Rows().Items.CopyTo(array, arrayIndex);

    public void Add(T item) => InsertCore(-1, item);

    public void Insert(int index, T item)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        InsertCore(index, item);
    }

    /// <summary>Inserts at <paramref name="index"/>; -1 appends (one count query fewer for Add).</summary>
    private void InsertCore(int index, T item)
    {
        Core.BeginWrite();
        var count = Core.Count();
        if (index == -1)
        {
            index = count;
        }
        else if (index > count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The index must be at least 0 and at most {count} (the list's count).");
        }

        var stored = Core.Prepare(item);
        var owner = Core.Owner.Key;
        lock (Realm.Gate)
        {
            if (index < count)
            {
                Core.Execute(_shiftUp, owner, (long)index);
            }

            Core.Execute(_insert, Values(owner, index, stored));
            Core.CountIs(count + 1);
        }

        Core.Record(o => new ListInsert(o, Core.Field, index, stored.Payload));
        Core.FinishEmbedded(stored);
    }

    public void RemoveAt(int index)
    {
        Core.BeginWrite();
        var owner = Core.Owner.Key;
        var old = ValueAt(index, out var count);
        lock (Realm.Gate)
        {
            Core.Execute(_delete, owner, (long)index);
            Core.Execute(_shiftDown, owner, (long)index);
            Core.CountIs(count - 1);
        }

        Core.Record(o => new ListErase(o, Core.Field, index));
        if (Core.Kind == ElementKind.Embedded && old is long embedded)
        {
            Core.DeleteEmbedded([embedded]);
        }
    }

    public bool Remove(T item)
    {
        Core.BeginWrite();
        var index = IndexOf(item);
        if (index < 0)
        {
            return false;
        }

        RemoveAt(index);
        return true;
    }

    public void Clear()
    {
        Core.BeginWrite();
        var rows = Core.Rows();
        if (rows.Count == 0)
        {
            return;
        }

        Core.Execute(_clear, Core.Owner.Key);
        Core.Record(o => new CollectionClear(o, Core.Field));
        if (Core.Kind == ElementKind.Embedded)
        {
            Core.DeleteEmbedded(Array.ConvertAll(rows.Values, v => v.AsInt64()));
        }
    }

    /// <summary>Moves the element at <paramref name="from"/> to <paramref name="to"/> (recorded as ListErase + ListInsert).</summary>
    public void Move(int from, int to)
    {
        Core.BeginWrite();
        if (Core.Kind == ElementKind.Embedded)
        {
            throw new NotSupportedException($"Elements of '{Core.Map.OwnerClass}.{Core.Property.Name}' are embedded objects, which cannot be moved. Remove the element and insert a new object with its values instead.");
        }

        var rows = Core.Rows();
        if ((uint)from >= (uint)rows.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, $"The index must be at least 0 and less than {rows.Count} (the list's count).");
        }

        if ((uint)to >= (uint)rows.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The index must be at least 0 and less than {rows.Count} (the list's count).");
        }

        if (from == to)
        {
            return;
        }

        var owner = Core.Owner.Key;
        var table = Core.Table;
        lock (Realm.Gate)
        {
            // Park the element at -1, close the gap, open one at the destination, then drop it in: its row (and rowid) stays.
            Core.Execute($"UPDATE {table} SET position = -1 WHERE owner = $p0 AND position = $p1", owner, (long)from);
            Core.Execute(_shiftDown, owner, (long)from);
            Core.Execute(_shiftUp, owner, (long)to);
            Core.Execute($"UPDATE {table} SET position = $p1 WHERE owner = $p0 AND position = -1", owner, (long)to);
        }

        var payload = Core.PayloadOf(rows.Values[from]);
        Core.Record(o => new ListErase(o, Core.Field, from));
        Core.Record(o => new ListInsert(o, Core.Field, to, payload));
    }

    public override void ReplaceWith(IEnumerable items)
    {
        Clear();
        foreach (T item in items)
        {
            Add(item);
        }
    }

    protected override IList ItemsOf(CollectionRows<T> rows) => rows.Items;

    private void Set(int index, T item)
    {
        Core.BeginWrite();
        var old = ValueAt(index);
        var stored = Core.Prepare(item);
        Core.Execute(_update, Values(Core.Owner.Key, index, stored));
        Core.Record(o => new ListSet(o, Core.Field, index, stored.Payload));
        if (Core.Kind == ElementKind.Embedded && old is long embedded)
        {
            Core.DeleteEmbedded([embedded]);
        }

        Core.FinishEmbedded(stored);
    }

    /// <summary>The stored value at <paramref name="index"/> (for embedded elements, the row to delete); throws when out of range.</summary>
    private object? ValueAt(int index) => ValueAt(index, out _);

    private object? ValueAt(int index, out int count)
    {
        count = Core.Count();
        return (uint)index < (uint)count ? Core.Scalar(_valueAt, Core.Owner.Key, (long)index) : throw OutOfRange(index, count);
    }

    private object[] Values(long owner, int index, in StoredItem stored) =>
        Core.HasAux ? [owner, (long)index, stored.Main, stored.Aux] : [owner, (long)index, stored.Main];
}
