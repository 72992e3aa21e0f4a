using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using SourceGenSync.Runtime.Tests.Collections;

namespace SourceGenSync.Runtime.Tests.Notifications;

/// <summary>Managed lists, sets and dictionaries notify like query results: elements are matched by their slot.</summary>
public sealed class CollectionNotificationTests : IDisposable
{
    private readonly TempRealm _temp = new(NotifPerson.Schema, NotifToy.Schema, NotifOther.Schema);
    private readonly Realm _realm;
    private readonly NotifPerson _owner;

    public CollectionNotificationTests()
    {
        _realm = _temp.Open();
        _owner = _realm.Write(() => _realm.Add(new NotifPerson { Id = 1, Name = "owner" }));
    }

    public void Dispose() => _temp.Dispose();

    private static async Task<(NotificationRecorder<ChangeSet> Recorder, IDisposable Token)> Subscribe<T>(IRealmCollection<T> collection)
    {
        var recorder = new NotificationRecorder<ChangeSet>();
        var token = collection.SubscribeForNotifications((_, changes) => recorder.Record(changes));
        await recorder.WaitForCalls(1);
        return (recorder, token);
    }

    [Fact]
    public async Task List_insertions_deletions_and_replacements_are_reported_by_index()
    {
        _realm.Write(() =>
        {
            _owner.Tags.Add("a");
            _owner.Tags.Add("b");
            _owner.Tags.Add("c");
        });
        var (recorder, token) = await Subscribe(_owner.Tags.AsRealmCollection());
        using var _ = token;

        _realm.Write(() => _owner.Tags.Insert(1, "x"));
        Assert.Equal([1], recorder.Last.InsertedIndices);

        _realm.Write(() => _owner.Tags.RemoveAt(0));
        Assert.Equal([0], recorder.Last.DeletedIndices);
        Assert.Empty(recorder.Last.InsertedIndices);

        _realm.Write(() => _owner.Tags[2] = "C");
        Assert.Equal([2], recorder.Last.ModifiedIndices);
        Assert.Equal([2], recorder.Last.NewModifiedIndices);
        Assert.Equal(["x", "b", "C"], _owner.Tags);
    }

    [Fact]
    public async Task List_Move_is_reported_as_a_move()
    {
        _realm.Write(() =>
        {
            foreach (var tag in new[] { "a", "b", "c", "d" })
            {
                _owner.Tags.Add(tag);
            }
        });
        var (recorder, token) = await Subscribe(_owner.Tags.AsRealmCollection());
        using var _ = token;

        _realm.Write(() => _owner.Tags.Move(3, 0));

        Assert.Equal([new ChangeSet.Move(3, 0)], recorder.Last.Moves);
        Assert.Equal([3], recorder.Last.DeletedIndices);
        Assert.Equal([0], recorder.Last.InsertedIndices);
    }

    [Fact]
    public async Task A_list_of_objects_reports_an_element_modified_when_the_object_changes()
    {
        var friend = new NotifPerson { Id = 2, Name = "friend" };
        _realm.Write(() =>
        {
            _owner.Friends.Add(new NotifPerson { Id = 3, Name = "other" });
            _owner.Friends.Add(friend);
        });
        var (recorder, token) = await Subscribe(_owner.Friends.AsRealmCollection());
        using var _ = token;

        _realm.Write(() => friend.Age = 42);

        Assert.Equal([1], recorder.Last.ModifiedIndices);
        Assert.Empty(recorder.Last.InsertedIndices);
    }

    [Fact]
    public async Task Removing_a_linked_object_reports_its_deletion_from_the_list()
    {
        var friend = new NotifPerson { Id = 2, Name = "friend" };
        _realm.Write(() =>
        {
            _owner.Friends.Add(new NotifPerson { Id = 3, Name = "stays" });
            _owner.Friends.Add(friend);
        });
        var (recorder, token) = await Subscribe(_owner.Friends.AsRealmCollection());
        using var _ = token;

        _realm.Write(() => _realm.Remove(friend));

        Assert.Equal([1], recorder.Last.DeletedIndices);
    }

    [Fact]
    public async Task A_list_of_embedded_objects_reports_modifications_of_its_elements()
    {
        _realm.Write(() =>
        {
            _owner.Toys.Add(new NotifToy { Name = "ball" });
            _owner.Toys.Add(new NotifToy { Name = "kite" });
        });
        var (recorder, token) = await Subscribe(_owner.Toys.AsRealmCollection());
        using var _ = token;

        _realm.Write(() => _owner.Toys[1].Name = "big kite");

        Assert.Equal([1], recorder.Last.ModifiedIndices);
    }

    [Fact]
    public async Task Removing_the_owner_reports_every_element_deleted()
    {
        _realm.Write(() =>
        {
            _owner.Tags.Add("a");
            _owner.Tags.Add("b");
        });
        var tags = _owner.Tags.AsRealmCollection();
        var (recorder, token) = await Subscribe(tags);
        using var _ = token;

        _realm.Write(() => _realm.Remove(_owner));

        Assert.True(recorder.Last.IsCleared);
        Assert.Equal([0, 1], recorder.Last.DeletedIndices);
        Assert.False(tags.IsValid);
    }

