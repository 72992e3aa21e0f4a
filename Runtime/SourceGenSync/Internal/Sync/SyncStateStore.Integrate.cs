using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Sync.Subscriptions;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Internal.Transactions;
using SourceGenSync.Merge;
using SourceGenSync.Protocol.Sync;

namespace SourceGenSync.Internal.Sync;

internal sealed partial class SyncStateStore
{
    // Prepared once: a bootstrap appends one change-log row per downloaded changeset.
    private RawStatement? _appendChangeset;
    private RawStatement? _markDownloaded;

    /// <summary>
    /// Integrates one complete download batch (docs/merge-rules.md §1, protocol §5.3) in one SQLite transaction:
    /// for each downloaded changeset in order, local parts acknowledged before it are dropped, the rest are
    /// transformed against it, its transformed form is applied to the tables (skipping what does not fit) and
    /// appended to the change log as a downloaded changeset; then the transformed local parts, the cursor and the
    /// ack are persisted. Every open realm instance on the file refreshes afterwards. A changeset that does not
    /// decode throws <see cref="ChangesetFormatException"/> and nothing of the batch is kept.
    /// </summary>
    public IntegrationResult Integrate(IReadOnlyList<Download> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        IntegrationResult result;
        lock (_gate)
        {
            ThrowIfDisposed();
            result = InTransaction(() => IntegrateBatch(batch));
        }

        if (result.ChangesetsApplied > 0)
        {
            RealmCoordinator.NotifyExternalCommit(DatabasePath);
        }

        return result;
    }

    private IntegrationResult IntegrateBatch(IReadOnlyList<Download> batch)
    {
        var state = SyncTables.ReadState(_connection);
        var ack = state.UploadAck;
        var cursor = state.DownloadCursor;
        var local = LoadLocalChanges(state);
        var (logVersion, _) = SyncTables.LatestChangeset(_connection);
        int appliedChangesets = ApplyViewChanges(batch, local, ref logVersion), skipped = 0;
        long bytes = 0;
        var applied = new List<Instruction>();
        var localOrigins = new List<OriginChangeset>();
        foreach (var message in batch)
        {
            foreach (var downloaded in message.Changesets)
            {
                if (downloaded.ServerVersion <= cursor)
                {
                    continue; // integrated before (a repeated download after a reconnect)
                }

                // The in-order ack: what the server integrated before this changeset is no longer concurrent with it
                // (a message may pass several of our changesets, so each changeset says which).
                var before = message.UploadAckBefore(downloaded);
                if (before > ack)
                {
                    ack = before;
                    DropThrough(local, ack);
                }

                var remote = ChangesetCodec.Decode(downloaded.Data.Span);
                HybridClock.Observe(Math.Max(remote.Timestamp, downloaded.OriginTimestamp));
                var right = remote;
                if (local.Count > 0)
                {
                    localOrigins.Clear();
                    foreach (var change in local)
                    {
                        localOrigins.Add(change.Current);
                    }

                    var transformed = ChangesetTransformer.Transform(localOrigins, [new OriginChangeset(remote, downloaded.OriginFileIdent)]);
                    for (var i = 0; i < local.Count; i++)
                    {
                        if (!ReferenceEquals(transformed.Left[i], local[i].Current))
                        {
                            local[i].Current = transformed.Left[i];
                            local[i].Changed = true;
                        }
                    }

                    right = transformed.Right[0].Changeset;
                }

                applied.Clear();
                skipped += Applier.Apply(right.Instructions, applied);
                if (applied.Count > 0)
                {
                    logVersion++;

                    // Applied as downloaded (the common case, and every bootstrap): its bytes need only a new header.
                    var unchanged = ReferenceEquals(right, remote) && applied.Count == remote.Instructions.Count;
                    AppendToLog(logVersion, unchanged ? null : applied.ToArray(), downloaded);
                    appliedChangesets++;
                }

                bytes += downloaded.Data.Length;
                cursor = downloaded.ServerVersion;
            }

            if (message.UploadAck > ack)
            {
                ack = message.UploadAck;
                DropThrough(local, ack);
            }

            cursor = Math.Max(cursor, message.ServerVersion);
        }

        foreach (var change in local)
        {
            if (change.Changed)
            {
                var changeset = change.Current.Changeset;
                SyncTables.Execute(_connection, "INSERT OR REPLACE INTO sgs_sync_rewritten (client_version, timestamp, data) VALUES ($a, $b, $c)",
                    change.ClientVersion, changeset.Timestamp, ChangesetCodec.Encode(changeset));
            }
        }

        SyncTables.DeleteRewrittenThrough(_connection, ack);
        SyncTables.SaveCursors(_connection, cursor, ack);

        // Flexible sync: the batch brought the view to a subscription set, persisted with the data it describes.
        long completed = 0;
        var queryVersion = batch.Count == 0 ? 0 : batch.Max(static m => m.QueryVersion);
        if (queryVersion > 0 && queryVersion != state.ViewQueryVersion)
        {
            SyncTables.SaveViewQueryVersion(_connection, queryVersion);
            SubscriptionTables.MarkComplete(_connection, queryVersion);
            completed = queryVersion;
        }

        return new IntegrationResult(cursor, ack, appliedChangesets, bytes, skipped, completed);
    }

