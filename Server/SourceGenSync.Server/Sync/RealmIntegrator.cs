using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Diagnostics;
using SourceGenSync.Server.Permissions;
using SourceGenSync.Server.Storage;
using SourceGenSync.Server.Sync.Flexible;
using SourceGenSync.Server.Sync.Merge;

namespace SourceGenSync.Server.Sync;

/// <summary>
/// Puts one realm's uploads in one order. A single loop takes the queued uploads, transforms each against the
/// history concurrent to it, applies the result to the merged state, and commits the whole group in ONE SQLite
/// transaction (group commit: one fsync for many uploads). Only after the commit returns are the outcomes
/// released, so no session can acknowledge anything that is not durable.
/// </summary>
internal sealed class RealmIntegrator : IAsyncDisposable
{
    private readonly RealmHub _realm;
    private readonly ISyncStore _store;
    private readonly SyncServices _services;
    private readonly Channel<UploadWork> _queue = Channel.CreateUnbounded<UploadWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<long, (long Ack, long LastVersion)> _files = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    // Decoded changesets of history entries, kept as long as the entry objects live (in the history cache).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<HistoryEntry, Changeset> _decoded = new();
    private long _head;

    // Checks flexible sessions' writes (an in-memory SQLite connection); created on the first guarded upload.
    private DocumentPredicateEvaluator? _evaluator;

    // The committed documents of recently touched objects (null: known not to exist), so hot objects are not read
    // back from SQLite for every upload. Only the loop touches it; cleared when a commit fails or it grows too big.
    private readonly Dictionary<(string Class, string Key), string?> _documents = [];
    private const int MaxCachedDocuments = 20_000;

    public RealmIntegrator(RealmHub realm, ISyncStore store, SyncServices services)
    {
        _realm = realm;
        _store = store;
        _services = services;
        _loop = Task.Run(RunAsync);
    }

    public Task<UploadOutcome> SubmitAsync(UploadWork work, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite(work))
        {
            return Task.FromResult(UploadOutcome.Fail(SyncErrorCode.Internal, "The server is shutting down; upload again after reconnecting."));
        }

