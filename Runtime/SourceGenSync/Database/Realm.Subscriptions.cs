using System;
using System.Threading;
using SourceGenSync.Internal.Sync.Subscriptions;
using SourceGenSync.Sync;

namespace SourceGenSync;

// Flexible sync: the realm's subscription set (stored in its file, see SubscriptionTables).
public sealed partial class Realm
{
    private SubscriptionSet? _subscriptionSet;

    /// <summary>
    /// The queries this realm asks the server for: the latest <see cref="SubscriptionSet"/>. Change it with
    /// <c>Subscriptions.Update(() =&gt; Subscriptions.Add(realm.All&lt;T&gt;().Where(...)))</c>.
    /// </summary>
    /// <exception cref="NotSupportedException">The realm was not opened with a <see cref="FlexibleSyncConfiguration"/>.</exception>
    public SubscriptionSet Subscriptions
    {
        get
        {
            ThrowIfClosed();
            if (Config is not FlexibleSyncConfiguration)
            {
                var kind = Config is SyncConfiguration ? "syncs a whole server realm (SyncConfiguration)" : "is local";
                throw new NotSupportedException(
                    $"The realm '{Config.DatabasePath}' {kind}: subscriptions exist only on a realm opened with a FlexibleSyncConfiguration. " +
                    "Open it with new FlexibleSyncConfiguration(user) to choose what syncs with queries.");
            }

            if (Volatile.Read(ref _subscriptionSet) is { } existing)
            {
                return existing;
            }

            var created = new SubscriptionSet(this, SubscriptionSignals.For(Config.DatabasePath));
            return Interlocked.CompareExchange(ref _subscriptionSet, created, null) ?? created;
        }
    }

    /// <summary>True while this flow has a write transaction open on this realm.</summary>
    internal bool IsInWriteFlow => _flowTransaction.Value is { State: TransactionState.Running };
}
