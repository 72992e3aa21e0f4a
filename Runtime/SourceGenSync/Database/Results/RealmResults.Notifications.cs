using System;
using System.Collections.Specialized;
using System.ComponentModel;
using System.Threading;
using SourceGenSync.Internal.Notifications;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Transactions;

namespace SourceGenSync;

/// <summary>
/// Notifications of query results: the matching row keys are re-read after each commit or refresh that touched
/// any table and compared with the previous ones; objects whose rows the commit modified are reported as
/// modified. Nothing is computed while nobody listens.
/// </summary>
public sealed partial class RealmResults<T> : ILiveCollection
{
    private CollectionNotifier<T>? _notifier;

    /// <summary>
    /// Raised after commits that changed the results (Add, Remove, Move, Replace or Reset). Keep a reference to
    /// the results while handlers are attached: the realm holds observed results weakly.
    /// </summary>
    public event NotifyCollectionChangedEventHandler? CollectionChanged
    {
        add => Notifier.AddCollectionChanged(value);
        remove => Notifier.RemoveCollectionChanged(value);
    }

    /// <summary>Raised for "Count" and "Item[]" after commits that changed the results.</summary>
    public event PropertyChangedEventHandler? PropertyChanged
    {
        add => Notifier.AddPropertyChanged(value);
        remove => Notifier.RemovePropertyChanged(value);
    }

    private CollectionNotifier<T> Notifier
    {
        get
        {
            if (_notifier is null)
            {
                Interlocked.CompareExchange(ref _notifier, new CollectionNotifier<T>(Realm, this, this, Capture), null);
            }

            return _notifier;
        }
    }

    /// <summary>
    /// Calls <paramref name="callback"/> soon with a null change set, then after every commit or refresh that
    /// changed the results. Keep the returned token (it keeps the subscription alive) and dispose it to stop.
    /// </summary>
    public IDisposable SubscribeForNotifications(NotificationCallbackDelegate<T> callback) => Notifier.Subscribe(callback);

    void ILiveCollection.OnRealmChanged(ChangeSummary summary)
    {
        if (!summary.IsEmpty)
        {
            _notifier?.OnRealmChanged(summary);
        }
    }

    private CollectionState Capture(bool withItems)
    {
        if (!withItems)
        {
            return new CollectionState([.. Realm.ExecuteKeys(Model)], null, null, Table.Id, null);
        }

        var items = Snapshot().ToArray();
        var keys = new long[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            keys[i] = ((IRealmObjectBase)items[i]!).Accessor is ManagedAccessor accessor ? accessor.Key : -1;
        }

        return new CollectionState(keys, null, null, Table.Id, items);
    }
}
