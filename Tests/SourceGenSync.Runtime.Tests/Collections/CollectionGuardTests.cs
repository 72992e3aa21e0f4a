using System;
using System.Linq;

namespace SourceGenSync.Runtime.Tests.Collections;

/// <summary>Writes need a transaction, collections of removed objects or closed realms refuse use, rollbacks restore.</summary>
public sealed class CollectionGuardTests : IDisposable
{
    private readonly TempRealm _temp = new();
    private readonly Realm _realm;
    private readonly CollHolder _holder;

    public CollectionGuardTests()
    {
        _realm = _temp.Open();
        _holder = _realm.Write(() =>
        {
            var holder = _realm.Add(new CollHolder { Id = "h" });
            holder.Ints.Add(1);
            holder.IntSet.Add(1);
            holder.IntMap["a"] = 1;
            return holder;
        });
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void List_writes_outside_a_transaction_throw()
    {
        Assert.Throws<RealmInvalidTransactionException>(() => _holder.Ints.Add(2));
        Assert.Throws<RealmInvalidTransactionException>(() => _holder.Ints.Insert(0, 2));
        Assert.Throws<RealmInvalidTransactionException>(() => _holder.Ints[0] = 2);
        Assert.Throws<RealmInvalidTransactionException>(() => _holder.Ints.RemoveAt(0));
        Assert.Throws<RealmInvalidTransactionException>(() => _holder.Ints.Remove(1));
        Assert.Throws<RealmInvalidTransactionException>(() => _holder.Ints.Clear());
        Assert.Throws<RealmInvalidTransactionException>(() => _holder.Ints.Move(0, 0));
        Assert.Equal([1], _holder.Ints);
    }

    [Fact]
    public void Set_and_dictionary_writes_outside_a_transaction_throw()
    {
        Assert.Throws<RealmInvalidTransactionException>(() => _holder.IntSet.Add(2));
        Assert.Throws<RealmInvalidTransactionException>(() => _holder.IntSet.Remove(1));
        Assert.Throws<RealmInvalidTransactionException>(() => _holder.IntSet.UnionWith([5]));
        Assert.Throws<RealmInvalidTransactionException>(() => _holder.IntMap["b"] = 2);
        Assert.Throws<RealmInvalidTransactionException>(() => _holder.IntMap.Add("b", 2));
        Assert.Throws<RealmInvalidTransactionException>(() => _holder.IntMap.Remove("a"));
        Assert.Throws<RealmInvalidTransactionException>(() => _holder.IntMap.Clear());
        Assert.Equal([1], _holder.IntSet);
        Assert.Single(_holder.IntMap);
    }

    [Fact]
    public void Collections_of_a_removed_object_throw_RealmInvalidObjectException()
    {
        var list = _holder.Ints;
        var set = _holder.IntSet;
        var map = _holder.IntMap;
        _realm.Write(() => _realm.Remove(_holder));

        Assert.False(list.AsRealmCollection().IsValid);
        Assert.Throws<RealmInvalidObjectException>(() => list.Count);
        Assert.Throws<RealmInvalidObjectException>(() => list[0]);
        Assert.Throws<RealmInvalidObjectException>(() => list.ToList());
        Assert.Throws<RealmInvalidObjectException>(() => set.Contains(1));
        Assert.Throws<RealmInvalidObjectException>(() => map["a"]);
        _realm.Write(() =>
        {
            Assert.Throws<RealmInvalidObjectException>(() => list.Add(2));
            Assert.Throws<RealmInvalidObjectException>(() => set.Add(2));
            Assert.Throws<RealmInvalidObjectException>(() => map["b"] = 2);
        });
    }

    [Fact]
    public void Collections_of_a_closed_realm_throw_RealmInvalidObjectException()
    {
        var list = _holder.Ints;
        _realm.Dispose();

        Assert.False(list.AsRealmCollection().IsValid);
        Assert.Throws<RealmInvalidObjectException>(() => list.Count);
    }

    [Fact]
    public void Rollback_restores_every_kind_of_collection()
    {
        using (var transaction = _realm.BeginWrite())
        {
            _holder.Ints.Add(2);
            _holder.Ints[0] = 100;
            _holder.IntSet.Clear();
            _holder.IntMap["b"] = 2;
            _holder.IntMap.Remove("a");
            _holder.Items.Add(new CollItem { Id = 1, Name = "gone" });
            Assert.Equal([100, 2], _holder.Ints);
            transaction.Rollback();
        }

        Assert.Equal([1], _holder.Ints);
        Assert.Equal([1], _holder.IntSet);
        Assert.Equal(["a"], _holder.IntMap.Keys);
        Assert.Empty(_holder.Items);
        Assert.Null(_realm.Find<CollItem>(1));
    }

    [Fact]
    public void A_failed_Write_keeps_nothing_it_did_to_collections()
    {
        Assert.Throws<InvalidOperationException>(() => _realm.Write(() =>
        {
            _holder.Ints.Clear();
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal([1], _holder.Ints);
    }

    [Fact]
    public void Collections_of_a_frozen_realm_are_readable_but_not_writable()
    {
        using var frozen = _realm.Freeze();
        var holder = frozen.Find<CollHolder>("h")!;

        Assert.Equal([1], holder.Ints);
        Assert.True(holder.Ints.IsReadOnly);
        Assert.Throws<RealmReadOnlyException>(() => holder.Ints.Add(2));
        _realm.Write(() => _holder.Ints.Add(2));
        Assert.Equal([1], holder.Ints);
    }

    [Fact]
    public void AsRealmCollection_of_an_unmanaged_collection_throws()
    {
        var unmanaged = new CollHolder();

        Assert.Throws<ArgumentException>(() => unmanaged.Ints.AsRealmCollection());
        Assert.Throws<ArgumentException>(() => unmanaged.IntMap.SubscribeForKeyNotifications((_, _) => { }));
    }
}
