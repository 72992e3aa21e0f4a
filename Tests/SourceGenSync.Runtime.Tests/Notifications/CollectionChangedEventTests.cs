using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.ComponentModel;
using System.Linq;
using SourceGenSync.Runtime.Tests.Collections;

namespace SourceGenSync.Runtime.Tests.Notifications;

/// <summary>INotifyCollectionChanged and INotifyPropertyChanged for data binding, raised on the committing thread.</summary>
public sealed class CollectionChangedEventTests : IDisposable
{
    private readonly TempRealm _temp = new(NotifPerson.Schema, NotifToy.Schema, NotifOther.Schema);
    private readonly Realm _realm;
    private readonly NotifPerson _owner;
    private readonly List<NotifyCollectionChangedEventArgs> _events = [];
    private readonly List<string?> _properties = [];

    public CollectionChangedEventTests()
    {
        _realm = _temp.Open();
        _owner = _realm.Write(() => _realm.Add(new NotifPerson { Id = 1, Name = "owner" }));
    }

    public void Dispose() => _temp.Dispose();

    private void Listen<T>(IRealmCollection<T> collection)
    {
        collection.CollectionChanged += (_, e) => _events.Add(e);
        collection.PropertyChanged += (_, e) => _properties.Add(e.PropertyName);
    }

    [Fact]
    public void A_contiguous_insertion_raises_Add_with_the_new_items_and_Count()
    {
        var tags = _owner.Tags.AsRealmCollection();
        Listen(tags);

        _realm.Write(() =>
        {
            _owner.Tags.Add("a");
            _owner.Tags.Add("b");
        });

        var e = Assert.Single(_events);
        Assert.Equal(NotifyCollectionChangedAction.Add, e.Action);
        Assert.Equal(0, e.NewStartingIndex);
        Assert.Equal(["a", "b"], e.NewItems!.Cast<string>());
        Assert.Equal(["Count", "Item[]"], _properties);
    }

    [Fact]
    public void A_contiguous_deletion_raises_Remove_with_the_old_items()
    {
        _realm.Write(() =>
        {
            foreach (var tag in new[] { "a", "b", "c" })
            {
                _owner.Tags.Add(tag);
            }
        });
        Listen(_owner.Tags.AsRealmCollection());

        _realm.Write(() =>
        {
            _owner.Tags.RemoveAt(1);
            _owner.Tags.RemoveAt(1);
        });

        var e = Assert.Single(_events);
        Assert.Equal(NotifyCollectionChangedAction.Remove, e.Action);
        Assert.Equal(1, e.OldStartingIndex);
        Assert.Equal(["b", "c"], e.OldItems!.Cast<string>());
    }

    [Fact]
    public void Replacing_one_element_raises_Replace_and_a_single_move_raises_Move()
    {
        _realm.Write(() =>
        {
            _owner.Tags.Add("a");
            _owner.Tags.Add("b");
            _owner.Tags.Add("c");
        });
        Listen(_owner.Tags.AsRealmCollection());

        _realm.Write(() => _owner.Tags[0] = "A");
        _realm.Write(() => _owner.Tags.Move(0, 2));

        Assert.Equal([NotifyCollectionChangedAction.Replace, NotifyCollectionChangedAction.Move], _events.Select(e => e.Action));
        Assert.Equal("A", _events[0].NewItems![0]);
        Assert.Equal("a", _events[0].OldItems![0]);
        Assert.Equal(0, _events[1].OldStartingIndex);
        Assert.Equal(2, _events[1].NewStartingIndex);
        Assert.Equal("A", _events[1].NewItems![0]);
        Assert.Equal(["Item[]", "Item[]"], _properties);
    }

    [Fact]
    public void Scattered_changes_raise_Reset()
    {
        _realm.Write(() =>
        {
            foreach (var tag in new[] { "a", "b", "c" })
            {
                _owner.Tags.Add(tag);
            }
        });
        Listen(_owner.Tags.AsRealmCollection());

        _realm.Write(() =>
        {
            _owner.Tags.RemoveAt(0);
            _owner.Tags.Add("d");
        });

        Assert.Equal(NotifyCollectionChangedAction.Reset, Assert.Single(_events).Action);
    }

    [Fact]
    public void Query_results_raise_events_and_modifications_in_place_raise_none()
    {
        var results = _realm.All<NotifPerson>().OrderBy(p => p.Id).AsRealmCollection();
        Listen(results);

        var added = _realm.Write(() => _realm.Add(new NotifPerson { Id = 2, Name = "two" }));
        _realm.Write(() => added.Age = 5);

        var e = Assert.Single(_events);
        Assert.Equal(NotifyCollectionChangedAction.Add, e.Action);
        Assert.Equal(1, e.NewStartingIndex);
        Assert.Same(added, e.NewItems![0]);
    }

    [Fact]
    public void Removing_the_handlers_stops_the_events()
    {
        var tags = _owner.Tags.AsRealmCollection();
        NotifyCollectionChangedEventHandler handler = (_, e) => _events.Add(e);
        tags.CollectionChanged += handler;
        _realm.Write(() => _owner.Tags.Add("a"));
        tags.CollectionChanged -= handler;
        _realm.Write(() => _owner.Tags.Add("b"));

        Assert.Single(_events);
    }

    [Fact]
    public void Managed_collections_are_observable_through_the_standard_interfaces()
    {
        Assert.IsAssignableFrom<INotifyCollectionChanged>(_owner.Tags);
        Assert.IsAssignableFrom<INotifyPropertyChanged>(_owner.Numbers);
        Assert.IsAssignableFrom<INotifyCollectionChanged>(_owner.Scores);
        Assert.IsAssignableFrom<INotifyCollectionChanged>(_realm.All<NotifPerson>());
    }
}