    /// <summary>
    /// Appends a changeset to the change log: <paramref name="instructions"/>, or (null) the downloaded changeset's
    /// own instructions; with <paramref name="origin"/>, marked as downloaded (never uploaded back).
    /// </summary>
    private void AppendToLog(long version, Instruction[]? instructions, DownloadChangeset? origin)
    {
        // The log's timestamps only grow (a realm's clock starts past the latest): the origin's stays in sgs_sync_downloaded.
        var timestamp = HybridClock.Next();
        var data = instructions is null
            ? UploadParts.Reheader(origin!.Data.Span, version, timestamp)
            : ChangesetCodec.Encode(new Changeset(version, timestamp, instructions));
        _appendChangeset ??= new RawStatement(_connection, "INSERT INTO sgs_changesets (version, timestamp, data) VALUES (?1, ?2, ?3)");
        _appendChangeset.BindInt64(1, version);
        _appendChangeset.BindInt64(2, timestamp);
        _appendChangeset.BindBlob(3, data);
        _appendChangeset.Execute();
        if (origin is not null)
        {
            _markDownloaded ??= new RawStatement(_connection, "INSERT INTO sgs_sync_downloaded (version, server_version, origin_file, origin_timestamp) VALUES (?1, ?2, ?3, ?4)");
            _markDownloaded.BindInt64(1, version);
            _markDownloaded.BindInt64(2, origin.ServerVersion);
            _markDownloaded.BindInt64(3, origin.OriginFileIdent);
            _markDownloaded.BindInt64(4, origin.OriginTimestamp);
            _markDownloaded.Execute();
        }
    }

    /// <summary>The unacknowledged local parts as the merge sees them: decoded, in their latest transformed form.</summary>
    private List<LocalChange> LoadLocalChanges(StoredSyncState state)
    {
        var changes = new List<LocalChange>();
        foreach (var part in EnumerateParts(state.UploadedThrough))
        {
            var decoded = ChangesetCodec.Decode(part.Data);
            changes.Add(new LocalChange(part.ClientVersion, new OriginChangeset(decoded, state.ClientFileIdent)));
        }

        return changes;
    }

    private static void DropThrough(List<LocalChange> local, long ack) => local.RemoveAll(change => change.ClientVersion <= ack);

    /// <summary>One local part during a merge: its current (possibly transformed) form and whether that changed.</summary>
    private sealed class LocalChange(long clientVersion, OriginChangeset current)
    {
        public long ClientVersion { get; } = clientVersion;

        public OriginChangeset Current { get; set; } = current;

        public bool Changed { get; set; }
    }
}
