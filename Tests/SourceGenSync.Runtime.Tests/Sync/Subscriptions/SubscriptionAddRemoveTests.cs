using System;
using System.Linq;
using SourceGenSync.Sync;

namespace SourceGenSync.Runtime.Tests.Sync.Subscriptions;

/// <summary>Add, Find and Remove as in Realm .NET: named and unnamed subscriptions, updateExisting, removal counts.</summary>
public sealed class SubscriptionAddRemoveTests : IDisposable
{
    private readonly SubscriptionFiles _files = new();
    private readonly Realm _realm;

    public SubscriptionAddRemoveTests() => _realm = _files.Open();

    private SubscriptionSet Subs => _realm.Subscriptions;

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Adding_the_same_unnamed_query_twice_keeps_one_and_returns_it()
    {
        Subscription? first = null, second = null, other = null;
        Subs.Update(() =>
        {
            first = Subs.Add(_realm.All<SubTask>().Where(f => f.Priority > 2));
            second = Subs.Add(_realm.All<SubTask>().Where(f => f.Priority > 2));
            other = Subs.Add(_realm.All<SubTask>().Where(f => f.Priority > 3));
        });
        Subs.Update(() => Assert.Equal(first!.Id, Subs.Add(_realm.All<SubTask>().Where(f => f.Priority > 2)).Id));

        Assert.Equal(first!.Id, second!.Id);
        Assert.NotEqual(first.Id, other!.Id);
        Assert.Equal(2, Subs.Count);
    }

    [Fact]
    public void The_same_query_on_another_class_or_with_other_arguments_is_another_subscription()
    {
        Subs.Update(() =>
        {
            Subs.Add(_realm.All<SubTask>());
            Subs.Add(_realm.All<SubPerson>());
            Subs.Add(_realm.All<SubTask>().Where(f => f.Title == "a"));
            Subs.Add(_realm.All<SubTask>().Where(f => f.Title == "b"));
        });

        Assert.Equal(4, Subs.Count);
        Assert.Equal(["TRUEPREDICATE", "TRUEPREDICATE", "title == $0", "title == $0"], Subs.Select(s => s.Query));
    }

    [Fact]
    public void A_named_subscription_whose_name_exists_replaces_the_query_keeping_its_id()
    {
        Subs.Update(() => Subs.Add(_realm.All<SubTask>().Where(f => f.Priority > 1), "tasks"));
        var original = Subs.Find("tasks")!;

        Subscription? replaced = null;
        Subs.Update(() => replaced = Subs.Add(_realm.All<SubTask>().Where(f => f.Done == true), "tasks"));

        var stored = Assert.Single(Subs);
        Assert.Equal((original.Id, original.CreatedAt, "done == $0"), (stored.Id, stored.CreatedAt, stored.Query));
        Assert.True(stored.UpdatedAt >= original.UpdatedAt);
        Assert.Equal(replaced!.Id, stored.Id);
    }

    [Fact]
    public void With_updateExisting_false_a_name_taken_by_another_query_throws_and_keeps_the_original()
    {
        Subs.Update(() => Subs.Add(_realm.All<SubTask>().Where(f => f.Priority > 1), "tasks"));

        var error = Assert.Throws<ArgumentException>(() => Subs.Update(() => Subs.Add(_realm.All<SubTask>(), "tasks", updateExisting: false)));
        var viaOptions = Assert.Throws<ArgumentException>(() => Subs.Update(() =>
            Subs.Add(_realm.All<SubPerson>(), new SubscriptionOptions { Name = "tasks", UpdateExisting = false })));

        Assert.Contains("'tasks' already exists", error.Message, StringComparison.Ordinal);
        Assert.Contains("UpdateExisting", viaOptions.Message, StringComparison.Ordinal);
        Assert.Equal((1L, "priority > $0"), (Subs.Version, Assert.Single(Subs).Query));
    }

    [Fact]
    public void With_updateExisting_false_the_same_named_query_returns_the_existing_subscription()
    {
        Subs.Update(() => Subs.Add(_realm.All<SubTask>(), new SubscriptionOptions { Name = "all" }));
        var id = Subs[0].Id;

        Subs.Update(() => Assert.Equal(id, Subs.Add(_realm.All<SubTask>(), "all", updateExisting: false).Id));

        Assert.Equal(id, Assert.Single(Subs).Id);
    }

    [Fact]
    public void A_named_and_an_unnamed_subscription_with_one_query_are_two_subscriptions()
    {
        Subs.Update(() =>
        {
            Subs.Add(_realm.All<SubTask>(), "named");
            Subs.Add(_realm.All<SubTask>());
        });

        Assert.Equal(["named", null], Subs.Select(s => s.Name));
        Assert.Null(Subs.Find(_realm.All<SubTask>())!.Name);
    }

    [Fact]
    public void Find_by_name_and_by_query()
    {
        Subs.Update(() =>
        {
            Subs.Add(_realm.All<SubTask>().Where(f => f.Owner == "ann"), "ann's");
            Subs.Add(_realm.All<SubPerson>().Where(f => f.Age >= 18));
        });

        Assert.Equal("Task", Subs.Find("ann's")!.ObjectType);
        Assert.Null(Subs.Find("nobody's"));
        Assert.Equal("Age >= $0", Subs.Find(_realm.All<SubPerson>().Where(f => f.Age >= 18))!.Query);
        Assert.Null(Subs.Find(_realm.All<SubPerson>().Where(f => f.Age >= 21)));

        // Without an unnamed match, the named subscription with the query is found.
        Assert.Equal("ann's", Subs.Find(_realm.All<SubTask>().Where(f => f.Owner == "ann"))!.Name);
    }

