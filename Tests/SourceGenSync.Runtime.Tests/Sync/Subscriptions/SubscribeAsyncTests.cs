using System;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Sync;

namespace SourceGenSync.Runtime.Tests.Sync.Subscriptions;

/// <summary>query.SubscribeAsync(options, mode): FirstTime waits only for a new subscription, Always waits, Never does not.</summary>
public sealed class SubscribeAsyncTests : IDisposable
{
    private readonly SubscriptionFiles _files = new();
    private readonly Realm _realm;

    public SubscribeAsyncTests() => _realm = _files.Open();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Never_adds_the_subscription_and_returns_without_waiting()
    {
        var query = _realm.All<SubTask>().Where(f => f.Priority > 1);

        var result = await query.SubscribeAsync(waitForSyncMode: WaitForSyncMode.Never);

        Assert.Same(query, result);
        Assert.Equal((1L, SubscriptionSetState.Pending), (_realm.Subscriptions.Version, _realm.Subscriptions.State));
        Assert.NotNull(_realm.Subscriptions.Find(query));
    }

    [Fact]
    public async Task FirstTime_waits_for_a_new_subscription_and_not_for_an_existing_one()
    {
        var query = _realm.All<SubTask>();

        var first = query.SubscribeAsync();
        await SubscriptionFiles.WaitUntil(() => _realm.Subscriptions.Version == 1, "the subscription is stored");
        Assert.False(first.IsCompleted);
        _files.MarkComplete("flx", 1);
        await first.WaitAsync(TimeSpan.FromSeconds(10));

        _realm.Subscriptions.Update(() => _realm.Subscriptions.Add(_realm.All<SubPerson>()));
        var second = query.SubscribeAsync();

        Assert.True(second.IsCompletedSuccessfully);
        Assert.Equal(2, _realm.Subscriptions.Version);
    }

    [Fact]
    public async Task Always_waits_even_for_an_existing_subscription_without_making_a_new_version()
    {
        var query = _realm.All<SubTask>();
        await query.SubscribeAsync(new SubscriptionOptions { Name = "tasks" }, WaitForSyncMode.Never);

        var wait = query.SubscribeAsync(new SubscriptionOptions { Name = "tasks" }, WaitForSyncMode.Always);
        Assert.False(wait.IsCompleted);
        _files.MarkComplete("flx", 1);

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _realm.Subscriptions.Version);
    }

    [Fact]
    public async Task FirstTime_waits_when_a_named_subscription_gets_another_query()
    {
        await _realm.All<SubTask>().SubscribeAsync(new SubscriptionOptions { Name = "tasks" }, WaitForSyncMode.Never);

        var wait = _realm.All<SubTask>().Where(f => f.Done == false).SubscribeAsync(new SubscriptionOptions { Name = "tasks" });
        await SubscriptionFiles.WaitUntil(() => _realm.Subscriptions.Version == 2, "the new query is stored");
        Assert.False(wait.IsCompleted);
        _files.MarkComplete("flx", 2);

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("done == $0", Assert.Single(_realm.Subscriptions).Query);
    }

    [Fact]
    public async Task SubscribeAsync_reports_the_servers_error_and_honours_cancellation()
    {
        using var cancellation = new CancellationTokenSource();
        var failing = _realm.All<SubTask>().SubscribeAsync();
        await SubscriptionFiles.WaitUntil(() => _realm.Subscriptions.Version == 1, "the subscription is stored");
        _files.MarkError("flx", 1, "denied");
        var cancelled = _realm.All<SubPerson>().SubscribeAsync(cancellationToken: cancellation.Token);
        await SubscriptionFiles.WaitUntil(() => _realm.Subscriptions.Version == 2, "the second subscription is stored");
        await cancellation.CancelAsync();

        Assert.Equal("denied", (await Assert.ThrowsAsync<SubscriptionException>(() => failing.WaitAsync(TimeSpan.FromSeconds(10)))).Message);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task SubscribeAsync_refuses_ordered_queries_and_realms_without_flexible_sync()
    {
        var ordered = await Assert.ThrowsAsync<NotSupportedException>(() => _realm.All<SubTask>().OrderBy(f => f.Priority).SubscribeAsync());
        var local = _files.Track(Realm.Open(new RealmConfiguration(_files.PathOf("local")) { Schema = SubscriptionFiles.Schema }));

        var notFlexible = await Assert.ThrowsAsync<NotSupportedException>(() => local.All<SubTask>().SubscribeAsync());

        Assert.Contains("remove OrderBy", ordered.Message, StringComparison.Ordinal);
        Assert.Contains("FlexibleSyncConfiguration", notFlexible.Message, StringComparison.Ordinal);
        Assert.Equal(0, _realm.Subscriptions.Version);
    }
}