    [Fact]
    public async Task Set_changes_are_reported_in_insertion_order()
    {
        _realm.Write(() =>
        {
            _owner.Numbers.Add(5);
            _owner.Numbers.Add(6);
        });
        var (recorder, token) = await Subscribe(_owner.Numbers.AsRealmCollection());
        using var _ = token;

        _realm.Write(() =>
        {
            _owner.Numbers.Remove(5);
            _owner.Numbers.Add(7);
        });

        Assert.Equal([0], recorder.Last.DeletedIndices);
        Assert.Equal([1], recorder.Last.InsertedIndices);
    }

    [Fact]
    public async Task Dictionary_key_notifications_report_inserted_modified_and_deleted_keys()
    {
        _realm.Write(() =>
        {
            _owner.Scores["keep"] = 1;
            _owner.Scores["change"] = 2;
            _owner.Scores["drop"] = 3;
        });
        var recorder = new NotificationRecorder<DictionaryChangeSet>();
        using var token = _owner.Scores.SubscribeForKeyNotifications((sender, changes) => recorder.Record(changes));
        await recorder.WaitForCalls(1);

        _realm.Write(() =>
        {
            _owner.Scores["change"] = 20;
            _owner.Scores.Remove("drop");
            _owner.Scores["new"] = 4;
        });

        Assert.Equal(["new"], recorder.Last.InsertedKeys);
        Assert.Equal(["change"], recorder.Last.ModifiedKeys);
        Assert.Equal(["drop"], recorder.Last.DeletedKeys);
    }

    [Fact]
    public async Task Dictionary_index_notifications_follow_key_order()
    {
        _realm.Write(() =>
        {
            _owner.Scores["a"] = 1;
            _owner.Scores["c"] = 3;
        });
        var recorder = new NotificationRecorder<ChangeSet>();
        using var token = _owner.Scores.SubscribeForNotifications((sender, changes) => recorder.Record(changes));
        await recorder.WaitForCalls(1);

        _realm.Write(() => _owner.Scores["b"] = 2);

        Assert.Equal([1], recorder.Last.InsertedIndices);
    }

    [Fact]
    public async Task A_dictionary_value_whose_object_is_modified_is_reported_by_key()
    {
        var target = new NotifPerson { Id = 5, Name = "target" };
        _realm.Write(() => _owner.Named["t"] = target);
        var recorder = new NotificationRecorder<DictionaryChangeSet>();
        using var token = _owner.Named.SubscribeForKeyNotifications((sender, changes) => recorder.Record(changes));
        await recorder.WaitForCalls(1);

        _realm.Write(() => target.Age = 3);
        Assert.Equal(["t"], recorder.Last.ModifiedKeys);

        _realm.Write(() => _realm.Remove(target));
        Assert.Equal(["t"], recorder.Last.ModifiedKeys);
        Assert.Null(_owner.Named["t"]);
    }

    [Fact]
    public async Task Changes_to_other_objects_do_not_notify_a_collection()
    {
        var other = _realm.Write(() => _realm.Add(new NotifPerson { Id = 9, Name = "other" }));
        var (recorder, token) = await Subscribe(_owner.Tags.AsRealmCollection());
        using var _ = token;

        _realm.Write(() =>
        {
            other.Tags.Add("not mine");
            other.Age = 1;
            _owner.Age = 2;
        });
        Assert.Single(recorder.Calls);

        _realm.Write(() => _owner.Tags.Add("mine"));
        Assert.Equal(2, recorder.Calls.Count);
    }

    [Fact]
    public async Task A_list_changed_in_another_instance_notifies_after_the_refresh()
    {
        var (recorder, token) = await Subscribe(_owner.Tags.AsRealmCollection());
        using var _ = token;
        var other = _temp.Open();

        other.Write(() => other.Find<NotifPerson>(1)!.Tags.Add("remote"));

        await recorder.WaitForCalls(2);
        Assert.Equal([0], recorder.Calls[1]!.InsertedIndices);
        Assert.Equal(["remote"], _owner.Tags);
    }

    [Fact]
    public async Task Each_subscriber_gets_its_own_initial_callback_and_changes()
    {
        var tags = _owner.Tags.AsRealmCollection();
        var (first, firstToken) = await Subscribe(tags);
        _realm.Write(() => _owner.Tags.Add("a"));
        var (second, secondToken) = await Subscribe(tags);
        using var _ = firstToken;
        using var __ = secondToken;

        _realm.Write(() => _owner.Tags.Add("b"));

        Assert.Equal(3, first.Calls.Count);
        Assert.Equal(2, second.Calls.Count);
        Assert.Equal([1], first.Last.InsertedIndices);
        Assert.Equal([1], second.Last.InsertedIndices);
    }

    [Fact]
    public async Task A_callback_that_writes_gets_the_nested_change_in_order()
    {
        var recorder = new NotificationRecorder<ChangeSet>();
        var seen = new List<int>();
        using var token = _owner.Tags.AsRealmCollection().SubscribeForNotifications((sender, changes) =>
        {
            recorder.Record(changes);
            seen.Add(sender.Count);
            if (changes is not null && sender.Count == 1)
            {
                _realm.Write(() => _owner.Tags.Add("second"));
            }
        });
        await recorder.WaitForCalls(1);

        _realm.Write(() => _owner.Tags.Add("first"));

        Assert.Equal([0, 1, 2], seen);
        Assert.Equal([1], recorder.Last.InsertedIndices);
        Assert.Equal(3, recorder.Calls.Count);
    }
}
