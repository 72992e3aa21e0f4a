using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Internal.Collections;

/// <summary>
/// A managed dictionary property: rows <c>(owner, key, value[, aux])</c> of its side table, unique by key,
/// enumerated in ordinal key order. The indexer upserts (DictionarySet), <see cref="Add(string, T)"/> refuses an existing
/// key, keys cannot be null. An object value whose object is removed becomes null (the entry stays).
/// </summary>
internal sealed class ManagedDictionary<T> : ManagedCollectionBase<KeyValuePair<string, T>, T>, IDictionary<string, T>, IReadOnlyDictionary<string, T>
{
    private readonly string _upsert;
    private readonly string _valueOf;
    private readonly string _hasKey;
    private readonly string _delete;
    private readonly string _clear;

    public ManagedDictionary(Realm realm, ManagedAccessor owner, CollectionTableMap map)
        : base(realm, owner, map)
    {
        var table = map.QuotedName;
        _upsert = map.HasAux
            ? $"INSERT INTO {table} (owner, key, value, aux) VALUES ($p0, $p1, $p2, $p3) ON CONFLICT (owner, key) DO UPDATE SET value = excluded.value, aux = excluded.aux"
            : $"INSERT INTO {table} (owner, key, value) VALUES ($p0, $p1, $p2) ON CONFLICT (owner, key) DO UPDATE SET value = excluded.value";
        _valueOf = $"SELECT value FROM {table} WHERE owner = $p0 AND key = $p1";
        _hasKey = $"SELECT count(*) FROM {table} WHERE owner = $p0 AND key = $p1";
        _delete = $"DELETE FROM {table} WHERE owner = $p0 AND key = $p1";
        _clear = $"DELETE FROM {table} WHERE owner = $p0";
    }

    public T this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The dictionary '{Core.Map.OwnerClass}.{Core.Property.Name}' has no key '{key}'.");
        set => Set(key, value, mustBeNew: false);
    }

    public ICollection<string> Keys => new ReadOnlyCollection<string>(Core.Rows().Keys!);

    public ICollection<T> Values => new ReadOnlyCollection<T>(Core.Rows().Items);

    IEnumerable<string> IReadOnlyDictionary<string, T>.Keys => Keys;

    IEnumerable<T> IReadOnlyDictionary<string, T>.Values => Values;

    protected override KeyValuePair<string, T> ElementAt(int index)
    {
        var rows = Core.Rows();
        return (uint)index < (uint)rows.Count ? new(rows.Keys![index], rows.Items[index]) : throw OutOfRange(index, rows.Count);
    }

    public override IEnumerator<KeyValuePair<string, T>> GetEnumerator()
    {
        var rows = Core.Rows();
        for (var i = 0; i < rows.Count; i++)
        {
            yield return new KeyValuePair<string, T>(rows.Keys![i], rows.Items[i]);
        }
    }

    public bool ContainsKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Core.Rows().IndexOfKey(key) >= 0;
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var rows = Core.Rows();
        var index = rows.IndexOfKey(key);
        if (index < 0)
        {
            value = default;
            return false;
        }

        value = rows.Items[index];
        return true;
    }

    public bool Contains(KeyValuePair<string, T> item)
    {
        ArgumentNullException.ThrowIfNull(item.Key);
        var rows = Core.Rows();
        var index = rows.IndexOfKey(item.Key);
        return index >= 0 && Core.TryLookup(item.Value, out var stored) && stored.Value.Equals(rows.Values[index]);
    }

    public void CopyTo(KeyValuePair<string, T>[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        foreach (var pair in this)
        {
            array[arrayIndex++] = pair;
        }
    }

    /// <summary>Adds an entry; an existing key is an error (use the indexer to replace).</summary>
    public void Add(string key, T value) => Set(key, value, mustBeNew: true);

    public void Add(KeyValuePair<string, T> item) => Add(item.Key, item.Value);

    public bool Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Core.BeginWrite();
        var old = Core.Kind == ElementKind.Embedded ? Core.Scalar(_valueOf, Core.Owner.Key, key) : null;
        if (Core.Execute(_delete, Core.Owner.Key, key) == 0)
        {
            return false;
        }

        Core.Record(o => new DictionaryErase(o, Core.Field, key));
        if (old is long embedded)
        {
            Core.DeleteEmbedded([embedded]);
        }

        return true;
    }

    public bool Remove(KeyValuePair<string, T> item)
    {
        Core.BeginWrite();
        return Contains(item) && Remove(item.Key);
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
            var keys = new List<long>();
            foreach (var value in rows.Values)
            {
                if (!value.IsNull)
                {
                    keys.Add(value.AsInt64());
                }
            }

            Core.DeleteEmbedded(keys);
        }
    }

    public override void ReplaceWith(IEnumerable items)
    {
        Clear();
        foreach (KeyValuePair<string, T> item in items)
        {
            Set(item.Key, item.Value, mustBeNew: false);
        }
    }

    /// <summary>Subscribes to changes reported by key (inserted, modified, deleted keys).</summary>
    public IDisposable SubscribeForKeyNotifications(DictionaryNotificationCallbackDelegate<T> callback)
    {
        Core.EnsureReadable();
        return Notifier.SubscribeForKeys(this, callback);
    }

    protected override IList ItemsOf(CollectionRows<T> rows)
    {
        var items = new KeyValuePair<string, T>[rows.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new KeyValuePair<string, T>(rows.Keys![i], rows.Items[i]);
        }

        return items;
    }

    private void Set(string key, T value, bool mustBeNew)
    {
        ArgumentNullException.ThrowIfNull(key);
        Core.BeginWrite();
        var old = Core.Kind == ElementKind.Embedded ? Core.Scalar(_valueOf, Core.Owner.Key, key) : null;
        if (mustBeNew && Core.Scalar(_hasKey, Core.Owner.Key, key) is long count && count > 0)
        {
            throw new ArgumentException($"The dictionary '{Core.Map.OwnerClass}.{Core.Property.Name}' already has the key '{key}'. Use the indexer to replace its value.", nameof(key));
        }

        var stored = Core.Prepare(value);
        Core.Execute(_upsert, Core.HasAux ? [Core.Owner.Key, key, stored.Main, stored.Aux] : [Core.Owner.Key, key, stored.Main]);
        Core.Record(o => new DictionarySet(o, Core.Field, key, stored.Payload));
        if (Core.Kind == ElementKind.Embedded && old is long embedded)
        {
            Core.DeleteEmbedded([embedded]);
        }

        Core.FinishEmbedded(stored);
    }
}
