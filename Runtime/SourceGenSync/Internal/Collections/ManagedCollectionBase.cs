using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.ComponentModel;
using SourceGenSync.Internal.Notifications;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Internal.Transactions;

namespace SourceGenSync.Internal.Collections;

/// <summary>
/// What managed lists, sets and dictionaries share as live collections: the realm and validity, notifications
/// and data-binding events (elements are matched by their side-table rowid, which a position shift or an update
/// keeps), and the realm's change callback.
/// </summary>
/// <typeparam name="TElement">The enumerated element (a dictionary's is its key/value pair).</typeparam>
/// <typeparam name="TValue">The stored value.</typeparam>
internal abstract class ManagedCollectionBase<TElement, TValue> : IRealmCollection<TElement>, IManagedCollection, ILiveCollection
{
    private CollectionNotifier<TElement>? _notifier;

    protected ManagedCollectionBase(Realm realm, ManagedAccessor owner, CollectionTableMap map)
    {
        Core = new CollectionCore<TValue>(realm, owner, map);
    }

    internal CollectionCore<TValue> Core { get; }

    public Realm Realm => Core.Realm;

    /// <summary>False once the owner was removed or the realm closed.</summary>
    public bool IsValid => Core.IsValid;

    public int Count => Core.Count();

    /// <summary>True for the collections of a frozen realm, which never change.</summary>
    public bool IsReadOnly => Core.Realm.IsFrozen;

    internal CollectionNotifier<TElement> Notifier
    {
        get
        {
            if (_notifier is null)
            {
                System.Threading.Interlocked.CompareExchange(ref _notifier, new CollectionNotifier<TElement>(Realm, this, this, Capture), null);
            }

            return _notifier;
        }
    }

    TElement IReadOnlyList<TElement>.this[int index] => ElementAt(index);

    public event NotifyCollectionChangedEventHandler? CollectionChanged
    {
        add => Notifier.AddCollectionChanged(value);
        remove => Notifier.RemoveCollectionChanged(value);
    }

    public event PropertyChangedEventHandler? PropertyChanged
    {
        add => Notifier.AddPropertyChanged(value);
        remove => Notifier.RemovePropertyChanged(value);
    }

    public IDisposable SubscribeForNotifications(NotificationCallbackDelegate<TElement> callback)
    {
        Core.EnsureReadable();
        return Notifier.Subscribe(callback);
    }

    public abstract IEnumerator<TElement> GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Replaces the whole content: clear (recorded only when there was something), then add each item.</summary>
    public abstract void ReplaceWith(IEnumerable items);

    protected abstract TElement ElementAt(int index);

    /// <summary>The elements for events (a dictionary's are key/value pairs).</summary>
    protected abstract IList ItemsOf(CollectionRows<TValue> rows);

    protected static ArgumentOutOfRangeException OutOfRange(int index, int count) =>
        new(nameof(index), index, $"The index must be at least 0 and less than {count} (the collection's count).");

    void ILiveCollection.OnRealmChanged(ChangeSummary summary)
    {
        // Only changes to the owner's table (its collections are recorded as owner modifications) or to the
        // elements' table can change what this collection shows.
        if (_notifier is { } notifier && (TouchesOwner(summary) || (Core.TargetTableId >= 0 && summary.Touches(Core.TargetTableId))))
        {
            notifier.OnRealmChanged(summary);
        }
    }

    /// <summary>Commits of other instances name an embedded owner's changes by its top-level object: check the whole chain.</summary>
    private bool TouchesOwner(ChangeSummary summary)
    {
        for (var owner = Core.Owner; owner is not null; owner = owner.Owner)
        {
            if (summary.Touches(owner.Table.Id))
            {
                return true;
            }
        }

        return false;
    }

    private CollectionState Capture(bool withItems)
    {
        if (Core.RowsOrNull() is not { } rows)
        {
            return new CollectionState([], [], [], Core.TargetTableId, withItems ? Array.Empty<TElement>() : null, []);
        }

        return new CollectionState(rows.RowIds, rows.Values, rows.TargetKeys, Core.TargetTableId, withItems ? ItemsOf(rows) : null, rows.Keys);
    }

    public override string ToString() => $"{Core.Map.OwnerClass}.{Core.Property.Name} of {Core.Owner}";
}
