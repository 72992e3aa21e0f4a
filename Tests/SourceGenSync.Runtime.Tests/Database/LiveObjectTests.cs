using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>Managed objects are live: they follow commits of their own and other instances, with PropertyChanged.</summary>
public sealed class LiveObjectTests : IDisposable
{
    private readonly TempRealm _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_change_through_one_reference_is_seen_through_every_reference_of_the_same_instance()
    {
        var realm = _temp.Open();
        var todo = realm.Write(() => realm.Add(new TodoItem { Id = ObjectId.GenerateNewId(), Title = "a" }));
        var found = realm.Find<TodoItem>(todo.Id)!;
        var queried = realm.All<TodoItem>().First();

        realm.Write(() => found.Title = "b");

        Assert.Equal("b", todo.Title);
        Assert.Equal("b", queried.Title);
    }

    [Fact]
    public async Task A_commit_in_another_instance_reaches_live_objects_after_the_automatic_refresh()
    {
        var reader = _temp.Open();
        var writer = _temp.Open();
        var id = ObjectId.GenerateNewId();
        writer.Write(() => writer.Add(new TodoItem { Id = id, Title = "a", Priority = 1 }));
        reader.Refresh();
        var todo = reader.Find<TodoItem>(id)!;
        var changed = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        todo.PropertyChanged += (_, e) => changed.TrySetResult(e.PropertyName);

        writer.Write(() => writer.Find<TodoItem>(id)!.Title = "b");

        Assert.Equal("Title", await changed.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("b", todo.Title);
        Assert.Equal(1, todo.Priority);
    }

    [Fact]
    public void PropertyChanged_is_raised_once_per_changed_property_after_the_commit()
    {
        var realm = _temp.Open();
        var todo = realm.Write(() => realm.Add(new TodoItem { Id = ObjectId.GenerateNewId(), Title = "a" }));
        var raised = new List<string?>();
        todo.PropertyChanged += (_, e) => raised.Add(e.PropertyName);

        using (var transaction = realm.BeginWrite())
        {
            todo.Title = "b";
            todo.Title = "c";
            todo.Priority = 5;
            Assert.Empty(raised);
            transaction.Commit();
        }

        Assert.Equal(["Priority", "Title"], raised.Order());
    }

    [Fact]
    public void A_PropertyChanged_handler_can_write_in_response_to_a_commit()
    {
        var realm = _temp.Open();
        var todo = realm.Write(() => realm.Add(new TodoItem { Id = ObjectId.GenerateNewId(), Title = "a" }));
        todo.PropertyChanged += (_, e) =>
        {
            if (e.PropertyName == "Title" && !todo.IsDone)
            {
                realm.Write(() => todo.IsDone = true);
            }
        };

        realm.Write(() => todo.Title = "b");

        Assert.True(todo.IsDone);
        Assert.False(realm.IsInTransaction);
        Assert.True(_temp.Open().Find<TodoItem>(todo.Id)!.IsDone);
    }

    [Fact]
    public void PropertyChanged_is_not_raised_for_a_rolled_back_change()
    {
        var realm = _temp.Open();
        var todo = realm.Write(() => realm.Add(new TodoItem { Id = ObjectId.GenerateNewId(), Title = "a" }));
        var raised = new List<string?>();
        todo.PropertyChanged += (_, e) => raised.Add(e.PropertyName);

        using (realm.BeginWrite())
        {
            todo.Title = "b";
        }

        Assert.Empty(raised);
        Assert.Equal("a", todo.Title);
    }

    [Fact]
    public void Refreshing_from_another_instance_raises_PropertyChanged_only_for_the_changed_values()
    {
        var reader = _temp.Open();
        var writer = _temp.Open();
        var id = ObjectId.GenerateNewId();
        writer.Write(() => writer.Add(new TodoItem { Id = id, Title = "a", Priority = 1 }));
        reader.Refresh();
        var todo = reader.Find<TodoItem>(id)!;
        var raised = new ConcurrentQueue<string?>();
        todo.PropertyChanged += (_, e) => raised.Enqueue(e.PropertyName);

        writer.Write(() =>
        {
            var same = writer.Find<TodoItem>(id)!;
            same.Title = "a";
            same.Priority = 2;
        });
        reader.Refresh();
        SpinWait.SpinUntil(() => !raised.IsEmpty, TimeSpan.FromSeconds(10));

        Assert.Equal(["Priority"], raised);
        Assert.Equal(2, todo.Priority);
    }

    [Fact]
    public void RealmChanged_is_raised_after_each_own_commit_but_not_for_a_rollback()
    {
        var realm = _temp.Open();
        var count = 0;
        realm.RealmChanged += (sender, _) =>
        {
            Assert.Same(realm, sender);
            count++;
        };

        realm.Write(() => realm.Add(new DbNode { Name = "a" }));
        Assert.Equal(1, count);
        realm.Write(() => realm.Find<DbNode>("a")!.Value = 1);
        Assert.Equal(2, count);
        using (realm.BeginWrite())
        {
            realm.Find<DbNode>("a")!.Value = 2;
        }

        Assert.Equal(2, count);
    }

    [Fact]
    public async Task RealmChanged_is_raised_after_another_instance_commits()
    {
        var observer = _temp.Open();
        var writer = _temp.Open();
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        observer.RealmChanged += (_, _) => changed.TrySetResult();

        writer.Write(() => writer.Add(new DbNode { Name = "x", Value = 3 }));

        await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, observer.Find<DbNode>("x")!.Value);
    }

