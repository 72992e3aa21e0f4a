namespace SourceGenSync.Sync;

/// <summary>When <see cref="SubscriptionQueryableExtensions.SubscribeAsync{T}"/> waits for the server.</summary>
public enum WaitForSyncMode
{
    /// <summary>Wait only when the call added the subscription (or changed a named one's query); return at once when it already existed.</summary>
    FirstTime,

    /// <summary>Always wait until the subscription set is Complete.</summary>
    Always,

    /// <summary>Never wait: return after the subscription is stored locally (what an app offline wants).</summary>
    Never,
}
