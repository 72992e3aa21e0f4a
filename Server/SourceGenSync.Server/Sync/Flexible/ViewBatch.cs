using System.Collections.Generic;
using SourceGenSync.Server.Storage;

namespace SourceGenSync.Server.Sync.Flexible;

/// <summary>What a flexible session needs to compute its next batch (see <see cref="ViewBatchBuilder"/>).</summary>
/// <param name="FileIdent">The session's client file (its own changesets only advance the ack).</param>
/// <param name="Cursor">The client's download cursor before the batch.</param>
/// <param name="Ack">The client's upload ack as of <paramref name="Cursor"/> (own changesets at or before it).</param>
/// <param name="View">The objects the client holds (class, key text) before the batch.</param>
/// <param name="Full">Evaluate every subscribed object (a new subscription set), not only those touched since the cursor.</param>
/// <param name="Query">The subscription set to evaluate (the new one when <paramref name="Full"/>).</param>
/// <param name="Forced">Objects whose client copy must be replaced or removed whatever their membership (denied writes).</param>
/// <param name="ChunkBytes">Target size of one snapshot or removal changeset.</param>
internal sealed record ViewBatchRequest(
    long FileIdent,
    long Cursor,
    long Ack,
    IReadOnlySet<(string Class, string Key)> View,
    FlexibleQuery Query,
    bool Full,
    IReadOnlyCollection<(string Class, string Key)> Forced,
    int ChunkBytes);

/// <summary>
/// One flexible batch, consistent at <see cref="Head"/>: removals (objects leaving the view, or a client's denied
/// creation), snapshots (objects entering the view, or reverted), then history filtered to the objects that stay,
/// each entry with the session's upload ack as it stood before that entry (protocol §5.3).
/// </summary>
internal sealed record ViewBatch(
    long Head,
    (long Ack, long ServerVersion) Ack,
    IReadOnlyList<byte[]> Removals,
    IReadOnlyList<byte[]> Snapshots,
    IReadOnlyList<(HistoryEntry Entry, long UploadAckBefore)> History,
    IReadOnlyCollection<(string Class, string Key)> Entered,
    IReadOnlyCollection<(string Class, string Key)> Left)
{
    public bool IsEmpty => Removals.Count == 0 && Snapshots.Count == 0 && History.Count == 0;
}