    [Fact]
    public async Task RealmChanged_from_another_instance_is_raised_on_the_realm_synchronization_context()
    {
        var context = new RecordingContext();
        Realm observer;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            observer = _temp.Open();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        var raisedOn = new TaskCompletionSource<SynchronizationContext?>(TaskCreationOptions.RunContinuationsAsynchronously);
        observer.RealmChanged += (_, _) => raisedOn.TrySetResult(SynchronizationContext.Current);
        var writer = _temp.Open();

        writer.Write(() => writer.Add(new DbNode { Name = "x" }));

        Assert.Same(context, await raisedOn.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(context.Posts > 0);
    }

    [Fact]
    public async Task Refresh_returns_true_when_another_instance_committed_and_false_when_nothing_is_new()
    {
        var reader = _temp.Open();
        var writer = _temp.Open();
        Assert.False(reader.Refresh());

        // Block the reader's automatic refresh by holding its gate, so the explicit Refresh finds the commit.
        bool refreshed;
        lock (reader.Gate)
        {
            writer.Write(() => writer.Add(new DbNode { Name = "x" }));
            refreshed = reader.Refresh();
        }

        Assert.True(refreshed);
        Assert.NotNull(reader.Find<DbNode>("x"));
        await Task.Yield();
        Assert.False(reader.Refresh());
    }

    [Fact]
    public void Queries_see_another_instance_commit_after_Refresh()
    {
        var reader = _temp.Open();
        var writer = _temp.Open();
        var results = reader.All<DbNode>();
        Assert.Empty(results);

        writer.Write(() => writer.Add(new DbNode { Name = "x" }));
        reader.Refresh();

        Assert.Single(results);
        Assert.Equal("x", results.Single().Name);
    }

    [Fact]
    public async Task An_object_removed_by_another_instance_becomes_invalid_after_the_refresh()
    {
        var reader = _temp.Open();
        var writer = _temp.Open();
        writer.Write(() => writer.Add(new DbNode { Name = "x" }));
        reader.Refresh();
        var node = reader.Find<DbNode>("x")!;

        writer.Write(() => writer.RemoveAll<DbNode>());

        await TempRealm.WaitUntil(() => !node.IsValid, "the removed object became invalid");
        Assert.Throws<RealmInvalidObjectException>(() => node.Value);
    }

    [Fact]
    public async Task An_object_without_primary_key_removed_and_replaced_by_another_instance_is_invalid_after_the_refresh()
    {
        var reader = _temp.Open();
        var writer = _temp.Open();
        writer.Write(() => writer.Add(new DbLogEntry { Message = "first" }));
        reader.Refresh();
        var first = reader.All<DbLogEntry>().Single();

        lock (reader.Gate)
        {
            writer.Write(() => writer.RemoveAll<DbLogEntry>());
            writer.Write(() => writer.Add(new DbLogEntry { Message = "second" }));
        }

        await TempRealm.WaitUntil(() => !first.IsValid, "the removed object became invalid");
        Assert.Equal("second", reader.All<DbLogEntry>().Single().Message);
    }

    [Fact]
    public void A_write_transaction_starts_from_the_latest_version_of_the_file()
    {
        var one = _temp.Open();
        var two = _temp.Open();
        var node = one.Write(() => one.Add(new DbNode { Name = "n", Value = 1 }));
        two.Refresh();
        var other = two.Find<DbNode>("n")!;

        lock (one.Gate)
        {
            two.Write(() => other.Value = 2);
        }

        one.Write(() => node.Value++);

        Assert.Equal(3, node.Value);
        Assert.Equal(3, _temp.Open().Find<DbNode>("n")!.Value);
    }

    /// <summary>Runs posted callbacks on the thread pool with itself as the current context, counting them.</summary>
    private sealed class RecordingContext : SynchronizationContext
    {
        private int _posts;

        public int Posts => Volatile.Read(ref _posts);

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posts);
            ThreadPool.QueueUserWorkItem(_ =>
            {
                SetSynchronizationContext(this);
                d(state);
            });
        }
    }
}
