using System;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Sync;

namespace SourceGenSync.Runtime.Tests.Sync.Subscriptions;

/// <summary>Changing the set: one transaction per Update, rollback on throw, no nesting, no changes outside Update.</summary>
public sealed class SubscriptionUpdateTests : IDisposable
{
    private readonly SubscriptionFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_new_flexible_realm_has_the_empty_version_0_pending()
    {
        var realm = _files.Open();

        var subscriptions = realm.Subscriptions;

        Assert.Equal((0L, SubscriptionSetState.Pending, 0), (subscriptions.Version, subscriptions.State, subscriptions.Count));
        Assert.Null(subscriptions.Error);
        Assert.Same(subscriptions, realm.Subscriptions);
    }

    [Fact]
    public void Update_commits_its_subscriptions_as_the_next_version_pending()
    {
        var realm = _files.Open();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        Subscription? added = null;
        realm.Subscriptions.Update(() =>
        {
            added = realm.Subscriptions.Add(realm.All<SubTask>().Where(f => f.Priority >= 3));
            realm.Subscriptions.Add(realm.All<SubPerson>(), "people");
        });

        var subscriptions = realm.Subscriptions;
        Assert.Equal((1L, SubscriptionSetState.Pending, 2), (subscriptions.Version, subscriptions.State, subscriptions.Count));
        var first = subscriptions[0];
        Assert.Equal(added!.Id, first.Id);
        Assert.Equal(("Task", "priority >= $0", (string?)null), (first.ObjectType, first.Query, first.Name));
        Assert.InRange(first.CreatedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(first.CreatedAt, first.UpdatedAt);
        Assert.Equal(("SubPerson", "TRUEPREDICATE", "people"), (subscriptions[1].ObjectType, subscriptions[1].Query, subscriptions[1].Name));
        Assert.Equal([first.Id, subscriptions[1].Id], subscriptions.Select(s => s.Id));
    }

    [Fact]
    public void Every_committed_Update_makes_the_next_version_even_without_changes()
    {
        var realm = _files.Open();

        realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<SubTask>()));
        realm.Subscriptions.Update(() => { });
        realm.Subscriptions.Update(() => realm.Subscriptions.RemoveAll());

