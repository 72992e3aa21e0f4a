using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using SourceGenSync.Server.Storage;

namespace SourceGenSync.Server.Sync.Flexible;

/// <summary>
/// Denied writes whose revert a client file may not have integrated yet (docs/protocol.md §11.4). The upload that
/// carried them is acknowledged, so a client that lost its connection before the revert batch would neither upload
/// them again nor be told to revert them: it would keep the denied changes for ever. A revert is integrated once the
/// file reconnects with a cursor at or past <c>through</c> (the head when the writes were denied: every batch that
/// reaches it was computed after the revert was queued, see <see cref="FlexibleDownloadSender.Hold"/>); until then
/// each Bind of the file sends the reverts again. Kept in memory per store: a server restart forgets them.
/// </summary>
internal sealed class PendingReverts
{
    // Bounds memory for files that never come back; past it the oldest reverts of the file are dropped.
    private const int MaxPerFile = 10_000;

    private static readonly ConditionalWeakTable<ISyncStore, PendingReverts> PerStore = new();

    private readonly ConcurrentDictionary<long, List<(long Through, (string Class, string Key) Key)>> _files = new();

    public static PendingReverts For(ISyncStore store) => PerStore.GetValue(store, static _ => new PendingReverts());

    public void Add(long ident, long through, IEnumerable<(string Class, string Key)> keys)
    {
        var list = _files.GetOrAdd(ident, static _ => []);
        lock (list)
        {
            list.AddRange(keys.Select(key => (through, key)));
            if (list.Count > MaxPerFile)
            {
                list.RemoveRange(0, list.Count - MaxPerFile);
            }
        }
    }

    /// <summary>At Bind: forgets the reverts the file integrated (through ≤ its cursor) and returns the others.</summary>
    public IReadOnlyList<(string Class, string Key)> Outstanding(long ident, long cursor)
    {
        if (!_files.TryGetValue(ident, out var list))
        {
            return [];
        }

        lock (list)
        {
            list.RemoveAll(r => r.Through <= cursor);
            if (list.Count == 0)
            {
                _files.TryRemove(KeyValuePair.Create(ident, list));
            }

            return [.. list.Select(static r => r.Key).Distinct()];
        }
    }
}
