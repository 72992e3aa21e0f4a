namespace SourceGenSync.Sync;

/// <summary>Where a version of the subscription set is in its round trip with the server.</summary>
public enum SubscriptionSetState
{
    /// <summary>Committed locally; the server has not yet sent everything it selects (always the state offline).</summary>
    Pending = 0,

    /// <summary>The server accepted the set and the realm holds every object it selects.</summary>
    Complete = 1,

    /// <summary>The server refused the set; <see cref="SubscriptionSet.Error"/> says why. The last Complete set keeps syncing.</summary>
    Error = 2,

    /// <summary>A newer set became Complete before this one: this one will never be synced on its own.</summary>
    Superseded = 3,
}
