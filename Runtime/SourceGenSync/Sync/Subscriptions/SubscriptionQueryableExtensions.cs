using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Internal.Sync.Subscriptions;

namespace SourceGenSync.Sync;

/// <summary>Subscribing to a query in one call, as in Realm .NET.</summary>
public static class SubscriptionQueryableExtensions
{
    /// <summary>
    /// Adds a subscription to <paramref name="query"/> (in its own Update, skipped when an equal subscription already
    /// exists) and, depending on <paramref name="waitForSyncMode"/>, waits for the server to send its objects.
    /// Returns <paramref name="query"/>, ready to use.
    /// </summary>
    /// <param name="query">A query from <c>realm.All&lt;T&gt;()</c> of a realm opened with a <see cref="FlexibleSyncConfiguration"/>.</param>
    /// <param name="options">The subscription's name (null: unnamed) and whether a named one's query may be replaced.</param>
    /// <param name="waitForSyncMode">
    /// <see cref="WaitForSyncMode.FirstTime"/> (default): wait only when this call added the subscription or replaced a
    /// named one's query; <see cref="WaitForSyncMode.Always"/>: wait in every case; <see cref="WaitForSyncMode.Never"/>: do not wait.
    /// </param>
    /// <param name="cancellationToken">Cancels the waits (for the write lock and for the server).</param>
    public static async Task<IQueryable<T>> SubscribeAsync<T>(this IQueryable<T> query, SubscriptionOptions? options = null,
        WaitForSyncMode waitForSyncMode = WaitForSyncMode.FirstTime, CancellationToken cancellationToken = default)
        where T : IRealmObject
    {
        var translated = SubscriptionQuery.From(query);
        var subscriptions = translated.Realm.Subscriptions;
        var existing = options?.Name is { } name ? subscriptions.Find(name) : subscriptions.FindUnnamed(translated);
        var unchanged = existing is not null && translated.Matches(existing.Stored);
        if (!unchanged)
        {
            await subscriptions.UpdateAsync(() => subscriptions.Add(query, options), cancellationToken).ConfigureAwait(false);
        }

        if (waitForSyncMode == WaitForSyncMode.Always || (waitForSyncMode == WaitForSyncMode.FirstTime && !unchanged))
        {
            await subscriptions.WaitForSynchronizationAsync(cancellationToken).ConfigureAwait(false);
        }

        return query;
    }
}
