using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.ComponentModel;
using System.Threading;
using SourceGenSync.Internal.Transactions;

namespace SourceGenSync.Internal.Notifications;

/// <summary>
/// Delivers a live collection's changes to its subscribers: callbacks from SubscribeForNotifications, dictionary
/// key callbacks, and the CollectionChanged / PropertyChanged events. Registers the collection with its realm while
/// anyone listens (the realm holds it weakly; a subscription token holds it strongly).
/// </summary>
/// <remarks>
/// Each listener keeps its own baseline (the state it last saw), so a late first callback never makes another
/// listener miss a change. Deliveries are serialized by one re-entrant lock per collection: callbacks see changes
/// in order, and a callback that commits gets the nested notification before the outer delivery continues (the
/// sequence numbers keep the outer one from reporting the older state afterwards). User code runs under this lock
/// but never under the realm's gate.
/// </remarks>
internal sealed class CollectionNotifier<T>
{
    private readonly Realm _realm;
    private readonly IRealmCollection<T> _sender;
    private readonly ILiveCollection _live;
    private readonly Func<bool, CollectionState> _capture;
    private readonly Lock _lock = new();
    private readonly List<Subscription> _subscriptions = [];
    private NotifyCollectionChangedEventHandler? _collectionChanged;
    private PropertyChangedEventHandler? _propertyChanged;
    private CollectionState? _eventBaseline;
    private long _sequence;
    private bool _registered;

    /// <param name="realm">The realm whose commits are observed.</param>
    /// <param name="sender">What callbacks and events receive as their sender.</param>
    /// <param name="live">What the realm calls back (the collection itself).</param>
    /// <param name="capture">Reads the collection's current state; the argument says whether the elements are needed (events).</param>
    public CollectionNotifier(Realm realm, IRealmCollection<T> sender, ILiveCollection live, Func<bool, CollectionState> capture)
    {
        _realm = realm;
        _sender = sender;
        _live = live;
        _capture = capture;
    }

    /// <summary>Raised as the sender's CollectionChanged event.</summary>
    public object EventSender => _sender;

    public IDisposable Subscribe(NotificationCallbackDelegate<T> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Add(new Subscription(this, (state, summary) =>
        {
            if (summary is null)
            {
                callback(_sender, null);
            }
            else if (ChangeSetCalculator.Compute(state.Old, state.New, summary) is { } diff)
            {
                callback(_sender, diff.Changes);
            }
        }));
    }

    public IDisposable SubscribeForKeys<TValue>(IDictionary<string, TValue> sender, DictionaryNotificationCallbackDelegate<TValue> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Add(new Subscription(this, (state, summary) =>
        {
            if (summary is null)
            {
                callback(sender, null);
            }
            else if (ChangeSetCalculator.ComputeKeys(state.Old, state.New, summary) is { } changes)
            {
                callback(sender, changes);
            }
        }));
    }

    private Subscription Add(Subscription subscription)
    {
        _realm.ThrowIfClosed();
        if (_realm.IsFrozen)
        {
            throw new InvalidOperationException("A collection of a frozen realm never changes, so it has no notifications. Subscribe on the live realm's collection.");
        }

        lock (_lock)
        {
            subscription.Baseline = Capture(withItems: false);
            _subscriptions.Add(subscription);
            UpdateRegistration();
        }

        // The first call is always asynchronous, never inside SubscribeForNotifications.
        _realm.Post(subscription.DeliverInitial);
        return subscription;
    }

    public void AddCollectionChanged(NotifyCollectionChangedEventHandler? handler) => ChangeEvents(() => _collectionChanged += handler);

    public void RemoveCollectionChanged(NotifyCollectionChangedEventHandler? handler) => ChangeEvents(() => _collectionChanged -= handler);

    public void AddPropertyChanged(PropertyChangedEventHandler? handler) => ChangeEvents(() => _propertyChanged += handler);

    public void RemovePropertyChanged(PropertyChangedEventHandler? handler) => ChangeEvents(() => _propertyChanged -= handler);

    private void ChangeEvents(Action change)
    {
        lock (_lock)
        {
            change();
            var listening = _collectionChanged is not null || _propertyChanged is not null;
            if (listening && _eventBaseline is null && !_realm.IsClosed && !_realm.IsFrozen)
            {
                _eventBaseline = Capture(withItems: true);
            }
            else if (!listening)
            {
                _eventBaseline = null;
            }

            UpdateRegistration();
        }
    }

    /// <summary>After a commit or refresh: captures the new state once and tells every listener what changed for it.</summary>
    public void OnRealmChanged(ChangeSummary summary)
    {
        lock (_lock)
        {
            if (_realm.IsClosed || (_subscriptions.Count == 0 && _eventBaseline is null))
            {
                return;
            }

            CollectionState state;
            try
            {
                state = Capture(withItems: _eventBaseline is not null);
            }
            catch (ObjectDisposedException)
            {
                return; // closed while delivering
            }

            foreach (var subscription in _subscriptions.ToArray())
            {
                subscription.Deliver(state, summary);
            }

            if (_eventBaseline is { } baseline && baseline.Sequence < state.Sequence)
            {
                _eventBaseline = state;
                if (ChangeSetCalculator.Compute(baseline, state, summary) is { } diff)
                {
                    CollectionEvents.Raise(this, _collectionChanged, _propertyChanged, baseline, state, diff);
                }
            }
        }
    }

    private CollectionState Capture(bool withItems)
    {
        var state = _capture(withItems);
        state.Sequence = ++_sequence;
        return state;
    }

    /// <summary>Registered with the realm exactly while someone listens (call under the lock).</summary>
    private void UpdateRegistration()
    {
        var listening = _subscriptions.Count > 0 || _eventBaseline is not null;
        if (listening && !_registered)
        {
            _realm.RegisterLive(_live);
            _registered = true;
        }
        else if (!listening && _registered)
        {
            _realm.UnregisterLive(_live);
            _registered = false;
        }
    }

    /// <summary>One SubscribeForNotifications: its token, its baseline, and whether its first (null) call happened.</summary>
    private sealed class Subscription : IDisposable
    {
        private readonly CollectionNotifier<T> _notifier;
        private readonly Action<(CollectionState Old, CollectionState New), ChangeSummary?> _deliver;
        private bool _started;
        private bool _disposed;

        public Subscription(CollectionNotifier<T> notifier, Action<(CollectionState Old, CollectionState New), ChangeSummary?> deliver)
        {
            _notifier = notifier;
            _deliver = deliver;
        }

        public CollectionState Baseline { get; set; } = null!;

        public void DeliverInitial()
        {
            lock (_notifier._lock)
            {
                if (_disposed || _started || _notifier._realm.IsClosed)
                {
                    return;
                }

                // What the callback reads now is what the next change set is relative to.
                try
                {
                    Baseline = _notifier.Capture(withItems: false);
                }
                catch (ObjectDisposedException)
                {
                    return; // the realm closed in the meantime: nothing to report, ever
                }

                _started = true;
                _deliver((Baseline, Baseline), null);
            }
        }

        /// <summary>Call under the notifier's lock.</summary>
        public void Deliver(CollectionState state, ChangeSummary summary)
        {
            if (_disposed || Baseline.Sequence >= state.Sequence)
            {
                return;
            }

            var old = Baseline;
            Baseline = state;
            if (_started)
            {
                _deliver((old, state), summary);
            }
        }

        public void Dispose()
        {
            lock (_notifier._lock)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                _notifier._subscriptions.Remove(this);
                _notifier.UpdateRegistration();
            }
        }
    }
}
