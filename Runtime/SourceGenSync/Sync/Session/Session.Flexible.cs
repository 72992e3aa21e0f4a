using System;
using System.Linq;
using System.Threading;
using SourceGenSync.Internal.Sync.Subscriptions;
using SourceGenSync.Queries;

namespace SourceGenSync.Sync;

// Flexible sync (docs/sync-client.md, "Flexible sync"): new subscription sets go to the server as they commit,
// subscription state changes wake waiters, and the server's warnings reach OnSessionError.
public sealed partial class Session
{
    private SubscriptionSignals? _subscriptionSignals;
    private int _noSubscriptionsReported;

    private void ObserveSubscriptions()
    {
        if (Configuration is FlexibleSyncConfiguration && _subscriptionSignals is null)
        {
            _subscriptionSignals = SubscriptionSignals.For(Path);
            _subscriptionSignals.SetCommitted += OnSubscriptionSetCommitted;
        }
    }

    private void StopObservingSubscriptions()
    {
        if (Interlocked.Exchange(ref _subscriptionSignals, null) is { } signals)
        {
            signals.SetCommitted -= OnSubscriptionSetCommitted;
        }
    }

    private void OnSubscriptionSetCommitted(long version)
    {
        SessionConnection? connection;
        lock (_gate)
        {
            connection = _connection;
        }

        connection?.SubscriptionsCommitted();
    }

    /// <summary>A subscription set became Complete or Error (committed): waiters re-read the state.</summary>
    internal void OnSubscriptionStateChanged() => SubscriptionSignals.For(Path).StateChanged();

    /// <summary>The server's non-fatal error (a compensating write): reported, and the session continues.</summary>
    internal void OnServerWarning(Protocol.Sync.SyncError error)
    {
        if (error.Code == Protocol.Sync.SyncErrorCode.CompensatingWrite)
        {
            var writes = error.CompensatingWrites
                .Select(static w => new CompensatingWriteInfo(w.ClassName, SafeKey(w.PrimaryKey), w.Reason))
                .ToList();
            ReportError(new CompensatingWriteException($"The server did not apply some writes: {error.Message} The objects revert to the server's state.", writes));
            return;
        }

        ReportError(new ServerSyncErrorException(error).ToSessionException(isFatal: false));
    }

    /// <summary>Reported once per session: a flexible realm without subscriptions receives nothing.</summary>
    internal void OnNoSubscriptions()
    {
        if (Interlocked.Exchange(ref _noSubscriptionsReported, 1) == 0)
        {
            ReportError(new SessionException(
                "This flexible-sync realm has no subscriptions, so the server sends it no objects and refuses its writes. " +
                "Subscribe to what the app needs, e.g. realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<Item>())), " +
                "or set FlexibleSyncConfiguration.PopulateInitialSubscriptions.",
                SyncErrorCode.NoSubscriptions, SyncErrorAction.Warning, isFatal: false));
        }
    }

    private static RealmValue SafeKey(Protocol.Sync.QueryValue? value)
    {
        try
        {
            return value is null ? RealmValue.Null : QueryValues.FromProto(value);
        }
        catch (FormatException)
        {
            return RealmValue.Null;
        }
    }
}
