using System.Collections.Immutable;
using System.Linq;
using SourceGenSync.Generators.Model;

namespace SourceGenSync.Generators.Tests;

/// <summary>The pipeline's only collection type: it must compare by content or nothing stays cached.</summary>
public sealed class EquatableArrayTests
{
    [Fact]
    public void Arrays_with_equal_items_are_equal_and_hash_alike()
    {
        var left = new EquatableArray<string>(new string[] { "a", "b" });
        var right = new[] { "a", "b" }.ToEquatableArray();

        Assert.True(left.Equals(right));
        Assert.True(left == right);
        Assert.False(left != right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
        Assert.True(left.Equals((object)right));
    }

    [Fact]
    public void Arrays_differing_in_an_item_or_its_order_are_not_equal()
    {
        var items = new EquatableArray<string>(new string[] { "a", "b" });

        Assert.NotEqual(items, new EquatableArray<string>(new string[] { "a", "c" }));
        Assert.NotEqual(items, new EquatableArray<string>(new string[] { "b", "a" }));
        Assert.NotEqual(items.GetHashCode(), new EquatableArray<string>(new string[] { "b", "a" }).GetHashCode());
    }

    [Fact]
    public void Arrays_of_different_lengths_are_not_equal()
    {
        Assert.NotEqual(new EquatableArray<string>(new string[] { "a" }), new EquatableArray<string>(new string[] { "a", "a" }));
    }

    [Fact]
    public void Default_empty_and_default_immutable_array_are_all_equal_and_empty()
    {
        var fromDefault = default(EquatableArray<int>);
        var fromEmpty = new EquatableArray<int>(System.Array.Empty<int>());
        var fromDefaultImmutable = new EquatableArray<int>(default(ImmutableArray<int>));

        Assert.Equal(fromDefault, fromEmpty);
        Assert.Equal(fromDefault, fromDefaultImmutable);
        Assert.True(fromDefault.IsEmpty);
        Assert.Empty(fromDefault);
        Assert.Equal(fromDefault.GetHashCode(), fromEmpty.GetHashCode());
        Assert.Equal(EquatableArray<int>.Empty, fromEmpty);
    }

    [Fact]
    public void Records_holding_equal_arrays_are_equal()
    {
        var first = new HierarchyInfo("N", new EquatableArray<ContainingTypeInfo>(new ContainingTypeInfo[] { new ContainingTypeInfo("class", "Outer", false) }));
        var second = new HierarchyInfo("N", new EquatableArray<ContainingTypeInfo>(new ContainingTypeInfo[] { new ContainingTypeInfo("class", "Outer", false) }));

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, second with { ContainingTypes = EquatableArray<ContainingTypeInfo>.Empty });
    }

    [Fact]
    public void Null_items_take_part_in_equality()
    {
        Assert.Equal(new EquatableArray<string>(new string[] { null!, "x" }), new EquatableArray<string>(new string[] { null!, "x" }));
        Assert.NotEqual(new EquatableArray<string>(new string[] { null!, "x" }), new EquatableArray<string>(new string[] { "x", "x" }));
    }

    [Fact]
    public void Indexer_count_and_enumeration_expose_the_items_in_order()
    {
        var items = ImmutableArray.Create(3, 1, 2).ToEquatableArray();

        Assert.Equal(3, items.Count);
        Assert.Equal(1, items[1]);
        Assert.Equal([3, 1, 2], items.ToArray());
        Assert.Equal([3, 1, 2], items.AsSpan().ToArray());
    }

    [Fact]
    public void Copying_from_an_immutable_array_is_not_affected_by_the_source_array()
    {
        var source = new[] { 1, 2 };
        var items = ImmutableArray.Create(source).ToEquatableArray();
        source[0] = 99;

        Assert.Equal([1, 2], items.ToArray());
    }
}
