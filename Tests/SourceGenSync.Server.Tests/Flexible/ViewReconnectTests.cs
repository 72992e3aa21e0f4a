using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Tests.Infrastructure;
using static SourceGenSync.Server.Tests.Flexible.FlexibleWorld;

namespace SourceGenSync.Server.Tests.Flexible;

/// <summary>
/// The view survives reconnects (docs/protocol.md §11.3): a client that integrated a batch gets only what changed
/// after it; one that reconnects from an older (cursor, query version) gets the batches it never integrated again,
/// without duplicates or gaps.
/// </summary>
public sealed class ViewReconnectTests(FlexibleServerFixture fixture) : IClassFixture<FlexibleServerFixture>
{
    private readonly AuthClient _auth = new(fixture.Server.Invoker);

    /// <summary>What a client persisted after integrating a batch.</summary>
    private sealed record Persisted(ClientFileIdent File, long Cursor, long QueryVersion, long UploadAck, InMemoryDocumentSource Replica);

    private static Persisted Persist(RawSyncClient client) =>
        new(client.File!, client.BatchServerVersion, client.QueryVersion, client.UploadAck, client.Replica.Clone());

    private async Task<RawSyncClient> ReconnectAsync(string token, string realm, Persisted persisted, SubscriptionSet latest)
    {
        var client = RawSyncClient.Open(fixture.Server.Invoker);
        client.RestoreReplica(persisted.Replica);
        var bound = await client.BindFlexibleAsync(token, realm, Schema, latest, persisted.File, persisted.Cursor, persisted.UploadAck, persisted.QueryVersion);
        Assert.NotNull(bound);
        return client;
    }

    private static void AssertViewMatchesServer(RawSyncClient client, InMemoryDocumentSource server, System.Func<ObjectDocument, bool> inView)
    {
        var expected = server.Documents.Where(d => d.Key.Class == "Task" && inView(d.Value)).ToList();
        Assert.Equal(expected.Select(d => d.Key.PrimaryKey.AsInt64()), TaskIds(client));
        foreach (var (key, document) in expected)
        {
            Assert.Equal(document, Document(client, key.PrimaryKey.AsInt64()));
        }
    }

    private static bool Priority(ObjectDocument document, long atLeast) => Field(document, "Priority") is { IsNull: false } p && p.AsInt64() >= atLeast;

    [Fact]
    public async Task A_client_reconnecting_from_the_batch_it_integrated_gets_only_what_changed_since()
    {
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        await WriteAsync(writer, [.. Enumerable.Range(1, 10).Select(i => (System.Func<long, Changeset>)(v => CreateTask(v, i, "ann", i)))]);
        var set = Subs(1, Sub("Task", "Priority >= $0", 5L));
        Persisted persisted;
        await using (var first = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, set))
        {
            await ReadQueryVersionAsync(first, 1);
            persisted = Persist(first);
        }

        // While it is away: a viewed task changes, an unviewed one changes, one enters, one leaves.
        await WriteAsync(writer, v => Set(v, 6, "Title", "changed"), v => Set(v, 2, "Title", "unseen"), v => CreateTask(v, 11, "bob", 9), v => Set(v, 7, "Priority", 1L));

        await using var client = await ReconnectAsync(token, realm, persisted, set);
        var received = await CatchUpAsync(client);