        return work.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Runs <paramref name="action"/> between two integrations (compaction needs the order to stand still).</summary>
    public Task RunExclusiveAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        var work = new UploadWork(0, 0, []) { Exclusive = action };
        return SubmitAsync(work, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (_queue.Reader.TryRead(out var left))
        {
            left.Completion.TrySetResult(UploadOutcome.Fail(SyncErrorCode.Internal, "The server is shutting down; upload again after reconnecting."));
        }

        _stop.Dispose();
        _evaluator?.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<UploadWork>();
        while (await WaitAsync(reader).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _services.Options.MaxUploadsPerCommit && reader.TryPeek(out var next))
            {
                if (next.Exclusive is not null && batch.Count > 0)
                {
                    break;
                }

                reader.TryRead(out _);
                batch.Add(next);
                if (next.Exclusive is not null)
                {
                    break;
                }
            }

            if (batch is [{ Exclusive: { } exclusive } only])
            {
                await RunExclusiveWorkAsync(only, exclusive).ConfigureAwait(false);
                continue;
            }

            await IntegrateAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task<bool> WaitAsync(ChannelReader<UploadWork> reader)
    {
        try
        {
            return await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false) && !_stop.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task RunExclusiveWorkAsync(UploadWork work, Func<CancellationToken, Task> action)
    {
        try
        {
            await action(_stop.Token).ConfigureAwait(false);
            work.Completion.TrySetResult(new UploadOutcome(0, 0, true));
        }
        catch (Exception exception)
        {
            work.Completion.TrySetException(exception);
        }
    }

    private async Task IntegrateAsync(List<UploadWork> batch)
    {
        var outcomes = new UploadOutcome[batch.Count];
        var entries = new List<HistoryEntry>();
        var fileAcks = new List<(long, long, long)>();
        var reverts = new List<PendingRevert>();
        var overlay = new StateOverlay();
        var committedHead = _realm.Head;
        _head = committedHead;
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = await IntegrateOneAsync(batch[i], committedHead, entries, overlay).ConfigureAwait(false);
                if (!outcomes[i].Failed && !outcomes[i].OnlyDuplicates)
                {
                    fileAcks.Add((batch[i].FileIdent, outcomes[i].UploadAck, outcomes[i].AckServerVersion));
                }

                reverts.AddRange(outcomes[i].Denied.Select(d => d.Key).Concat(outcomes[i].Resend)
                    .Select(k => new PendingRevert(batch[i].FileIdent, k.Class, k.Key, outcomes[i].AckServerVersion)));
            }

            if (entries.Count > 0)
            {
                var now = _services.Time.GetUtcNow().ToUnixTimeMilliseconds();
                var writes = overlay.TakeWrites();
                var head = await _store.CommitIntegrationAsync(new IntegrationCommit(_realm.Id, entries, writes, fileAcks, now) { Reverts = reverts }, _stop.Token).ConfigureAwait(false);
                Remember(writes.Select(w => ((w.Class, w.Key), w.Json)));
                _realm.Published(entries, head);
                ServerLog.UploadIntegrated(_services.Logger, entries.Count, batch[0].FileIdent, _realm.Name, entries[0].ServerVersion, entries[^1].ServerVersion);
            }
        }
        catch (Exception exception)
        {
            // Nothing was committed: forget the tentative file positions and fail every upload of the group.
            ServerLog.IntegrationFailed(_services.Logger, _realm.Name, exception);
            _files.Clear();
            _documents.Clear();
            foreach (var work in batch)
            {
                work.Completion.TrySetResult(UploadOutcome.Fail(SyncErrorCode.Internal, "The server could not store the upload; it was not integrated. Upload it again after reconnecting."));
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var work = batch[i];
            if (!outcomes[i].Failed)
            {
                _services.Metrics.Integrated(work.Changesets.Count, work.Changesets.Sum(c => (long)c.Data.Length), Stopwatch.GetElapsedTime(work.StartedAt).TotalMilliseconds);
            }

            work.Completion.TrySetResult(outcomes[i]);
        }
    }

    private async Task<UploadOutcome> IntegrateOneAsync(UploadWork work, long committedHead, List<HistoryEntry> pending, StateOverlay overlay)
    {
        var ident = work.FileIdent;
        var file = await FileStateAsync(ident).ConfigureAwait(false);
        var fresh = work.Changesets.Where(c => c.ClientVersion > file.Ack).ToList();
        if (fresh.Count == 0)
        {
            // A reconnecting client re-sent what was integrated already: idempotent, acknowledged again.
            return new UploadOutcome(file.Ack, file.LastVersion, OnlyDuplicates: true);
        }

        if (work.BaseServerVersion < file.LastVersion)
        {
            return UploadOutcome.Fail(SyncErrorCode.ProtocolViolation, $"The upload's base_server_version {work.BaseServerVersion} is below {file.LastVersion}, the version this file's previous upload was integrated at: wait for that upload's acknowledgement (in the download stream) before uploading again.");
        }

        if (work.BaseServerVersion > _head)
        {
            return UploadOutcome.Fail(SyncErrorCode.ProtocolViolation, $"The upload's base_server_version {work.BaseServerVersion} is ahead of the server's latest version {_head}.");
        }

        if (work.BaseServerVersion < _realm.CompactedThrough)
        {
            return UploadOutcome.Fail(SyncErrorCode.ClientResetRequired, $"The upload was made on server version {work.BaseServerVersion}, but history through version {_realm.CompactedThrough} has been compacted: reset the client.");
        }

        var concurrent = await ConcurrentAsync(work.BaseServerVersion, committedHead, pending).ConfigureAwait(false);
        var transformed = ServerMerge.Transform([.. fresh.Select(c => c.Changeset)], ident, concurrent);
        var keys = transformed.SelectMany(c => c.Instructions).Select(i => (i.Object.Class, ObjectKeys.Format(i.Object.PrimaryKey))).Distinct().Where(k => !overlay.Knows(k)).ToList();
        var missing = new List<(string, string)>();
        foreach (var key in keys)
        {
            if (_documents.TryGetValue(key, out var cached))
            {
                overlay.Load(key, cached);
            }
            else
            {
                missing.Add(key);
            }
        }

        if (missing.Count > 0)
        {
            var documents = await _store.ReadDocumentsAsync(_realm.Id, missing, _stop.Token).ConfigureAwait(false);
            var loaded = missing.Select(key => (key, documents.GetValueOrDefault(key))).ToList();
            foreach (var (key, json) in loaded)
            {
                overlay.Load(key, json);
            }

            Remember(loaded);
        }

        var schema = _realm.Schema;
        var denied = new List<DeniedWrite>();
        var resend = new List<(string Class, string Key)>();
        for (var i = 0; i < transformed.Count; i++)
        {
            var changeset = transformed[i];
            if (work.Guard is { } guard)
            {
                // A flexible client may hold such an object from a snapshot, without the concurrent history that
                // changed its write here: it is sent the merged state, so it cannot keep its own version.
                if (!ReferenceEquals(changeset, fresh[i].Changeset))
                {
                    resend.AddRange(fresh[i].Changeset.Instructions.Select(static x => (x.Object.Class, ObjectKeys.Format(x.Object.PrimaryKey))));
                }

                // Denied objects' instructions are dropped before they reach the state or history.
                changeset = guard.Filter(changeset, overlay, _evaluator ??= new DocumentPredicateEvaluator(), denied);
            }

            InstructionApplier.Apply(changeset, overlay);

            // Asymmetric objects sync one way: they reach the server's state but never another client's download.
            if (changeset.Instructions.Any(x => schema.Find(x.Object.Class)?.Kind == ClassKind.Asymmetric))
            {
                changeset = new Changeset(changeset.Version, changeset.Timestamp, [.. changeset.Instructions.Where(x => schema.Find(x.Object.Class)?.Kind != ClassKind.Asymmetric)]);
            }

            var data = ReferenceEquals(changeset, fresh[i].Changeset) ? fresh[i].Data : ChangesetCodec.Encode(changeset);
            var entry = new HistoryEntry(++_head, ident, fresh[i].ClientVersion, fresh[i].Timestamp, data);
            _decoded.AddOrUpdate(entry, changeset);
            pending.Add(entry);
        }

        _files[ident] = (fresh[^1].ClientVersion, _head);
        return new UploadOutcome(fresh[^1].ClientVersion, _head, OnlyDuplicates: false) { Denied = denied, Resend = [.. resend.Distinct()] };
    }

    private void Remember(IEnumerable<((string Class, string Key) Key, string? Json)> documents)
    {
        foreach (var (key, json) in documents)
        {
            if (_documents.Count >= MaxCachedDocuments)
            {
                _documents.Clear();
            }

            _documents[key] = json;
        }
    }

    private async Task<(long Ack, long LastVersion)> FileStateAsync(long ident)
    {
        if (!_files.TryGetValue(ident, out var state))
        {
            var record = await _store.FindClientFileAsync(ident, _stop.Token).ConfigureAwait(false);
            state = record is null ? (0, 0) : (record.UploadAck, record.LastIntegratedServerVersion);
            _files[ident] = state;
        }

        return state;
    }

    // history(base, head]: the committed part from the cache or the store, then this group's pending entries.
    private async Task<List<OriginChangeset>> ConcurrentAsync(long baseVersion, long committedHead, List<HistoryEntry> pending)
    {
        var result = new List<OriginChangeset>();
        if (baseVersion < committedHead)
        {
            var committed = await _realm.ReadHistoryAsync(baseVersion, committedHead, long.MaxValue, _stop.Token).ConfigureAwait(false);
            result.AddRange(committed.Select(Decode));
        }

        result.AddRange(pending.Where(e => e.ServerVersion > baseVersion).Select(Decode));
        return result;
    }

    private OriginChangeset Decode(HistoryEntry entry) =>
        new(_decoded.GetValue(entry, static e => ChangesetCodec.Decode(e.Data)), entry.OriginFileIdent);
}
