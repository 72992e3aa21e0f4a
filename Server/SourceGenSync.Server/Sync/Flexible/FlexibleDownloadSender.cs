using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf;
using SourceGenSync.Protocol.Sync;

namespace SourceGenSync.Server.Sync.Flexible;

/// <summary>
/// The download half of a flexible session (docs/protocol.md §11.3). Instead of walking history, each batch is
/// computed in one store snapshot by <see cref="ViewBatchBuilder"/>: removals, snapshots and filtered history,
/// sent as one batch ending at the snapshot's head and tagged with the subscription set it reflects. The view
/// changes are recorded in the store before the batch is sent, per (cursor, query version), so a client that
/// never integrated the batch gets them again after it reconnects.
/// </summary>
internal sealed class FlexibleDownloadSender : DownloadSender
{
    private readonly HashSet<(string Class, string Key)> _view;
    private readonly ConcurrentQueue<(string Class, string Key)> _forced = new();
    private FlexibleQuery _active;
    private FlexibleQuery? _next;
    private FlexibleQuery _latest;
    private bool _firstBatch = true;
    private int _holds;
    private readonly QueryVersionTag _sent;

    /// <summary>Starts from the view the client holds, of query version <paramref name="viewQueryVersion"/> (Bind.view_query_version).</summary>
    public FlexibleDownloadSender(
        RealmHub realm, SyncServices services, long fileIdent, long cursor, long ack, long viewQueryVersion,
        IEnumerable<(string Class, string Key)> view, FlexibleQuery active, FlexibleQuery? next,
        Func<ServerMessage, CancellationToken, Task> write)
        : this(realm, services, fileIdent, cursor, ack, new QueryVersionTag(viewQueryVersion), view, active, next, write)
    {
    }

    private FlexibleDownloadSender(
        RealmHub realm, SyncServices services, long fileIdent, long cursor, long ack, QueryVersionTag sent,
        IEnumerable<(string Class, string Key)> view, FlexibleQuery active, FlexibleQuery? next,
        Func<ServerMessage, CancellationToken, Task> write)
        : base(realm, services, fileIdent, filter: null, cursor, ack, sent.Wrap(write))
    {
        _sent = sent;
        _view = [.. view];
        _active = active;
        _next = next;
        _latest = next ?? active;
    }

    /// <summary>The query the view currently follows (the last set applied).</summary>
    public FlexibleQuery Active => Volatile.Read(ref _active);

    /// <summary>The newest accepted set, applied or about to be: what this session's writes are checked against.</summary>
    public FlexibleQuery Latest => Volatile.Read(ref _latest);

    /// <summary>Evaluates <paramref name="query"/> (a new subscription set) in the next batch.</summary>
    public void Apply(FlexibleQuery query)
    {
        Volatile.Write(ref _latest, query);
        Volatile.Write(ref _next, query);
        Wake();
    }

    /// <summary>Sends, in the next batch, the server's state of these objects (or their removal) whatever their membership.</summary>
    public void Revert(IEnumerable<(string Class, string Key)> keys)
    {
        foreach (var key in keys)
        {
            _forced.Enqueue(key);
        }

        Wake();
    }

    /// <summary>
    /// An upload of this session goes through the write guard: no batch is computed until <see cref="Release"/>.
    /// The batch that passes the upload's changesets carries its ack, and a client persists the ack with that batch,
    /// so the same batch must revert the denied writes: were they reverted in a later one, a client that integrated
    /// the ack and then lost its connection would keep the denied changes for ever (the server would not send the
    /// revert again, nor the client upload them again).
    /// </summary>
    public void Hold() => Interlocked.Increment(ref _holds);

    /// <summary>Ends a <see cref="Hold"/>: the next batch sends the server's state of <paramref name="reverted"/> (or their removal) whatever their membership.</summary>
    public void Release(IEnumerable<(string Class, string Key)> reverted)
    {
        Interlocked.Decrement(ref _holds);
        Revert(reverted);
    }

