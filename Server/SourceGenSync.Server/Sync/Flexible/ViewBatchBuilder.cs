using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using SourceGenSync.Server.Storage;
using SourceGenSync.Server.Sync.Merge;

namespace SourceGenSync.Server.Sync.Flexible;

/// <summary>
/// Computes a flexible session's next batch inside one store snapshot (docs/protocol.md §11.3). Membership is
/// evaluated at the snapshot's head: an object that matches now but is not in the client's view enters with a
/// snapshot of its state at that head; one in the view that no longer matches (or no longer exists) leaves; one
/// that stays receives the history instructions on it. History of objects outside the view never leaves the server.
/// </summary>
internal static class ViewBatchBuilder
{
    public static ViewBatch Build(IStateSnapshot snapshot, ViewBatchRequest request)
    {
        var head = snapshot.Head;
        var view = request.View;

        // An empty view is always evaluated in full (one query per subscribed class), which needs no history:
        // everything it gets is a snapshot. A fresh file never reads the realm's whole history.
        var full = request.Full || view.Count == 0;
        var needHistory = request.Cursor < head && view.Count > 0;
        if (needHistory && request.Cursor < snapshot.CompactedThrough)
        {
            // Compacted after Bind checked the cursor: the history this view needs is gone.
            throw new SyncSessionException(Protocol.Sync.SyncErrorCode.ClientResetRequired, $"History after version {request.Cursor} was compacted while this session was catching up: reset the client.");
        }

        var entries = needHistory ? snapshot.ReadHistory(request.Cursor, head) : [];
        var ack = needHistory ? (0L, 0L) : snapshot.UploadAckAt(request.FileIdent, head);
        var decoded = new List<(HistoryEntry Entry, long UploadAckBefore, Changeset Changeset)>(entries.Count);
        var candidates = new HashSet<(string Class, string Key)>(request.Forced);
        var ackBefore = request.Ack;
        foreach (var entry in entries)
        {
            if (entry.OriginFileIdent == request.FileIdent)
            {
                ack = (entry.OriginClientVersion, entry.ServerVersion);
                ackBefore = Math.Max(ackBefore, entry.OriginClientVersion);
                candidates.UnionWith(Touched(ChangesetCodec.Decode(entry.Data)));
                continue;
            }

            var changeset = ChangesetCodec.Decode(entry.Data);
            decoded.Add((entry, ackBefore, changeset));
            candidates.UnionWith(Touched(changeset));
        }

        var matching = Match(snapshot, request.Query, full ? null : candidates);
        var entered = matching.Where(k => !view.Contains(k)).ToList();
        var left = (full ? view : view.Where(candidates.Contains)).Where(k => !matching.Contains(k)).ToList();
        var refreshed = request.Forced.Where(k => matching.Contains(k) && view.Contains(k)).ToList();
        var forcedOut = request.Forced.Where(k => !matching.Contains(k) && !view.Contains(k));

        var stays = new HashSet<(string, string)>(view.Where(matching.Contains));
        stays.ExceptWith(refreshed);
        var history = Filter(decoded, stays);

        var documents = snapshot.ReadDocuments([.. entered, .. refreshed]);
        var snapshots = SnapshotChunks(entered.Concat(refreshed), documents, request.ChunkBytes);
        var removals = RemovalChunks(left.Concat(forcedOut), request.ChunkBytes);
        return new ViewBatch(head, ack, removals, snapshots, history, entered, left);
    }

    private static IEnumerable<(string Class, string Key)> Touched(Changeset changeset) =>
        changeset.Instructions.Select(static i => (i.Object.Class, ObjectKeys.Format(i.Object.PrimaryKey)));

    // Every object of every subscribed class (candidates null), or only the candidates (touched or forced).
    private static HashSet<(string Class, string Key)> Match(IStateSnapshot snapshot, FlexibleQuery query, HashSet<(string Class, string Key)>? candidates)
    {
        var matching = new HashSet<(string, string)>();
        var byClass = candidates?.GroupBy(static k => k.Class, System.StringComparer.Ordinal).ToDictionary(static g => g.Key, static g => g.Select(static k => k.Key).ToList(), System.StringComparer.Ordinal);
        foreach (var (@class, predicate) in query.Compiled)
        {
            List<string>? among = null;
            if (byClass is not null && !byClass.TryGetValue(@class, out among))
            {
                continue;
            }

            foreach (var key in snapshot.MatchingKeys(@class, predicate.Sql, predicate.Parameters, among))
            {
                matching.Add((@class, key));
            }
        }

        return matching;
    }

    // Only instructions on objects that stay in the view; a changeset left empty is not sent.
    private static List<(HistoryEntry, long)> Filter(List<(HistoryEntry Entry, long UploadAckBefore, Changeset Changeset)> decoded, HashSet<(string, string)> stays)
    {
        var result = new List<(HistoryEntry, long)>();
        foreach (var (entry, uploadAckBefore, changeset) in decoded)
        {
            var kept = changeset.Instructions.Where(i => stays.Contains((i.Object.Class, ObjectKeys.Format(i.Object.PrimaryKey)))).ToList();
            if (kept.Count == 0)
            {
                continue;
            }

            var data = kept.Count == changeset.Instructions.Count ? entry.Data : ChangesetCodec.Encode(new Changeset(changeset.Version, changeset.Timestamp, kept));
            result.Add((entry with { Data = data }, uploadAckBefore));
        }

        return result;
    }

    private static List<byte[]> SnapshotChunks(IEnumerable<(string Class, string Key)> keys, IReadOnlyDictionary<(string Class, string Key), string> documents, int chunkBytes)
    {
        var chunks = new List<byte[]>();
        var instructions = new List<Instruction>();
        long bytes = 0;
        foreach (var key in keys)
        {
            if (!documents.TryGetValue(key, out var json))
            {
                continue; // matched in the same snapshot, so it exists; defensive only
            }

            instructions.AddRange(StateSnapshot.Instructions(key.Class, ObjectKeys.Parse(key.Key), ObjectDocumentSerializer.Deserialize(json)));
            bytes += json.Length;
            if (bytes >= chunkBytes)
            {
                chunks.Add(ChangesetCodec.Encode(new Changeset(0, 0, [.. instructions])));
                instructions.Clear();
                bytes = 0;
            }
        }

        if (instructions.Count > 0)
        {
            chunks.Add(ChangesetCodec.Encode(new Changeset(0, 0, [.. instructions])));
        }

        return chunks;
    }

    private static List<byte[]> RemovalChunks(IEnumerable<(string Class, string Key)> keys, int chunkBytes)
    {
        var chunks = new List<byte[]>();
        var instructions = new List<Instruction>();
        long bytes = 0;
        foreach (var key in keys)
        {
            instructions.Add(new EraseObject(ObjectRef.TopLevel(key.Class, ObjectKeys.Parse(key.Key))));
            bytes += key.Class.Length + key.Key.Length + 8;
            if (bytes >= chunkBytes)
            {
                chunks.Add(ChangesetCodec.Encode(new Changeset(0, 0, [.. instructions])));
                instructions.Clear();
                bytes = 0;
            }
        }

        if (instructions.Count > 0)
        {
            chunks.Add(ChangesetCodec.Encode(new Changeset(0, 0, [.. instructions])));
        }

        return chunks;
    }
}