        Assert.Equal(3, realm.Subscriptions.Version);
        Assert.Empty(realm.Subscriptions);
        Assert.Equal(4L, _files.Scalar("flx", "SELECT count(*) FROM sgs_subscription_sets"));
        Assert.Equal(1L, _files.Scalar("flx", "SELECT count(*) FROM sgs_subscription_sets WHERE version = 2 AND state = 0"));
    }

    [Fact]
    public void An_Update_whose_callback_throws_keeps_nothing()
    {
        var realm = _files.Open();
        realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<SubPerson>(), "people"));

        var error = Assert.Throws<InvalidTimeZoneException>(() => realm.Subscriptions.Update(() =>
        {
            realm.Subscriptions.Add(realm.All<SubTask>());
            realm.Subscriptions.Remove("people");
            Assert.Single(realm.Subscriptions);
            throw new InvalidTimeZoneException("boom");
        }));

        Assert.Equal("boom", error.Message);
        Assert.Equal((1L, 1, "people"), (realm.Subscriptions.Version, realm.Subscriptions.Count, realm.Subscriptions[0].Name));
        Assert.Equal(2L, _files.Scalar("flx", "SELECT count(*) FROM sgs_subscription_sets"));
        realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<SubTask>()));
        Assert.Equal((2L, 2), (realm.Subscriptions.Version, realm.Subscriptions.Count));
    }

    [Fact]
    public void Inside_the_callback_the_set_shows_the_changes_made_so_far()
    {
        var realm = _files.Open();

        realm.Subscriptions.Update(() =>
        {
            Assert.Equal((1L, SubscriptionSetState.Pending, 0), (realm.Subscriptions.Version, realm.Subscriptions.State, realm.Subscriptions.Count));
            realm.Subscriptions.Add(realm.All<SubTask>(), "all");
            Assert.NotNull(realm.Subscriptions.Find("all"));
            Assert.Single(realm.Subscriptions);
        });
    }

    [Fact]
    public void A_nested_Update_is_refused_and_the_outer_one_rolls_back()
    {
        var realm = _files.Open();

        var error = Assert.Throws<InvalidOperationException>(() => realm.Subscriptions.Update(() =>
        {
            realm.Subscriptions.Add(realm.All<SubTask>());
            realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<SubPerson>()));
        }));

        Assert.Contains("cannot be nested", error.Message, StringComparison.Ordinal);
        Assert.Equal((0L, 0), (realm.Subscriptions.Version, realm.Subscriptions.Count));
    }

    [Fact]
    public async Task A_nested_UpdateAsync_is_refused_too()
    {
        var realm = _files.Open();
        Task? nested = null;

        realm.Subscriptions.Update(() => nested = realm.Subscriptions.UpdateAsync(() => { }));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => nested!);
        Assert.Contains("cannot be nested", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_and_Remove_outside_Update_throw_saying_to_use_Update()
    {
        var realm = _files.Open();
        var subscriptions = realm.Subscriptions;

        var errors = new Exception[]
        {
            Assert.Throws<InvalidOperationException>(() => subscriptions.Add(realm.All<SubTask>())),
            Assert.Throws<InvalidOperationException>(() => subscriptions.Add(realm.All<SubTask>(), new SubscriptionOptions { Name = "x" })),
            Assert.Throws<InvalidOperationException>(() => subscriptions.Remove("x")),
            Assert.Throws<InvalidOperationException>(() => subscriptions.Remove(realm.All<SubTask>())),
            Assert.Throws<InvalidOperationException>(() => subscriptions.RemoveAll<SubTask>()),
            Assert.Throws<InvalidOperationException>(() => subscriptions.RemoveAll("Task")),
            Assert.Throws<InvalidOperationException>(() => subscriptions.RemoveAll(removeNamed: true)),
        };

        Assert.All(errors, e => Assert.Contains("Subscriptions.Update", e.Message, StringComparison.Ordinal));
        Assert.Equal(0, subscriptions.Version);
    }

    [Fact]
    public void Update_inside_a_write_transaction_is_refused()
    {
        var realm = _files.Open();

        var error = Assert.Throws<InvalidOperationException>(() => realm.Write(() => realm.Subscriptions.Update(() => { })));

        Assert.Contains("inside a write transaction", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, realm.Subscriptions.Version);
    }

    [Fact]
    public void An_Update_callback_that_writes_objects_is_refused_and_rolled_back()
    {
        var realm = _files.Open();

        var error = Assert.Throws<InvalidOperationException>(() => realm.Subscriptions.Update(() =>
        {
            realm.Subscriptions.Add(realm.All<SubTask>());
            realm.Add(new SubPerson { Name = "ann", Age = 3 });
        }));

        Assert.Contains("changed objects", error.Message, StringComparison.Ordinal);
        Assert.Empty(realm.All<SubPerson>());
        Assert.Equal(0, realm.Subscriptions.Version);
    }

    [Fact]
    public void Subscriptions_are_not_data_an_Update_appends_no_changeset()
    {
        var realm = _files.Open();
        realm.Write(() => realm.Add(new SubPerson { Name = "ann", Age = 3 }));
        var changesets = _files.Scalar("flx", "SELECT count(*) FROM sgs_changesets");

        realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<SubPerson>()));

        Assert.Equal(changesets, _files.Scalar("flx", "SELECT count(*) FROM sgs_changesets"));
        Assert.Equal(1L, changesets);
    }

    [Fact]
    public async Task UpdateAsync_commits_like_Update_and_rolls_back_on_throw()
    {
        var realm = _files.Open();

        await realm.Subscriptions.UpdateAsync(() => realm.Subscriptions.Add(realm.All<SubTask>().Where(f => f.Done == false), "open"));
        await Assert.ThrowsAsync<FormatException>(() => realm.Subscriptions.UpdateAsync(() =>
        {
            realm.Subscriptions.RemoveAll(removeNamed: true);
            throw new FormatException();
        }));

        Assert.Equal((1L, 1, "open"), (realm.Subscriptions.Version, realm.Subscriptions.Count, realm.Subscriptions[0].Name));
    }

    [Fact]
    public void Another_instance_on_the_file_sees_a_committed_Update()
    {
        var first = _files.Open();
        var second = _files.Open();
        Assert.Equal(0, second.Subscriptions.Version);

        first.Subscriptions.Update(() => first.Subscriptions.Add(second.All<SubTask>().Where(f => f.Title == "x")));

        Assert.Equal(1, second.Subscriptions.Version);
        Assert.Equal("title == $0", Assert.Single(second.Subscriptions).Query);
        second.Subscriptions.Update(() => second.Subscriptions.RemoveAll());
        Assert.Equal((2L, 0), (first.Subscriptions.Version, first.Subscriptions.Count));
    }

    [Fact]
    public void Committing_a_set_raises_SetCommitted_with_its_version()
    {
        var realm = _files.Open();
        var signals = Internal.Sync.Subscriptions.SubscriptionSignals.For(realm.Config.DatabasePath);
        var seen = new System.Collections.Concurrent.ConcurrentQueue<long>();
        void Handler(long version) => seen.Enqueue(version);
        signals.SetCommitted += Handler;
        try
        {
            realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<SubTask>()));
            realm.Subscriptions.Update(() => realm.Subscriptions.RemoveAll());
            Assert.Throws<ArithmeticException>(() => realm.Subscriptions.Update(() => throw new ArithmeticException()));
        }
        finally
        {
            signals.SetCommitted -= Handler;
        }

        Assert.Equal([1L, 2L], seen);
    }

    [Fact]
    public void A_frozen_or_read_only_realm_cannot_update_but_can_read()
    {
        var realm = _files.Open();
        realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<SubTask>()));
        var frozen = realm.Freeze();

        Assert.Single(frozen.Subscriptions);
        Assert.Throws<RealmReadOnlyException>(() => frozen.Subscriptions.Update(() => { }));
    }
}
