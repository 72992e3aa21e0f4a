using System;
using System.Collections.Generic;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>RealmInteger counters on managed objects.</summary>
public sealed class CounterTests : IDisposable
{
    private readonly TempRealm _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Increment_and_Decrement_inside_a_write_update_the_object_and_persist()
    {
        var realm = _temp.Open();
        var obj = realm.Write(() => realm.Add(new AllTypes { Key = "c", IntCounter = 10, LongCounter = 100 }));

        realm.Write(() =>
        {
            Assert.Equal(11, obj.IntCounter.Increment().Value);
            obj.IntCounter.Increment(4);
            obj.LongCounter.Decrement();
            obj.LongCounter.Decrement(9);
        });

        Assert.Equal(15, obj.IntCounter.Value);
        Assert.Equal(90L, obj.LongCounter.Value);
        var reopened = _temp.Open().Find<AllTypes>("c")!;
        Assert.Equal(15, reopened.IntCounter.Value);
        Assert.Equal(90L, reopened.LongCounter.Value);
    }

    [Fact]
    public void Increments_from_two_instances_add_up()
    {
        var one = _temp.Open();
        var two = _temp.Open();
        var id = ObjectId.GenerateNewId();
        var a = one.Write(() => one.Add(new TodoItem { Id = id, Title = "t" }));
        two.Refresh();
        var b = two.Find<TodoItem>(id)!;

        one.Write(() => a.Views.Increment(2));
        two.Write(() => b.Views.Increment(3));
        one.Write(() => a.Views.Increment(1));

        Assert.Equal(6L, a.Views.Value);
        Assert.Equal(6L, (long)_temp.Scalar("SELECT views FROM \"class_TodoItem\"")!);
    }

    [Fact]
    public void Incrementing_outside_a_write_throws_and_changes_nothing()
    {
        var realm = _temp.Open();
        var obj = realm.Write(() => realm.Add(new AllTypes { Key = "c", IntCounter = 1 }));

        Assert.Throws<RealmInvalidTransactionException>(() => obj.IntCounter.Increment());

        Assert.Equal(1, obj.IntCounter.Value);
    }

    [Fact]
    public void A_rolled_back_increment_restores_the_counter()
    {
        var realm = _temp.Open();
        var obj = realm.Write(() => realm.Add(new AllTypes { Key = "c", IntCounter = 1 }));

        using (realm.BeginWrite())
        {
            obj.IntCounter.Increment(5);
        }

        Assert.Equal(1, obj.IntCounter.Value);
    }

    [Fact]
    public void Incrementing_raises_PropertyChanged_after_the_commit()
    {
        var realm = _temp.Open();
        var todo = realm.Write(() => realm.Add(new TodoItem { Id = ObjectId.GenerateNewId(), Title = "t" }));
        var raised = new List<string?>();
        todo.PropertyChanged += (_, e) => raised.Add(e.PropertyName);

        realm.Write(() =>
        {
            todo.Views.Increment();
            todo.Views.Increment();
        });

        Assert.Equal(["Views"], raised);
        Assert.Equal(2L, todo.Views.Value);
    }
}
