using System.Collections;
using System.Collections.Generic;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Internal.Collections;

/// <summary>
/// A managed set property: rows <c>(owner, value[, aux])</c> of its side table, in insertion order (rowid).
/// Membership compares stored values (mixed values by value and type, objects by identity); adding a member
/// that is there already changes nothing and records nothing. Writes record SetInsert / SetErase / CollectionClear.
/// </summary>
internal sealed partial class ManagedSet<T> : ManagedCollectionBase<T, T>, ISet<T>
{
    private readonly string _insert;
    private readonly string _delete;
    private readonly string _exists;
    private readonly string _clear;

    public ManagedSet(Realm realm, ManagedAccessor owner, CollectionTableMap map)
        : base(realm, owner, map)
    {
        var table = map.QuotedName;
        _insert = map.HasAux
            ? $"INSERT INTO {table} (owner, value, aux) VALUES ($p0, $p1, $p2)"
            : $"INSERT INTO {table} (owner, value) VALUES ($p0, $p1)";
        _delete = $"DELETE FROM {table} WHERE owner = $p0 AND {Core.ValueMatch("$p1", "$p2")}";
        _exists = $"SELECT EXISTS (SELECT 1 FROM {table} WHERE owner = $p0 AND {Core.ValueMatch("$p1", "$p2")})";
        _clear = $"DELETE FROM {table} WHERE owner = $p0";
    }

    protected override T ElementAt(int index)
    {
        var rows = Core.Rows();
        return (uint)index < (uint)rows.Count ? rows.Items[index] : throw OutOfRange(index, rows.Count);
    }

    public override IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Core.Rows().Items).GetEnumerator();

    public bool Contains(T item)
    {
        Core.EnsureReadable();
        return Core.TryLookup(item, out var stored) && Exists(stored);
    }

    public void CopyTo(T[] array, int arrayIndex) => Core.Rows().Items.CopyTo(array, arrayIndex);

    void ICollection<T>.Add(T item) => Add(item);

    /// <summary>Adds <paramref name="item"/> unless it is a member already; an unmanaged object is added to the realm first.</summary>
    public bool Add(T item)
    {
        Core.BeginWrite();
        // An item without a stored form yet (an unmanaged object) cannot be a member: Prepare adds it to the realm.
        if (Core.TryLookup(item, out var existing) && Exists(existing))
        {
            return false;
        }

        var stored = Core.Prepare(item);

        Core.Execute(_insert, Core.HasAux ? [Core.Owner.Key, stored.Main, stored.Aux] : [Core.Owner.Key, stored.Main]);
        Core.Record(o => new SetInsert(o, Core.Field, stored.Payload));
        Core.FinishEmbedded(stored);
        return true;
    }

    public bool Remove(T item)
    {
        Core.BeginWrite();
        return Core.TryLookup(item, out var stored) && RemoveStored(stored);
    }

    public void Clear()
    {
        Core.BeginWrite();
        if (Core.Count() == 0)
        {
            return;
        }

        Core.Execute(_clear, Core.Owner.Key);
        Core.Record(o => new CollectionClear(o, Core.Field));
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

    private bool Exists(in StoredItem stored) => Core.Scalar(_exists, Core.Owner.Key, stored.Main, stored.Aux) is long found && found != 0;

    private bool RemoveStored(in StoredItem stored)
    {
        if (Core.Execute(_delete, Core.Owner.Key, stored.Main, stored.Aux) == 0)
        {
            return false;
        }

        var payload = stored.Payload;
        Core.Record(o => new SetErase(o, Core.Field, payload));
        return true;
    }
}
