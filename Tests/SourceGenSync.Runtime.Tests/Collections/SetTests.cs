using System;
using System.Linq;

namespace SourceGenSync.Runtime.Tests.Collections;

public sealed class SetTests : IDisposable
{
    private readonly TempRealm _temp = new();
    private readonly Realm _realm;
    private readonly CollHolder _holder;

    public SetTests()
    {
        _realm = _temp.Open();
        _holder = _realm.Write(() => _realm.Add(new CollHolder { Id = "h" }));
    }

    public void Dispose() => _temp.Dispose();

    private void Fill(params int[] values) => _realm.Write(() =>
    {
        foreach (var value in values)
        {
            _holder.IntSet.Add(value);
        }
    });

    [Fact]
    public void Adding_a_duplicate_returns_false_and_keeps_one_copy()
    {
        var first = _realm.Write(() => _holder.IntSet.Add(5));
        var second = _realm.Write(() => _holder.IntSet.Add(5));

        Assert.True(first);
        Assert.False(second);
        Assert.Equal([5], _holder.IntSet);
        Assert.Equal(1, _temp.Count("SELECT count(*) FROM \"class_CollHolder.IntSet\""));
    }

    [Fact]
    public void Members_enumerate_in_insertion_order()
    {
        Fill(3, 1, 2);

        Assert.Equal([3, 1, 2], _holder.IntSet);
        Assert.Equal(1, _holder.IntSet.AsRealmCollection()[1]);
    }

    [Fact]
    public void Remove_reports_whether_the_member_was_there()
    {
        Fill(1, 2);

        Assert.True(_realm.Write(() => _holder.IntSet.Remove(1)));
        Assert.False(_realm.Write(() => _holder.IntSet.Remove(1)));
        Assert.Equal([2], _holder.IntSet);
    }

    [Fact]
    public void UnionWith_adds_only_new_members()
    {
        Fill(1, 2);
        _realm.Write(() => _holder.IntSet.UnionWith([2, 3, 3, 4]));

        Assert.Equal([1, 2, 3, 4], _holder.IntSet);
    }

    [Fact]
    public void IntersectWith_keeps_only_common_members()
    {
        Fill(1, 2, 3, 4);
        _realm.Write(() => _holder.IntSet.IntersectWith([4, 2, 9]));

        Assert.Equal([2, 4], _holder.IntSet);
    }

    [Fact]
    public void ExceptWith_removes_the_other_members()
    {
        Fill(1, 2, 3);
        _realm.Write(() => _holder.IntSet.ExceptWith([1, 3, 5]));

        Assert.Equal([2], _holder.IntSet);
    }

    [Fact]
    public void SymmetricExceptWith_toggles_membership()
    {
        Fill(1, 2, 3);
        _realm.Write(() => _holder.IntSet.SymmetricExceptWith([2, 4, 4]));

        Assert.Equal([1, 3, 4], _holder.IntSet.Order());
    }

    [Fact]
    public void Comparisons_follow_set_semantics()
    {
        Fill(1, 2, 3);
        var set = _holder.IntSet;

        Assert.True(set.IsSubsetOf([1, 2, 3, 4]));
        Assert.True(set.IsSubsetOf([3, 2, 1]));
        Assert.False(set.IsSubsetOf([1, 2]));
        Assert.True(set.IsProperSubsetOf([1, 2, 3, 4]));
        Assert.False(set.IsProperSubsetOf([1, 2, 3]));
        Assert.True(set.IsSupersetOf([1, 3]));
        Assert.True(set.IsProperSupersetOf([1, 3]));
        Assert.False(set.IsProperSupersetOf([1, 2, 3, 3]));
        Assert.True(set.Overlaps([9, 3]));
        Assert.False(set.Overlaps([9, 8]));
        Assert.True(set.SetEquals([3, 1, 2, 2]));
        Assert.False(set.SetEquals([1, 2]));
    }

    [Fact]
    public void A_mixed_set_tells_values_of_different_types_apart()
    {
        _realm.Write(() =>
        {
            Assert.True(_holder.MixedSet.Add(1L));
            Assert.True(_holder.MixedSet.Add(1.0d));
            Assert.True(_holder.MixedSet.Add("1"));
            Assert.True(_holder.MixedSet.Add(true));
            Assert.True(_holder.MixedSet.Add(RealmValue.Null));
            Assert.False(_holder.MixedSet.Add(1L));
            Assert.False(_holder.MixedSet.Add(RealmValue.Null));
        });

        Assert.Equal(5, _holder.MixedSet.Count);
        Assert.Contains((RealmValue)1.0d, _holder.MixedSet);
        Assert.DoesNotContain((RealmValue)2L, _holder.MixedSet);
    }

    [Fact]
    public void Byte_array_and_decimal_members_compare_by_value()
    {
        _realm.Write(() =>
        {
            Assert.True(_holder.BlobSet.Add([1, 2, 3]));
            Assert.False(_holder.BlobSet.Add([1, 2, 3]));
            Assert.True(_holder.DecimalSet.Add(1.5m));
            Assert.False(_holder.DecimalSet.Add(1.50m));
        });

        Assert.Contains(new byte[] { 1, 2, 3 }, _holder.BlobSet);
        Assert.Single(_holder.DecimalSet);
    }

    [Fact]
    public void Clear_empties_the_set()
    {
        Fill(1, 2);
        _realm.Write(() => _holder.IntSet.Clear());

        Assert.Empty(_holder.IntSet);
    }
}
