using System.Collections.Generic;
using SourceGenSync.Changesets;

namespace SourceGenSync.Internal.Collections;

/// <summary>
/// A collection's content at one realm generation, in collection order (lists by position, sets by insertion,
/// dictionaries by key). Immutable once built, so readers on other threads and enumerations in progress never
/// see it change; a write makes the next read build a new one.
/// </summary>
internal sealed class CollectionRows<T>
{
    private Dictionary<string, int>? _keyIndex;

    public CollectionRows(long generation, long[] rowIds, RealmValue[] values, long[]? targetKeys, string[]? keys, T[] items)
    {
        Generation = generation;
        RowIds = rowIds;
        Values = values;
        TargetKeys = targetKeys;
        Keys = keys;
        Items = items;
    }

    public long Generation { get; }

    /// <summary>The side table's rowids: stable while an element stays (a position shift or an update keeps it).</summary>
    public long[] RowIds { get; }

    /// <summary>What each element is: its value, a link's target identity, or an embedded object's row key.</summary>
    public RealmValue[] Values { get; }

    /// <summary>For object elements: the row key of the object (-1 for a null dictionary value).</summary>
    public long[]? TargetKeys { get; }

    /// <summary>For dictionaries: the keys, sorted.</summary>
    public string[]? Keys { get; }

    public T[] Items { get; }

    public int Count => RowIds.Length;

    public int IndexOfKey(string key)
    {
        var index = _keyIndex;
        if (index is null)
        {
            index = new Dictionary<string, int>(Keys!.Length, System.StringComparer.Ordinal);
            for (var i = 0; i < Keys.Length; i++)
            {
                index[Keys[i]] = i;
            }

            _keyIndex = index;
        }

        return index.TryGetValue(key, out var found) ? found : -1;
    }
}

/// <summary>An element ready to be written: its stored form, what the changeset records, and an embedded row waiting for its owner.</summary>
internal readonly record struct StoredItem(object Main, object Aux, Payload Payload, RealmValue Value, Objects.PendingEmbedded? Pending);
