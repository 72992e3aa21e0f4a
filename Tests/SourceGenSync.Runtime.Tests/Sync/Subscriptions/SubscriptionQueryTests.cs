using System;
using System.Linq;
using SourceGenSync.Runtime.Tests.Database;
using SourceGenSync.Sync;

namespace SourceGenSync.Runtime.Tests.Sync.Subscriptions;

/// <summary>Only a filter can be subscribed: ordering, paging and projection are refused with what to remove.</summary>
public sealed class SubscriptionQueryTests : IDisposable
{
    private readonly SubscriptionFiles _files = new();
    private readonly Realm _realm;

    public SubscriptionQueryTests() => _realm = _files.Open();

    private SubscriptionSet Subs => _realm.Subscriptions;

    public void Dispose() => _files.Dispose();

    [Fact]
    public void OrderBy_is_refused_naming_it()
    {
        var typed = Assert.Throws<NotSupportedException>(() => Subs.Update(() => Subs.Add(_realm.All<SubTask>().Where(f => f.Done == false).OrderBy(f => f.Priority))));
        var linq = Assert.Throws<NotSupportedException>(() => Subs.Find(Queryable.OrderBy(_realm.All<SubTask>(), t => t.Title)));

        Assert.Contains("remove OrderBy", typed.Message, StringComparison.Ordinal);
        Assert.Contains("remove OrderBy", linq.Message, StringComparison.Ordinal);
        Assert.Equal(0, Subs.Version);
    }

    [Fact]
    public void Skip_Take_and_Select_are_refused_naming_them()
    {
        var skip = Assert.Throws<NotSupportedException>(() => Subs.Update(() => Subs.Add(_realm.All<SubTask>().Skip(2))));
        var take = Assert.Throws<NotSupportedException>(() => Subs.Update(() => Subs.Add(_realm.All<SubTask>().Take(2))));
        var select = Assert.Throws<NotSupportedException>(() => Subs.Update(() => Subs.Remove(_realm.All<SubPerson>().Select(p => p))));

        Assert.Contains("remove Skip", skip.Message, StringComparison.Ordinal);
        Assert.Contains("remove Take", take.Message, StringComparison.Ordinal);
        Assert.Contains("remove Select", select.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_that_is_not_from_a_realm_is_refused()
    {
        var objects = new[] { new SubTask() }.AsQueryable();

        var error = Assert.Throws<ArgumentException>(() => Subs.Update(() => Subs.Add(objects)));

        Assert.Contains("realm.All<SubTask>()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_of_another_realm_file_is_refused()
    {
        var other = _files.Open("other");

        var error = Assert.Throws<ArgumentException>(() => Subs.Update(() => Subs.Add(other.All<SubTask>())));

        Assert.Contains("belongs to the realm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_from_another_instance_on_the_same_file_is_accepted()
    {
        var other = _files.Open();

        Subs.Update(() => Subs.Add(other.All<SubTask>()));

        Assert.Single(Subs);
    }

    [Fact]
    public void Queries_of_a_disposed_realm_are_refused()
    {
        var query = _realm.All<SubTask>();
        _realm.Dispose();

        Assert.Throws<ObjectDisposedException>(() => Subs.Find(query));
        Assert.Throws<ObjectDisposedException>(() => Subs.Update(() => { }));
        Assert.False(TempRealm.Schema.Count == 0);
    }
}
