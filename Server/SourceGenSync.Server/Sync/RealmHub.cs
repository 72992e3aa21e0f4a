using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Server.Storage;
using SourceGenSync.Server.Sync.Schema;

namespace SourceGenSync.Server.Sync;

/// <summary>
/// One realm while the server runs: its head version, schema, recent history, the sessions to wake when history
/// grows, and the integrator that puts its uploads in one order.
/// </summary>
internal sealed class RealmHub : IAsyncDisposable
{
    private readonly ISyncStore _store;
    private readonly ConcurrentDictionary<DownloadSender, byte> _listeners = new();
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private long _head;
    private long _compactedThrough;

    public RealmHub(RealmRecord record, ISyncStore store, SyncServices services)
    {
        Id = record.Id;
        Name = record.Name;
        _store = store;
        _head = record.Head;
        _compactedThrough = record.CompactedThrough;
        Schema = RealmSchemaJson.Read(record.SchemaJson);
        Integrator = new RealmIntegrator(this, store, services);
    }

    public long Id { get; }

    public string Name { get; }

    public long Head => Interlocked.Read(ref _head);

    public long CompactedThrough => Interlocked.Read(ref _compactedThrough);

    public RealmSchema Schema { get; private set; }

    public RealmIntegrator Integrator { get; }

    public HistoryCache Cache { get; } = new();

    public void Subscribe(DownloadSender listener) => _listeners.TryAdd(listener, 0);

    public void Unsubscribe(DownloadSender listener) => _listeners.TryRemove(listener, out _);

    /// <summary>Called by the integrator after a durable commit: publishes the new head and wakes every session.</summary>
    public void Published(IReadOnlyList<HistoryEntry> entries, long head)
    {
        Cache.Append(entries);
        Interlocked.Exchange(ref _head, head);
        foreach (var listener in _listeners.Keys)
        {
            listener.Wake();
        }
    }

    public void Compacted(long through)
    {
        Interlocked.Exchange(ref _compactedThrough, Math.Max(CompactedThrough, through));
        Cache.Clear();
    }

    public async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(long after, long upTo, long maxBytes, CancellationToken cancellationToken) =>
        Cache.TryRead(after, upTo, maxBytes) ?? await _store.ReadHistoryAsync(Id, after, upTo, maxBytes, cancellationToken).ConfigureAwait(false);

    public async Task<long> MeasureHistoryAsync(long after, long upTo, CancellationToken cancellationToken) =>
        Cache.TryMeasure(after, upTo) ?? await _store.MeasureHistoryAsync(Id, after, upTo, cancellationToken).ConfigureAwait(false);

    /// <summary>Merges a client's schema into the realm's (serialized: two binds never race on it).</summary>
    public async Task<(IReadOnlyList<string> Added, string? Error)> MergeSchemaAsync(IEnumerable<Protocol.Sync.ClassSchema> client, bool developmentMode, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (merged, added, error) = Schema.Merge(client, developmentMode);
            if (merged is null)
            {
                return (added, error);
            }

            if (added.Count > 0)
            {
                await _store.SaveRealmSchemaAsync(Id, RealmSchemaJson.Write(merged), cancellationToken).ConfigureAwait(false);
                Schema = merged;
            }

            return (added, null);
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Integrator.DisposeAsync().ConfigureAwait(false);
        _schemaGate.Dispose();
    }
}
