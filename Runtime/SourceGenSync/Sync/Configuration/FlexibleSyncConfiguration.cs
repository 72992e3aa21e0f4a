namespace SourceGenSync.Sync;

/// <summary>
/// A realm that syncs what its queries select (flexible sync): the objects matching <c>realm.Subscriptions</c>,
/// within what the server's rules let <see cref="SyncConfiguration.User"/> read. Open it like any synced realm.
/// </summary>
public class FlexibleSyncConfiguration : SyncConfiguration
{
    /// <summary>Creates the configuration of a flexible-sync realm.</summary>
    /// <param name="user">The logged-in user the session authenticates as.</param>
    /// <param name="optionalPath">As for <see cref="SyncConfiguration"/>: unset is <c>default.realm</c> in the user's folder.</param>
    public FlexibleSyncConfiguration(User user, string? optionalPath = null)
        : base(user, optionalPath)
    {
    }

    /// <summary>Adds the first subscriptions of a new realm file (called inside a subscriptions Update).</summary>
    /// <param name="realm">The realm being opened: call <c>realm.Subscriptions.Add(...)</c> on it.</param>
    public delegate void InitialSubscriptionsDelegate(Realm realm);

    /// <summary>
    /// Called once, when the realm file is first opened (it has no subscription set yet), inside a
    /// <c>Subscriptions.Update</c>: add the subscriptions the app starts with (<c>realm.Subscriptions.Add(...)</c>, not
    /// Update). Not called again on later opens, even if it changes. If it throws, the open fails and nothing is stored.
    /// </summary>
    public InitialSubscriptionsDelegate? PopulateInitialSubscriptions { get; init; }

    /// <summary>
    /// The open path calls this on every open of a flexible realm, before its session starts: the first time the file
    /// has no subscription set it stores the initial empty set (version 0) and runs
    /// <see cref="PopulateInitialSubscriptions"/> in the same transaction (version 1). Idempotent afterwards; a no-op
    /// on a read-only realm. Returns whether it initialized the file.
    /// </summary>
    internal bool RunInitialSubscriptions(Realm realm) => realm.Subscriptions.InitializeIfNew(PopulateInitialSubscriptions);
}
