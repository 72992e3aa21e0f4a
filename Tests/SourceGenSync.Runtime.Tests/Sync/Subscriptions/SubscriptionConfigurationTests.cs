using System;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Sync;

namespace SourceGenSync.Runtime.Tests.Sync.Subscriptions;

/// <summary>Which realms have subscriptions, persistence across reopening (offline), and PopulateInitialSubscriptions.</summary>
public sealed class SubscriptionConfigurationTests : IDisposable
{
    private readonly SubscriptionFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_realm_not_opened_with_FlexibleSyncConfiguration_has_no_subscriptions()
    {
        var local = _files.Track(Realm.Open(new RealmConfiguration(_files.PathOf("local")) { Schema = SubscriptionFiles.Schema }));
        var wholeRealm = _files.Track(Realm.OpenWithoutSession(new SyncConfiguration(_files.User, _files.PathOf("partition")) { Schema = SubscriptionFiles.Schema }));

        var localError = Assert.Throws<NotSupportedException>(() => local.Subscriptions);
        var syncError = Assert.Throws<NotSupportedException>(() => wholeRealm.Subscriptions);

        Assert.Contains("FlexibleSyncConfiguration", localError.Message, StringComparison.Ordinal);
        Assert.Contains("is local", localError.Message, StringComparison.Ordinal);
        Assert.Contains("FlexibleSyncConfiguration", syncError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subscriptions_and_states_survive_closing_and_reopening_offline()
    {
        var id = ObjectId.GenerateNewId();
        Guid[] ids;
        using (var realm = Realm.OpenWithoutSession(_files.Config()))
        {
            realm.Subscriptions.Update(() =>
            {
                realm.Subscriptions.Add(realm.All<SubTask>().Where(f => f.Id == id | f.Title.StartsWith("a", caseSensitive: false)), "mine");
                realm.Subscriptions.Add(realm.All<SubPerson>().Where(f => f.Age < 3));
            });
            realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<SubPerson>().Where(f => f.Age > 60)));
            ids = [.. realm.Subscriptions.Select(s => s.Id)];
        }

        _files.MarkComplete("flx", 1);
        var reopened = _files.Open();

        var subscriptions = reopened.Subscriptions;
        Assert.Equal((2L, SubscriptionSetState.Pending), (subscriptions.Version, subscriptions.State));
        Assert.Equal(ids, subscriptions.Select(s => s.Id));
        Assert.Equal(["mine", null, null], subscriptions.Select(s => s.Name));
        Assert.Equal("_id == $0 OR title BEGINSWITH[c] $1", subscriptions[0].Query);
        Assert.Equal([RealmValue.Create(id), RealmValue.Create("a")], subscriptions[0].Stored.Arguments.ToArray());
        Assert.NotNull(subscriptions.Find(reopened.All<SubPerson>().Where(f => f.Age > 60)));
        Assert.Equal(SubscriptionSetState.Complete, _files.ReadVersion("flx", 1)!.State);
    }

    [Fact]
    public void PopulateInitialSubscriptions_runs_only_when_the_file_gets_its_first_set()
    {
        var calls = 0;
        var config = _files.Config(populate: realm =>
        {
            calls++;
            realm.Subscriptions.Add(realm.All<SubTask>().Where(f => f.Done == false), "open tasks");
        });

        using (var first = Realm.OpenWithoutSession(config))
        {
            Assert.True(config.RunInitialSubscriptions(first));
            Assert.False(config.RunInitialSubscriptions(first));
            Assert.Equal((1L, "open tasks"), (first.Subscriptions.Version, Assert.Single(first.Subscriptions).Name));
        }

        var second = _files.Open(config);

        Assert.Equal(1, calls);
        Assert.Equal(1, second.Subscriptions.Version);
        Assert.Equal(SubscriptionSetState.Pending, _files.ReadVersion("flx", 0)!.State);
    }

    [Fact]
    public void Without_PopulateInitialSubscriptions_the_first_open_stores_the_empty_version_0()
    {
        var realm = _files.Open();

        Assert.Equal(0L, _files.ReadVersion("flx", 0)!.Version);
        Assert.Equal(0, realm.Subscriptions.Version);
    }

    [Fact]
    public void PopulateInitialSubscriptions_is_not_run_on_a_file_that_already_has_subscriptions()
    {
        var realm = _files.Open();
        realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<SubPerson>()));
        realm.Dispose();

        var ran = false;
        var reopened = _files.Open(_files.Config(populate: _ => ran = true));

        Assert.False(ran);
        Assert.Equal("SubPerson", Assert.Single(reopened.Subscriptions).ObjectType);
    }

    [Fact]
    public void A_throwing_PopulateInitialSubscriptions_stores_nothing_and_runs_again_next_time()
    {
        var config = _files.Config(populate: realm =>
        {
            realm.Subscriptions.Add(realm.All<SubTask>());
            throw new InvalidProgramException("not yet");
        });
        var realm = _files.Track(Realm.OpenWithoutSession(config));

        Assert.Throws<InvalidProgramException>(() => config.RunInitialSubscriptions(realm));

        Assert.Null(_files.ReadVersion("flx", 0));
        Assert.Equal((0L, 0), (realm.Subscriptions.Version, realm.Subscriptions.Count));
        var fixedConfig = _files.Config(populate: r => r.Subscriptions.Add(r.All<SubTask>()));
        Assert.True(fixedConfig.RunInitialSubscriptions(realm));
        Assert.Single(realm.Subscriptions);
    }

    [Fact]
    public void PopulateInitialSubscriptions_calling_Update_is_refused_as_nested()
    {
        var config = _files.Config(populate: realm => realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<SubTask>())));
        var realm = _files.Track(Realm.OpenWithoutSession(config));

        var error = Assert.Throws<InvalidOperationException>(() => config.RunInitialSubscriptions(realm));

        Assert.Contains("cannot be nested", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flexible_realm_opened_with_its_session_updates_offline()
    {
        var config = _files.Config("online", populate: r => r.Subscriptions.Add(r.All<SubTask>(), "tasks"));
        using (var realm = Realm.Open(config))
        {
            config.RunInitialSubscriptions(realm);
            await realm.Subscriptions.UpdateAsync(() => realm.Subscriptions.Add(realm.All<SubPerson>()));
            Assert.Equal((2L, SubscriptionSetState.Pending), (realm.Subscriptions.Version, realm.Subscriptions.State));
        }

        using var again = Realm.Open(config);
        config.RunInitialSubscriptions(again);
        Assert.Equal(["tasks", null], again.Subscriptions.Select(s => s.Name));
    }
}