    protected override async Task SendHistoryAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _holds) > 0)
        {
            return; // an upload's denied writes are not known yet (see Hold); Release wakes the sender
        }

        var next = Interlocked.Exchange(ref _next, null);
        var forced = new List<(string, string)>();
        while (_forced.TryDequeue(out var key))
        {
            forced.Add(key);
        }

        var head = Realm.Head;
        if (next is null && forced.Count == 0 && Cursor >= head && !_firstBatch)
        {
            return;
        }

        _firstBatch = false;
        var query = next ?? _active;
        var request = new ViewBatchRequest(FileIdent, Cursor, Ack, _view, query, Full: next is not null, forced, Services.Options.DownloadMessageBytes / 2);
        var batch = await Services.Store.ReadSnapshotAsync(Realm.Id, snapshot => ViewBatchBuilder.Build(snapshot, request), cancellationToken).ConfigureAwait(false);

        // Recorded before sending: if the client never integrates this batch, it reconnects with the older
        // (cursor, query version) and the store undoes these changes.
        await Services.Store.SaveClientViewChangesAsync(FileIdent, batch.Head, query.Version, batch.Entered, batch.Left, cancellationToken).ConfigureAwait(false);
        _view.ExceptWith(batch.Left);
        _view.UnionWith(batch.Entered);
        Volatile.Write(ref _active, query);
        var cursorBefore = Cursor;
        Cursor = Math.Max(Cursor, batch.Head);
        if (batch.IsEmpty && next is null && forced.Count == 0 && Cursor == cursorBefore)
        {
            AdvanceAck(batch.Ack.Ack, batch.Ack.ServerVersion);
            return;
        }

        _sent.Version = query.Version;
        await SendBatchAsync(batch, query.Version, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendBatchAsync(ViewBatch batch, long queryVersion, CancellationToken cancellationToken)
    {
        // The batch's new upload ack goes in its last message only: the ack is in order with the history around it
        // (protocol §5), so a client handling messages one by one keeps its pending changes until it has received
        // all the history of the batch they were concurrent with.
        var ack = batch.Ack;
        var total = batch.Removals.Sum(static r => (long)r.Length) + batch.Snapshots.Sum(static s => (long)s.Length) + batch.History.Sum(static h => (long)h.Entry.Data.Length);
        var budget = Services.Options.DownloadMessageBytes;
        long sent = 0;
        var message = NewMessage(queryVersion);
        long bytes = 0;

        async Task FlushAsync(bool last)
        {
            if (last)
            {
                AdvanceAck(ack.Ack, ack.ServerVersion);
            }

            message.ServerVersion = Cursor;
            message.LastInBatch = last;
            message.DownloadableBytes = Math.Max(0, total - sent);
            message.ProgressEstimate = total == 0 ? 1.0 : Math.Min(1.0, (double)sent / total);
            await SendAsync(message, cancellationToken).ConfigureAwait(false);
            Services.Metrics.Downloaded(message.Changesets.Count, bytes);
            message = NewMessage(queryVersion);
            bytes = 0;
        }

        foreach (var removal in batch.Removals)
        {
            if (message.Removals.Length > 0 || (bytes > 0 && bytes + removal.Length > budget))
            {
                await FlushAsync(last: false).ConfigureAwait(false);
            }

            message.Removals = ByteString.CopyFrom(removal);
            bytes += removal.Length;
            sent += removal.Length;
        }

        foreach (var snapshot in batch.Snapshots)
        {
            if (message.Snapshots.Length > 0 || (bytes > 0 && bytes + snapshot.Length > budget))
            {
                await FlushAsync(last: false).ConfigureAwait(false);
            }

            message.Snapshots = ByteString.CopyFrom(snapshot);
            bytes += snapshot.Length;
            sent += snapshot.Length;
        }

        foreach (var (entry, uploadAckBefore) in batch.History)
        {
            if (bytes > 0 && bytes + entry.Data.Length > budget)
            {
                await FlushAsync(last: false).ConfigureAwait(false);
            }

            message.Changesets.Add(new DownloadChangeset
            {
                ServerVersion = entry.ServerVersion,
                OriginFileIdent = entry.OriginFileIdent,
                OriginTimestamp = entry.OriginTimestamp,
                Data = ByteString.CopyFrom(entry.Data),
                UploadAckBefore = uploadAckBefore,
            });
            bytes += entry.Data.Length;
            sent += entry.Data.Length;
        }

        await FlushAsync(last: true).ConfigureAwait(false);
    }

    private static Download NewMessage(long queryVersion) => new() { QueryVersion = queryVersion };

    /// <summary>
    /// The query version of the last batch sent. Downloads the base class makes on its own (an upload's ack when
    /// no batch carries it) end a batch too, so they carry it as well: untagged, a client would take version 0 for
    /// the set its view follows.
    /// </summary>
    private sealed class QueryVersionTag(long version)
    {
        private long _version = version;

        public long Version
        {
            get => Volatile.Read(ref _version);
            set => Volatile.Write(ref _version, value);
        }

        public Func<ServerMessage, CancellationToken, Task> Wrap(Func<ServerMessage, CancellationToken, Task> write) => (message, cancellationToken) =>
        {
            if (message.Download is { QueryVersion: 0 } download)
            {
                download.QueryVersion = Version;
            }

            return write(message, cancellationToken);
        };
    }
}
