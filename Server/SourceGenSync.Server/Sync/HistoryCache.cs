using System.Collections.Generic;
using SourceGenSync.Server.Storage;

namespace SourceGenSync.Server.Sync;

/// <summary>
/// The most recent history entries of one realm, in memory: most downloads are of changesets integrated a moment
/// ago, and with many sessions on one realm each would otherwise read the same rows from SQLite. Holds a
/// contiguous range ending at the head, bounded by entry count and bytes.
/// </summary>
internal sealed class HistoryCache
{
    private readonly int _maxEntries;
    private readonly long _maxBytes;
    private readonly LinkedList<HistoryEntry> _entries = new();
    private readonly object _gate = new();
    private long _bytes;

    public HistoryCache(int maxEntries = 8192, long maxBytes = 32L * 1024 * 1024)
    {
        _maxEntries = maxEntries;
        _maxBytes = maxBytes;
    }

    /// <summary>Appends entries that directly follow the cached range (others reset it).</summary>
    public void Append(IReadOnlyList<HistoryEntry> entries)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                if (_entries.Last is { } last && last.Value.ServerVersion + 1 != entry.ServerVersion)
                {
                    _entries.Clear();
                    _bytes = 0;
                }

                _entries.AddLast(entry);
                _bytes += entry.Data.Length;
            }

            while (_entries.Count > _maxEntries || (_bytes > _maxBytes && _entries.Count > 1))
            {
                _bytes -= _entries.First!.Value.Data.Length;
                _entries.RemoveFirst();
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _bytes = 0;
        }
    }

    /// <summary>Total changeset bytes in (after, upTo] if the cache covers the range; null when the store must be asked.</summary>
    public long? TryMeasure(long after, long upTo)
    {
        lock (_gate)
        {
            if (_entries.First is not { } first || first.Value.ServerVersion > after + 1 || _entries.Last!.Value.ServerVersion < upTo)
            {
                return null;
            }

            long bytes = 0;
            for (var node = _entries.Last; node is not null && node.Value.ServerVersion > after; node = node.Previous)
            {
                if (node.Value.ServerVersion <= upTo)
                {
                    bytes += node.Value.Data.Length;
                }
            }

            return bytes;
        }
    }

    /// <summary>Entries in (after, upTo] if the cache covers all of them; null when the store must be asked.</summary>
    public List<HistoryEntry>? TryRead(long after, long upTo, long maxBytes)
    {
        lock (_gate)
        {
            if (_entries.First is not { } first || first.Value.ServerVersion > after + 1 || _entries.Last!.Value.ServerVersion < upTo)
            {
                return null;
            }

            var result = new List<HistoryEntry>();
            long bytes = 0;
            // Walk from the end when the wanted range is near the head (the common case).
            var node = _entries.Last;
            while (node is not null && node.Value.ServerVersion > after + 1)
            {
                node = node.Previous;
            }

            for (; node is not null && node.Value.ServerVersion <= upTo && bytes < maxBytes; node = node.Next)
            {
                if (node.Value.ServerVersion > after)
                {
                    result.Add(node.Value);
                    bytes += node.Value.Data.Length;
                }
            }

            return result;
        }
    }
}
