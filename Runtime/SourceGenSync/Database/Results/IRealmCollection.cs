using System.Collections.Generic;
using System.Collections.Specialized;
using System.ComponentModel;

namespace SourceGenSync;

/// <summary>
/// A live collection: query results, or a managed list or set. It always shows the realm's current version and
/// reports what changed after each commit, through <see cref="SubscribeForNotifications"/> (with indices) and
/// <see cref="INotifyCollectionChanged"/> (for data binding).
/// </summary>
public interface IRealmCollection<T> : IReadOnlyList<T>, INotifyCollectionChanged, INotifyPropertyChanged
{
    /// <summary>The realm the collection belongs to.</summary>
    Realm Realm { get; }

    /// <summary>False once the realm was closed or the collection's owner removed.</summary>
    bool IsValid { get; }

    /// <summary>
    /// Calls <paramref name="callback"/> once soon with no change set (the initial state), then after every commit
    /// that changed the collection, with the inserted, deleted and modified indices. Dispose the result to stop.
    /// </summary>
    System.IDisposable SubscribeForNotifications(NotificationCallbackDelegate<T> callback);
}

/// <summary>Receives a collection's changes; <paramref name="changes"/> is null for the first call.</summary>
public delegate void NotificationCallbackDelegate<T>(IRealmCollection<T> sender, ChangeSet? changes);