    [Fact]
    public void Typed_and_LINQ_filters_with_the_same_meaning_are_the_same_subscription()
    {
        Subs.Update(() => Subs.Add(_realm.All<SubPerson>().Where(f => f.Age >= 18)));

        var linq = Queryable.Where(_realm.All<SubPerson>(), p => p.Age >= 18);

        Assert.NotNull(Subs.Find(linq));
    }

    [Fact]
    public void Remove_by_name_returns_whether_it_removed()
    {
        Subs.Update(() =>
        {
            Subs.Add(_realm.All<SubTask>(), "tasks");
            Subs.Add(_realm.All<SubPerson>());
        });

        bool removed = false, again = true;
        Subs.Update(() =>
        {
            removed = Subs.Remove("tasks");
            again = Subs.Remove("tasks");
        });

        Assert.True(removed);
        Assert.False(again);
        Assert.Equal("SubPerson", Assert.Single(Subs).ObjectType);
    }

    [Fact]
    public void Remove_a_subscription_object()
    {
        Subs.Update(() =>
        {
            Subs.Add(_realm.All<SubTask>());
            Subs.Add(_realm.All<SubPerson>(), "people");
        });
        var unnamed = Subs[0];

        Subs.Update(() => Assert.True(Subs.Remove(unnamed)));
        Subs.Update(() => Assert.False(Subs.Remove(unnamed)));

        Assert.Equal("people", Assert.Single(Subs).Name);
    }

    [Fact]
    public void Remove_by_query_removes_unnamed_matches_unless_named_ones_are_asked_for_and_returns_the_count()
    {
        Subs.Update(() =>
        {
            Subs.Add(_realm.All<SubTask>().Where(f => f.Done == true), "done");
            Subs.Add(_realm.All<SubTask>().Where(f => f.Done == true));
            Subs.Add(_realm.All<SubTask>().Where(f => f.Done == false));
        });

        var counts = new int[3];
        Subs.Update(() =>
        {
            counts[0] = Subs.Remove(_realm.All<SubTask>().Where(f => f.Done == true));
            counts[1] = Subs.Remove(_realm.All<SubTask>().Where(f => f.Done == true));
            counts[2] = Subs.Remove(_realm.All<SubTask>().Where(f => f.Done == true), removeNamed: true);
        });

        Assert.Equal([1, 0, 1], counts);
        Assert.Equal("done == $0", Assert.Single(Subs).Query);
        Assert.False(Subs[0].Stored.Arguments[0].AsBool());
    }

    [Fact]
    public void RemoveAll_of_a_class_keeps_named_ones_unless_asked()
    {
        Subs.Update(() =>
        {
            Subs.Add(_realm.All<SubTask>(), "named task");
            Subs.Add(_realm.All<SubTask>().Where(f => f.Priority == 1));
            Subs.Add(_realm.All<SubTask>().Where(f => f.Priority == 2));
            Subs.Add(_realm.All<SubPerson>());
        });

        int unnamed = 0, named = 0, byName = 0;
        Subs.Update(() =>
        {
            unnamed = Subs.RemoveAll<SubTask>();
            named = Subs.RemoveAll<SubTask>(removeNamed: true);
            byName = Subs.RemoveAll("SubPerson");
        });

        Assert.Equal((2, 1, 1), (unnamed, named, byName));
        Assert.Empty(Subs);
    }

    [Fact]
    public void RemoveAll_keeps_named_subscriptions_unless_asked()
    {
        Subs.Update(() =>
        {
            Subs.Add(_realm.All<SubTask>(), "a");
            Subs.Add(_realm.All<SubPerson>(), "b");
            Subs.Add(_realm.All<SubTask>().Where(f => f.Priority == 1));
        });

        int first = 0, second = 0, third = -1;
        Subs.Update(() =>
        {
            first = Subs.RemoveAll();
            second = Subs.RemoveAll(removeNamed: true);
            third = Subs.RemoveAll(removeNamed: true);
        });

        Assert.Equal((1, 2, 0), (first, second, third));
        Assert.Empty(Subs);
    }

    [Fact]
    public void An_empty_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Subs.Update(() => Subs.Add(_realm.All<SubTask>(), "")));
        Assert.Throws<ArgumentException>(() => Subs.Update(() => Subs.Remove("")));
    }

    [Fact]
    public void Arguments_of_every_scalar_type_are_stored_with_their_type()
    {
        var id = ObjectId.GenerateNewId();
        Subs.Update(() =>
        {
            Subs.Add(_realm.All<SubTask>().Where(f => f.Id == id));
            Subs.Add(_realm.All<SubTask>().Where(f => f.Title.Contains("x", false) | f.Owner == null));
            Subs.Add(_realm.All<SubTask>().Where(f => f.Tags.Contains("red")));
        });

        var stored = Subs.Select(s => (s.Query, s.Stored.Arguments.ToArray())).ToArray();
        Assert.Equal("_id == $0", stored[0].Query);
        Assert.Equal(id, stored[0].Item2[0].AsObjectId());
        Assert.Equal(RealmValue.Null, stored[1].Item2[1]);
        Assert.Equal("x", stored[1].Item2[0].AsString());
        Assert.StartsWith("SUBQUERY(tags, $x, ", stored[2].Query, StringComparison.Ordinal);
    }
}
