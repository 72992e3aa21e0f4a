using SourceGenSync.Internal.Transactions;

namespace SourceGenSync.Internal.Notifications;

/// <summary>A query result or managed collection that reports its changes after each commit or refresh.</summary>
internal interface ILiveCollection
{
    /// <summary>Called outside the realm's gate after the realm moved to a new version; <paramref name="summary"/> says which rows changed.</summary>
    void OnRealmChanged(ChangeSummary summary);
}