        Assert.Equal([11], received.SnapshotTasks);
        Assert.Equal([7], received.RemovedTasks);
        Assert.Equal([6], received.HistoryTasks);
        Assert.All(received.Downloads, d => Assert.Equal(1, d.QueryVersion));
        AssertViewMatchesServer(client, (await ServerState.ReadAsync(fixture.Server, realm)).State, d => Priority(d, 5));
    }

    // Batch 1 (bootstrap of set 1: tasks 5-10), batch 2 (history of task 9, task 11 enters), batch 3 (set 2:
    // tasks 5-7 leave); returns what the client had persisted after batches 1 and 2.
    private async Task<(string Realm, string Token, Persisted AfterFirst, Persisted AfterSecond)> ThreeBatchesAsync()
    {
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        await WriteAsync(writer, [.. Enumerable.Range(1, 10).Select(i => (System.Func<long, Changeset>)(v => CreateTask(v, i, "ann", i)))]);
        await using var first = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, Set1);
        await ReadQueryVersionAsync(first, 1);
        var afterFirst = Persist(first);
        await WriteAsync(writer, v => Set(v, 9, "Title", "nine"), v => CreateTask(v, 11, "bob", 9), v => Set(v, 3, "Title", "unseen"));
        await ReadUntilBatchAsync(first, d => !d.Snapshots.IsEmpty);
        var afterSecond = Persist(first);
        Assert.Equal([5, 6, 7, 8, 9, 10, 11], TaskIds(first));
        await first.UpdateSubscriptionsAsync(Set2);
        var third = await ReadQueryVersionAsync(first, 2);
        Assert.Equal([5, 6, 7], third.RemovedTasks);
        return (realm, token, afterFirst, afterSecond);
    }

    [Fact]
    public async Task A_reconnecting_client_whose_uploads_alternate_with_others_in_one_batch_learns_the_ack_before_each_changeset()
    {
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        await WriteAsync(writer, [.. Enumerable.Range(1, 10).Select(i => (System.Func<long, Changeset>)(v => CreateTask(v, i, "ann", i)))]);
        Persisted persisted;
        long mine1, mine2;
        await using (var first = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, Set1))
        {
            await ReadQueryVersionAsync(first, 1);
            persisted = Persist(first);

            // History after the persisted point: mine, theirs, mine, theirs (all on viewed tasks).
            mine1 = await WriteAsync(first, v => Set(v, 5, "Title", "mine 1"));
            await WriteAsync(writer, v => Set(v, 6, "Title", "theirs 1"));
            await CatchUpAsync(first);
            mine2 = await WriteAsync(first, v => Set(v, 7, "Title", "mine 2"));
            await WriteAsync(writer, v => Set(v, 8, "Title", "theirs 2"));
        }

        // It never persisted anything after the first batch: one batch passes both of its uploads.
        await using var client = await ReconnectAsync(token, realm, persisted, Set1);
        var received = await CatchUpAsync(client);

        var changesets = received.Downloads.SelectMany(d => d.Changesets).ToList();
        Assert.Equal([6, 8], received.HistoryTasks);
        Assert.Equal([mine1, mine2], changesets.Select(c => c.UploadAckBefore));
        Assert.Equal(mine2, received.Downloads.Last(d => d.LastInBatch).UploadAck);
    }

    private static SubscriptionSet Set1 => Subs(1, Sub("Task", "Priority >= $0", 5L));

    private static SubscriptionSet Set2 => Subs(2, Sub("Task", "Priority >= $0", 8L));

    [Fact]
    public async Task A_client_that_never_integrated_its_last_batches_gets_them_again_after_reconnecting_from_the_older_point()
    {
        var (realm, token, afterFirst, _) = await ThreeBatchesAsync();
        var server = (await ServerState.ReadAsync(fixture.Server, realm)).State;

        await using var client = await ReconnectAsync(token, realm, afterFirst, Set2);
        var received = await ReadQueryVersionAsync(client, 2);

        Assert.Equal([11], received.SnapshotTasks);
        Assert.Equal([5, 6, 7], received.RemovedTasks);
        Assert.Equal([9], received.HistoryTasks);
        AssertViewMatchesServer(client, server, d => Priority(d, 8));
    }

    [Fact]
    public async Task A_client_that_integrated_a_batch_of_history_but_not_the_new_set_gets_only_the_set_again_each_time_it_reconnects()
    {
        var (realm, token, _, afterSecond) = await ThreeBatchesAsync();
        var server = (await ServerState.ReadAsync(fixture.Server, realm)).State;

        // Twice: the first reconnect's batch is not integrated either.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await using var client = await ReconnectAsync(token, realm, afterSecond, Set2);
            var received = await ReadQueryVersionAsync(client, 2);
            Assert.Empty(received.SnapshotTasks);
            Assert.Equal([5, 6, 7], received.RemovedTasks);
            Assert.Empty(received.HistoryTasks);
            AssertViewMatchesServer(client, server, d => Priority(d, 8));
        }
    }

    [Fact]
    public async Task A_client_that_integrated_a_set_and_reconnects_with_it_gets_no_bootstrap_again()
    {
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        await WriteAsync(writer, [.. Enumerable.Range(1, 5).Select(i => (System.Func<long, Changeset>)(v => CreateTask(v, i, "ann", i)))]);
        var set1 = Subs(1, Sub("Task", "Priority >= $0", 3L));
        var set2 = Subs(2, Sub("Task", "Priority <= $0", 3L));
        Persisted persisted;
        await using (var first = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, set1))
        {
            await ReadQueryVersionAsync(first, 1);
            await first.UpdateSubscriptionsAsync(set2);
            await ReadQueryVersionAsync(first, 2);
            persisted = Persist(first);
            Assert.Equal([1, 2, 3], TaskIds(first));
        }

        await using var client = await ReconnectAsync(token, realm, persisted, set2);
        var received = await CatchUpAsync(client);

        Assert.Empty(received.SnapshotTasks);
        Assert.Empty(received.RemovedTasks);
        Assert.Equal([1, 2, 3], TaskIds(client));
    }

    [Fact]
    public async Task In_a_batch_of_several_messages_only_the_last_carries_the_new_upload_ack()
    {
        // The ack is in order with the history around it (protocol §5): a client that handles messages one by one
        // must not drop its pending changes before it has received the history they were concurrent with.
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        await WriteAsync(writer, v => CreateTask(v, 1, "ann", 1));
        Persisted persisted;
        long version;
        await using (var first = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, AllTasks(1)))
        {
            await ReadQueryVersionAsync(first, 1);
            persisted = Persist(first);
            version = await first.CommitAndUploadAsync(v => Set(v, 1, "Title", "mine"));
            await first.WaitForAckAsync(version);
        }

        // After the upload, more than a message's worth of new tasks.
        var title = new string('x', 200);
        await WriteAsync(writer, [.. Enumerable.Range(2, 40).Select(i => (System.Func<long, Changeset>)(v => CreateTask(v, i, "bob", i, title: title)))]);

        await using var client = await ReconnectAsync(token, realm, persisted, AllTasks(1));
        var downloads = (await ReadUntilBatchAsync(client)).Downloads.ToList();

        Assert.True(downloads.Count > 1, "expected a batch of several messages");
        Assert.All(downloads[..^1], d => Assert.True(d.UploadAck < version, $"a message before the last carries ack {d.UploadAck}"));
        Assert.Equal(version, downloads[^1].UploadAck);
        Assert.Equal(Enumerable.Range(1, 41).Select(i => (long)i), TaskIds(client));
    }
}
