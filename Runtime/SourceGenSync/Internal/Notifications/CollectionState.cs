using System.Collections;

namespace SourceGenSync.Internal.Notifications;

/// <summary>
/// A live collection's content as notifications compare it: one unique key per element (a row key for query
/// results, the side-table rowid for a collection's element), plus what decides whether a kept element changed.
/// </summary>
internal sealed class CollectionState
{
    public CollectionState(long[] keys, RealmValue[]? values, long[]? targetKeys, int targetTable, IList? items, string[]? dictionaryKeys = null)
    {
        Keys = keys;
        Values = values;
        TargetKeys = targetKeys;
        TargetTable = targetTable;
        Items = items;
        DictionaryKeys = dictionaryKeys;
    }

    /// <summary>Set by the notifier: later captures have higher numbers (a delivery never goes back to an older state).</summary>
    public long Sequence { get; set; }

    /// <summary>Unique per element and stable while it stays; the order is the collection's.</summary>
    public long[] Keys { get; }

    /// <summary>What each element holds (primitive value, link identity, embedded key): a different value under the same key is a replacement.</summary>
    public RealmValue[]? Values { get; }

    /// <summary>
    /// The row in <see cref="TargetTable"/> whose modification counts as the element's (-1: none). Null means the
    /// key itself (query results).
    /// </summary>
    public long[]? TargetKeys { get; }

    /// <summary>The table whose modified rows are checked (-1 for primitive elements).</summary>
    public int TargetTable { get; }

    /// <summary>The elements, when collection-changed events need them.</summary>
    public IList? Items { get; }

    /// <summary>For dictionaries: the key of each element.</summary>
    public string[]? DictionaryKeys { get; }

    public int Count => Keys.Length;

    public long TargetKeyAt(int index) => TargetKeys is null ? Keys[index] : TargetKeys[index];
}
