using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Internal.Sync.Subscriptions;

namespace SourceGenSync.Sync;

/// <summary>
/// The queries a flexible-sync realm asks the server for (<c>realm.Subscriptions</c>): always the latest version
/// of the set, read-only except inside <see cref="Update"/> / <see cref="UpdateAsync"/>. Changes are stored in the
/// realm file (they work offline and survive restarts); each committed Update makes the next <see cref="Version"/>,
/// Pending until the server has sent what it selects (<see cref="WaitForSynchronizationAsync"/>).
/// </summary>
/// <remarks>
/// Reads see the set as last committed by any instance on the file in this process, and its state as last reported by
/// the sync session; inside an Update callback they see the changes made so far. Thread-safe for reads.
/// </remarks>
public sealed partial class SubscriptionSet : IReadOnlyList<Subscription>
{
    private readonly Realm _realm;
    private readonly SubscriptionSignals _signals;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Snapshot? _snapshot;

    internal SubscriptionSet(Realm realm, SubscriptionSignals signals)
    {
        _realm = realm;
        _signals = signals;

        // Waits must end when the realm is disposed; its connection closing is the one event disposal raises.
        var connection = realm.Connection;
        connection.StateChange += (_, e) =>
        {
            if (e.CurrentState == System.Data.ConnectionState.Closed)
            {
                _closed.TrySetResult();
            }
        };
        if (realm.IsClosed || connection.State == System.Data.ConnectionState.Closed)
        {
            _closed.TrySetResult();
        }
    }

    /// <summary>The version: 0 for the initial empty set, then one more per committed Update.</summary>
    public long Version => Draft is { } draft ? draft.Version : Current().Stored.Version;

    /// <summary>Pending, Complete, Error or Superseded (inside an Update callback: Pending).</summary>
    public SubscriptionSetState State => Draft is not null ? SubscriptionSetState.Pending : Current().Stored.State;

    /// <summary>Why the server refused this set (a <see cref="SubscriptionException"/>) when <see cref="State"/> is Error; otherwise null.</summary>
    public Exception? Error => Draft is null && Current().Stored is { State: SubscriptionSetState.Error, Error: var message }
        ? new SubscriptionException(message ?? "The server refused the subscription set.")
        : null;

    public int Count => Draft is { } draft ? draft.Items.Count : Current().Items.Length;

    public Subscription this[int index]
    {
        get
        {
            var items = Items();
            if ((uint)index >= (uint)items.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The subscription set has {items.Count} subscriptions.");
            }

            return items[index];
        }
    }

    /// <summary>The flow's open Update of this set, if any.</summary>
    private SubscriptionDraft? Draft => s_draft.Value is { } draft && ReferenceEquals(draft.Owner, this) ? draft : null;

    /// <summary>The subscription named <paramref name="name"/>; null when there is none.</summary>
    public Subscription? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Items().FirstOrDefault(s => s.Name == name);
    }

    /// <summary>
    /// The subscription with the same class, query text and arguments as <paramref name="query"/>: the unnamed one
    /// if there is one, else the first named one; null when none matches.
    /// </summary>
    public Subscription? Find<T>(IQueryable<T> query)
        where T : IRealmObject
    {
        var subscription = SubscriptionQuery.From(query);
        subscription.EnsureOf(_realm);
        var items = Items();
        return items.FirstOrDefault(s => s.Name is null && subscription.Matches(s.Stored))
            ?? items.FirstOrDefault(s => subscription.Matches(s.Stored));
    }

    internal Subscription? FindUnnamed(SubscriptionQuery query)
    {
        query.EnsureOf(_realm);
        return Items().FirstOrDefault(s => s.Name is null && query.Matches(s.Stored));
    }

    public IEnumerator<Subscription> GetEnumerator() => Items().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"SubscriptionSet v{Version} ({State}, {Count} subscriptions)";

    private IReadOnlyList<Subscription> Items() =>
        Draft is { } draft ? [.. draft.Items.Select(static s => new Subscription(s))] : Current().Items;

    /// <summary>The latest committed set, re-read only after a commit or state change in this process.</summary>
    private Snapshot Current()
    {
        lock (_gate)
        {
            var generation = _signals.Generation;
            if (_snapshot is { } cached && cached.Generation == generation)
            {
                return cached;
            }

            // The generation first, then the file: a change during the read moves the generation, so the next call re-reads.
            _snapshot = new Snapshot(ReadFromFile(static c => SubscriptionTables.ReadLatest(c)) ?? StoredSubscriptionSet.Initial, generation);
            return _snapshot;
        }
    }

    /// <summary>Remembers a set this instance just committed (unless something else changed meanwhile).</summary>
    private void Remember(StoredSubscriptionSet set, long generation)
    {
        lock (_gate)
        {
            if (_signals.Generation == generation)
            {
                _snapshot = new Snapshot(set, generation);
            }
        }
    }

    /// <summary>
    /// Reads through a short-lived connection of its own: the realm's connection is pinned to the realm's snapshot,
    /// which does not show a state the session committed until the realm refreshes.
    /// </summary>
    private T ReadFromFile<T>(Func<Microsoft.Data.Sqlite.SqliteConnection, T> read)
    {
        _realm.ThrowIfClosed();
        using var connection = RealmFile.Open(_realm.Config.DatabasePath, readOnly: true);
        return read(connection);
    }

    private sealed class Snapshot(StoredSubscriptionSet stored, long generation)
    {
        public StoredSubscriptionSet Stored { get; } = stored;

        public long Generation { get; } = generation;

        public Subscription[] Items { get; } = [.. stored.Subscriptions.Select(static s => new Subscription(s))];
    }
}
