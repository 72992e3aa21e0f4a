using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Runtime.Tests.Collections;

namespace SourceGenSync.Runtime.Tests.Notifications;

public sealed class ResultsNotificationTests : IDisposable
{
    private readonly TempRealm _temp = new(NotifPerson.Schema, NotifToy.Schema, NotifOther.Schema);
    private readonly Realm _realm;

    public ResultsNotificationTests()
    {
        _realm = _temp.Open();
    }

    public void Dispose() => _temp.Dispose();

    private void AddPeople(params (int Id, string Name, int Age)[] people) => _realm.Write(() =>
    {
        foreach (var (id, name, age) in people)
        {
            _realm.Add(new NotifPerson { Id = id, Name = name, Age = age });
        }
    });

    private static async Task<(NotificationRecorder<ChangeSet> Recorder, IDisposable Token)> Subscribe(IQueryable<NotifPerson> query)
    {
        var recorder = new NotificationRecorder<ChangeSet>();
        var token = query.SubscribeForNotifications((_, changes) => recorder.Record(changes));
        await recorder.WaitForCalls(1);
        return (recorder, token);
    }

    [Fact]
    public async Task The_first_callback_comes_asynchronously_with_no_change_set()
    {
        AddPeople((1, "a", 10));
        var recorder = new NotificationRecorder<ChangeSet>();
        // "Inside" means on the subscribing thread before SubscribeForNotifications returned. A callback on
        // another thread may legitimately run before the flag below is cleared; that is still asynchronous.
        var subscribingThread = Environment.CurrentManagedThreadId;
        var insideSubscribe = true;
        var calledInside = false;
        using var token = _realm.All<NotifPerson>().SubscribeForNotifications((sender, changes) =>
        {
            calledInside |= Volatile.Read(ref insideSubscribe) && Environment.CurrentManagedThreadId == subscribingThread;
            Assert.Single(sender);
            recorder.Record(changes);
        });
        Volatile.Write(ref insideSubscribe, false);

        await recorder.WaitForCalls(1);
        Assert.False(calledInside);
        Assert.Equal([null], recorder.Calls);
    }

    [Fact]
    public async Task Adding_objects_reports_their_new_indices()
    {
        AddPeople((1, "a", 10));
        var (recorder, token) = await Subscribe(_realm.All<NotifPerson>());
        using var _ = token;

        AddPeople((2, "b", 20), (3, "c", 30));

        Assert.Equal(2, recorder.Calls.Count);
        Assert.Equal([1, 2], recorder.Last.InsertedIndices);
        Assert.Empty(recorder.Last.DeletedIndices);
        Assert.Empty(recorder.Last.ModifiedIndices);
    }

    [Fact]
    public async Task Removing_objects_reports_their_old_indices()
    {
        AddPeople((1, "a", 10), (2, "b", 20), (3, "c", 30));
        var (recorder, token) = await Subscribe(_realm.All<NotifPerson>());
        using var _ = token;

        _realm.Write(() => _realm.Remove(_realm.Find<NotifPerson>(2)!));

        Assert.Equal([1], recorder.Last.DeletedIndices);
        Assert.Empty(recorder.Last.InsertedIndices);
        Assert.False(recorder.Last.IsCleared);
    }

    [Fact]
    public async Task Changing_a_property_reports_the_object_as_modified_at_old_and_new_index()
    {
        AddPeople((1, "a", 10), (2, "b", 20));
        var (recorder, token) = await Subscribe(_realm.All<NotifPerson>());
        using var _ = token;

        var second = _realm.Find<NotifPerson>(2)!;
        _realm.Write(() => second.Name = "B");

        Assert.Equal([1], recorder.Last.ModifiedIndices);
        Assert.Equal([1], recorder.Last.NewModifiedIndices);
        Assert.Empty(recorder.Last.InsertedIndices);
    }

    [Fact]
    public async Task Sorted_results_report_insertions_at_their_sorted_position()
    {
        AddPeople((1, "a", 10), (2, "c", 30));
        var (recorder, token) = await Subscribe(_realm.All<NotifPerson>().OrderBy(p => p.Age));
        using var _ = token;

        AddPeople((3, "b", 20));

        Assert.Equal([1], recorder.Last.InsertedIndices);
    }

    [Fact]
    public async Task Sorted_results_report_a_reordering_update_as_a_move()
    {
        AddPeople((1, "a", 10), (2, "b", 20), (3, "c", 30));
        var (recorder, token) = await Subscribe(_realm.All<NotifPerson>().OrderBy(p => p.Age));
        using var _ = token;

        _realm.Write(() => _realm.Find<NotifPerson>(1)!.Age = 40);

        var changes = recorder.Last;
        Assert.Equal([new ChangeSet.Move(0, 2)], changes.Moves);
        Assert.Equal([0], changes.DeletedIndices);
        Assert.Equal([2], changes.InsertedIndices);
        Assert.Empty(changes.ModifiedIndices);
    }

