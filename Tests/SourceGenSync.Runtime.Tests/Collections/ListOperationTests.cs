using System;
using System.Linq;

namespace SourceGenSync.Runtime.Tests.Collections;

public sealed class ListOperationTests : IDisposable
{
    private readonly TempRealm _temp = new();
    private readonly Realm _realm;
    private readonly CollHolder _holder;

    public ListOperationTests()
    {
        _realm = _temp.Open();
        _holder = _realm.Write(() => _realm.Add(new CollHolder { Id = "h" }));
    }

    public void Dispose() => _temp.Dispose();

    private void Fill(params string[] values) => _realm.Write(() =>
    {
        foreach (var value in values)
        {
            _holder.Strings.Add(value);
        }
    });

    /// <summary>The stored positions of the list, which must stay 0..n-1.</summary>
    private long[] Positions()
    {
        var count = _temp.Count("SELECT count(*) FROM \"class_CollHolder.Strings\"");
        var max = count == 0 ? -1 : _temp.Count("SELECT max(position) FROM \"class_CollHolder.Strings\"");
        var distinct = _temp.Count("SELECT count(DISTINCT position) FROM \"class_CollHolder.Strings\"");
        return [count, max, distinct];
    }

    [Fact]
    public void Insert_shifts_later_elements_up_and_keeps_positions_contiguous()
    {
        Fill("a", "c");
        _realm.Write(() =>
        {
            _holder.Strings.Insert(1, "b");
            _holder.Strings.Insert(0, "start");
            _holder.Strings.Insert(4, "end");
        });

        Assert.Equal(["start", "a", "b", "c", "end"], _holder.Strings);
        Assert.Equal([5, 4, 5], Positions());
    }

    [Fact]
    public void RemoveAt_shifts_later_elements_down()
    {
        Fill("a", "b", "c", "d");
        _realm.Write(() => _holder.Strings.RemoveAt(1));

        Assert.Equal(["a", "c", "d"], _holder.Strings);
        Assert.Equal([3, 2, 3], Positions());
    }

    [Fact]
    public void Remove_deletes_the_first_equal_element_and_reports_whether_it_found_one()
    {
        Fill("a", "b", "a");
        var removed = _realm.Write(() => _holder.Strings.Remove("a"));
        var missing = _realm.Write(() => _holder.Strings.Remove("zzz"));

        Assert.True(removed);
        Assert.False(missing);
        Assert.Equal(["b", "a"], _holder.Strings);
    }

    [Fact]
    public void Indexer_set_replaces_the_element_in_place()
    {
        Fill("a", "b", "c");
        _realm.Write(() => _holder.Strings[1] = "B");

        Assert.Equal(["a", "B", "c"], _holder.Strings);
    }

    [Fact]
    public void Clear_empties_the_list()
    {
        Fill("a", "b");
        _realm.Write(() => _holder.Strings.Clear());

        Assert.Empty(_holder.Strings);
        Assert.Equal(0, _temp.Count("SELECT count(*) FROM \"class_CollHolder.Strings\""));
    }

    [Theory]
    [InlineData(0, 3, new[] { "b", "c", "d", "a", "e" })]
    [InlineData(4, 1, new[] { "a", "e", "b", "c", "d" })]
    [InlineData(2, 2, new[] { "a", "b", "c", "d", "e" })]
    public void Move_reorders_the_list(int from, int to, string[] expected)
    {
        Fill("a", "b", "c", "d", "e");
        _realm.Write(() => _holder.Strings.Move(from, to));

        Assert.Equal(expected, _holder.Strings);
        Assert.Equal([5, 4, 5], Positions());
    }

    [Fact]
    public void Move_on_an_unmanaged_list_removes_and_reinserts()
    {
        var unmanaged = new CollHolder();
        unmanaged.Strings.Add("a");
        unmanaged.Strings.Add("b");
        unmanaged.Strings.Add("c");
        unmanaged.Strings.Move(0, 2);

        Assert.Equal(["b", "c", "a"], unmanaged.Strings);
    }

    [Fact]
    public void IndexOf_and_Contains_compare_stored_values()
    {
        Fill("a", "b", "c");

        Assert.Equal(2, _holder.Strings.IndexOf("c"));
        Assert.Equal(-1, _holder.Strings.IndexOf("x"));
        Assert.Contains("b", _holder.Strings);
        Assert.False(_holder.Strings.Contains("B"));
    }

    [Fact]
    public void Out_of_range_indices_throw()
    {
        Fill("a");

        Assert.Throws<ArgumentOutOfRangeException>(() => _holder.Strings[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => _holder.Strings[-1]);
        _realm.Write(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => _holder.Strings.Insert(2, "x"));
            Assert.Throws<ArgumentOutOfRangeException>(() => _holder.Strings.Insert(-1, "x"));
            Assert.Throws<ArgumentOutOfRangeException>(() => _holder.Strings.RemoveAt(1));
            Assert.Throws<ArgumentOutOfRangeException>(() => _holder.Strings[5] = "x");
            Assert.Throws<ArgumentOutOfRangeException>(() => _holder.Strings.Move(0, 1));
        });
        Assert.Equal(["a"], _holder.Strings);
    }

    [Fact]
    public void Null_is_rejected_in_a_list_of_non_nullable_strings_but_kept_in_a_nullable_one()
    {
        _realm.Write(() =>
        {
            Assert.Throws<ArgumentNullException>(() => _holder.Strings.Add(null!));
            _holder.NullableStrings.Add(null);
        });

        Assert.Empty(_holder.Strings);
        Assert.Equal([null], _holder.NullableStrings);
    }

    [Fact]
    public void Enumerating_while_removing_sees_the_list_as_it_was_when_enumeration_began()
    {
        Fill("a", "b", "c");
        _realm.Write(() =>
        {
            foreach (var value in _holder.Strings)
            {
                _holder.Strings.Remove(value);
            }
        });

        Assert.Empty(_holder.Strings);
    }

    [Fact]
    public void Changes_are_visible_to_the_same_list_instance_and_to_LINQ_inside_the_transaction()
    {
        var list = _holder.Ints;
        _realm.Write(() =>
        {
            list.Add(3);
            list.Add(1);
            Assert.Equal(2, list.Count);
            Assert.Equal(4, list.Sum());
            list[0] = 10;
            Assert.Equal(11, list.Sum());
        });

        Assert.Equal([10, 1], list);
        Assert.Equal(10, list.Max());
    }

    [Fact]
    public void CopyTo_copies_the_elements_in_order()
    {
        Fill("a", "b");
        var target = new string[3];
        _holder.Strings.CopyTo(target, 1);

        Assert.Equal(new string?[] { null, "a", "b" }, target);
    }
}