    [Fact]
    public async Task Filtered_results_report_objects_entering_and_leaving_the_filter()
    {
        AddPeople((1, "a", 10), (2, "b", 20), (3, "c", 30));
        var (recorder, token) = await Subscribe(_realm.All<NotifPerson>().Where(p => p.Age >= 20));
        using var _ = token;

        _realm.Write(() => _realm.Find<NotifPerson>(1)!.Age = 25);
        Assert.Equal([0], recorder.Last.InsertedIndices);

        _realm.Write(() => _realm.Find<NotifPerson>(3)!.Age = 5);
        Assert.Equal([2], recorder.Last.DeletedIndices);
        Assert.Equal(2, _realm.All<NotifPerson>().Where(p => p.Age >= 20).Count());
    }

    [Fact]
    public async Task Commits_that_do_not_change_the_results_raise_no_callback()
    {
        AddPeople((1, "a", 10));
        var (recorder, token) = await Subscribe(_realm.All<NotifPerson>().Where(p => p.Age > 50));
        using var _ = token;

        _realm.Write(() => _realm.Add(new NotifOther { Id = 1 }));
        _realm.Write(() => _realm.Find<NotifPerson>(1)!.Name = "still young");
        Assert.Single(recorder.Calls);

        AddPeople((2, "old", 60));
        Assert.Equal(2, recorder.Calls.Count);
        Assert.Equal([0], recorder.Last.InsertedIndices);
    }

    [Fact]
    public async Task Disposing_the_token_stops_callbacks()
    {
        var (recorder, token) = await Subscribe(_realm.All<NotifPerson>());
        AddPeople((1, "a", 10));
        Assert.Equal(2, recorder.Calls.Count);

        token.Dispose();
        AddPeople((2, "b", 20));
        Assert.Equal(2, recorder.Calls.Count);
    }

    [Fact]
    public async Task Removing_everything_reports_a_cleared_collection()
    {
        AddPeople((1, "a", 10), (2, "b", 20));
        var (recorder, token) = await Subscribe(_realm.All<NotifPerson>());
        using var _ = token;

        _realm.Write(() => _realm.RemoveAll<NotifPerson>());

        Assert.True(recorder.Last.IsCleared);
        Assert.Equal([0, 1], recorder.Last.DeletedIndices);
    }

    [Fact]
    public async Task A_commit_in_another_instance_reaches_this_realms_subscribers()
    {
        AddPeople((1, "a", 10));
        var (recorder, token) = await Subscribe(_realm.All<NotifPerson>().OrderBy(p => p.Id));
        using var _ = token;
        var other = _temp.Open();

        other.Write(() => other.Add(new NotifPerson { Id = 2, Name = "from other", Age = 1 }));
        await recorder.WaitForCalls(2);
        Assert.Equal([1], recorder.Calls[1]!.InsertedIndices);

        other.Write(() => other.Find<NotifPerson>(1)!.Age = 99);
        await recorder.WaitForCalls(3);
        Assert.Equal([0], recorder.Calls[2]!.ModifiedIndices);

        other.Write(() => other.Remove(other.Find<NotifPerson>(2)!));
        await recorder.WaitForCalls(4);
        Assert.Equal([1], recorder.Calls[3]!.DeletedIndices);
        Assert.Single(_realm.All<NotifPerson>());
    }

    [Fact]
    public async Task Closing_the_realm_stops_notifications_and_invalidates_the_results()
    {
        var results = _realm.All<NotifPerson>().AsRealmCollection();
        var (recorder, token) = await Subscribe(_realm.All<NotifPerson>());
        using var _ = token;
        var other = _temp.Open();

        _realm.Dispose();
        other.Write(() => other.Add(new NotifPerson { Id = 1, Name = "after close" }));

        Assert.False(results.IsValid);
        Assert.Single(recorder.Calls);
    }

    [Fact]
    public async Task Local_commits_notify_on_the_committing_thread()
    {
        var (recorder, token) = await Subscribe(_realm.All<NotifPerson>());
        using var _ = token;

        var thread = await Task.Run(() =>
        {
            AddPeople((1, "a", 1));
            return Environment.CurrentManagedThreadId;
        });

        Assert.Equal(thread, recorder.ThreadOfLastCall);
    }

    [Fact]
    public async Task A_subscribed_query_stays_alive_while_only_its_token_is_referenced()
    {
        var recorder = new NotificationRecorder<ChangeSet>();
        var token = SubscribeWithoutKeepingTheQuery(recorder);
        await recorder.WaitForCalls(1);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        AddPeople((1, "a", 1));

        Assert.Equal(2, recorder.Calls.Count);
        GC.KeepAlive(token);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private IDisposable SubscribeWithoutKeepingTheQuery(NotificationRecorder<ChangeSet> recorder) =>
        _realm.All<NotifPerson>().Where(p => p.Age > 0).SubscribeForNotifications((_, changes) => recorder.Record(changes));

    [Fact]
    public void Subscribing_on_a_frozen_realm_throws()
    {
        using var frozen = _realm.Freeze();

        Assert.Throws<InvalidOperationException>(() => frozen.All<NotifPerson>().SubscribeForNotifications((_, _) => { }));
    }
}
