using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using SourceGenSync.Server.Tests.Infrastructure;
using static SourceGenSync.Server.Tests.Flexible.FlexibleWorld;

namespace SourceGenSync.Server.Tests.Flexible;

/// <summary>
/// Flexible downloads on a real server (docs/protocol.md §11.3): the bootstrap of a subscription set, live view
/// changes caused by another client's writes, and new subscription sets. Writers are partition-style clients (this
/// server has no rules).
/// </summary>
public sealed class FlexibleDownloadTests(FlexibleServerFixture fixture) : IClassFixture<FlexibleServerFixture>
{
    private readonly AuthClient _auth = new(fixture.Server.Invoker);

    private async Task<string> TokenAsync() => (await _auth.LogInAnonymousAsync()).AccessToken;

    [Fact]
    public async Task Bind_with_a_set_downloads_one_batch_of_snapshots_of_exactly_the_matching_objects()
    {
        var realm = NewRealm();
        var token = await TokenAsync();
        await using var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        await WriteAsync(writer, [.. Enumerable.Range(1, 10).Select(i => (System.Func<long, Changeset>)(v => CreateTask(v, i, i % 2 == 0 ? "ann" : "bob", i)))]);
        var head = writer.UploadAckServerVersion;

        await using var client = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, Subs(1, Sub("Task", "OwnerId == $0 AND Priority >= $1", "ann", 5L)));
        var batch = await ReadQueryVersionAsync(client, 1);

        Assert.Equal([6, 8, 10], batch.SnapshotTasks);
        Assert.Empty(batch.RemovedTasks);
        Assert.All(batch.Downloads, d => Assert.Empty(d.Changesets));
        Assert.All(batch.Downloads, d => Assert.Equal(1, d.QueryVersion));
        Assert.All(batch.Downloads, d => Assert.Equal(head, d.ServerVersion));
        Assert.True(batch.Downloads.Last().LastInBatch);
        Assert.Equal(0, batch.Downloads.Last().DownloadableBytes);
        Assert.Equal(1.0, batch.Downloads.Last().ProgressEstimate);
        Assert.Equal([6, 8, 10], TaskIds(client));
        foreach (var id in new long[] { 6, 8, 10 })
        {
            Assert.Equal(Document(writer, id), Document(client, id));
        }
    }

    [Fact]
    public async Task A_bootstrap_larger_than_a_message_spans_several_with_downloadable_bytes_falling_to_zero_and_progress_rising_to_one()
    {
        var realm = NewRealm();
        var token = await TokenAsync();
        await using var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        var title = new string('t', 150);
        await WriteAsync(writer, [.. Enumerable.Range(1, 60).Select(i => (System.Func<long, Changeset>)(v => CreateTask(v, i, "ann", i, title: title + i)))]);

        await using var client = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, AllTasks(1));
        var downloads = (await ReadQueryVersionAsync(client, 1)).Downloads.ToList();

        Assert.True(downloads.Count >= 4, $"expected a multi-message bootstrap, got {downloads.Count} message(s)");
        Assert.All(downloads[..^1], d => Assert.False(d.LastInBatch));
        Assert.True(downloads[^1].LastInBatch);
        Assert.True(downloads[0].DownloadableBytes > 0);
        Assert.True(downloads[0].ProgressEstimate < 1.0);
        for (var i = 1; i < downloads.Count; i++)
        {
            Assert.True(downloads[i].DownloadableBytes < downloads[i - 1].DownloadableBytes, $"downloadable_bytes did not fall at message {i}");
            Assert.True(downloads[i].ProgressEstimate > downloads[i - 1].ProgressEstimate, $"progress did not rise at message {i}");
        }

        Assert.Equal(0, downloads[^1].DownloadableBytes);
        Assert.Equal(1.0, downloads[^1].ProgressEstimate);
        Assert.All(downloads, d => Assert.True(d.Snapshots.Length <= FlexibleServerFixture.DownloadMessageBytes, "a snapshot chunk exceeds the message size"));
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), TaskIds(client));
    }

    [Fact]
    public async Task A_write_that_moves_an_object_into_the_view_arrives_as_its_snapshot_and_not_as_history()
    {
        var (realm, writer, client) = await StartLiveAsync();
        await using var _ = writer;
        await using var __ = client;

        await WriteAsync(writer, v => Set(v, 1, "Priority", 7L));
        var batch = await ReadUntilBatchAsync(client, d => !d.Snapshots.IsEmpty);

        Assert.Equal([1], batch.SnapshotTasks);
        Assert.Empty(batch.HistoryTasks);
        Assert.Empty(batch.RemovedTasks);
        Assert.Equal([1, 2], TaskIds(client));
        Assert.Equal(Document(writer, 1), Document(client, 1));
    }

    [Fact]
    public async Task A_write_that_moves_an_object_out_of_the_view_arrives_as_its_removal()
    {
        var (realm, writer, client) = await StartLiveAsync();
        await using var _ = writer;
        await using var __ = client;

        await WriteAsync(writer, v => Set(v, 2, "Priority", 0L));
        var batch = await ReadUntilBatchAsync(client, d => !d.Removals.IsEmpty);

        Assert.Equal([2], batch.RemovedTasks);
        Assert.Empty(batch.HistoryTasks);
        Assert.Empty(batch.SnapshotTasks);
        Assert.Empty(TaskIds(client));
    }

    [Fact]
    public async Task Erasing_a_viewed_object_arrives_as_its_removal()
    {
        var (realm, writer, client) = await StartLiveAsync();
        await using var _ = writer;
        await using var __ = client;

        await WriteAsync(writer, v => Erase(v, 2));
        var batch = await ReadUntilBatchAsync(client, d => !d.Removals.IsEmpty);

        Assert.Equal([2], batch.RemovedTasks);
        Assert.Empty(TaskIds(client));
    }

    [Fact]
    public async Task A_change_to_a_viewed_object_arrives_as_history_holding_only_the_instructions_on_objects_in_the_view()
    {
        var (realm, writer, client) = await StartLiveAsync();
        await using var _ = writer;
        await using var __ = client;

        // One changeset touching the viewed task 2 and the unviewed task 1; then one touching only task 1.
        await WriteAsync(writer, v => TestSchema.Changeset(v,
            new SetField(Task(2), "Title", Payload.Of("seen")),
            new SetField(Task(1), "Title", Payload.Of("hidden")),
            new SetField(Task(2), "Priority", Payload.Of(8L))));
        await WriteAsync(writer, v => Set(v, 1, "Title", "hidden again"));
        var received = await CatchUpAsync(client);

        var history = received.Downloads.SelectMany(History).ToList();
        Assert.Equal(2, history.Count);
        Assert.All(history, i => Assert.Equal(Task(2), i.Object));
        Assert.Single(received.Downloads.SelectMany(d => d.Changesets));
        Assert.Empty(received.SnapshotTasks);
        Assert.Empty(received.RemovedTasks);
        Assert.Equal("seen", Field(Document(client, 2)!, "Title").AsString());
        Assert.Equal(8, Field(Document(client, 2)!, "Priority").AsInt64());
        Assert.Equal([2], TaskIds(client));
        Assert.Equal(writer.UploadAckServerVersion, client.ServerVersion);
    }

    [Fact]
    public async Task A_new_subscription_set_brings_the_objects_entering_and_removes_those_leaving()
    {
        var realm = NewRealm();
        var token = await TokenAsync();
        await using var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        await WriteAsync(writer, [.. Enumerable.Range(1, 10).Select(i => (System.Func<long, Changeset>)(v => CreateTask(v, i, "ann", i)))]);
        await using var client = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, Subs(1, Sub("Task", "Priority >= $0", 5L)));
        await ReadQueryVersionAsync(client, 1);
        Assert.Equal([5, 6, 7, 8, 9, 10], TaskIds(client));

        await client.UpdateSubscriptionsAsync(Subs(2, Sub("Task", "Priority < $0", 3L), Sub("Task", "Priority == $0", 9L)));
        var batch = await ReadQueryVersionAsync(client, 2);

        Assert.Equal([5, 6, 7, 8, 10], batch.RemovedTasks);
        Assert.Equal([1, 2], batch.SnapshotTasks);
        Assert.Empty(batch.HistoryTasks);
        Assert.All(batch.Downloads, d => Assert.Equal(2, d.QueryVersion));
        Assert.Equal([1, 2, 9], TaskIds(client));
    }

    [Fact]
    public async Task A_subscription_set_that_changes_nothing_is_still_confirmed_by_an_empty_batch()
    {
        var realm = NewRealm();
        var token = await TokenAsync();
        await using var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        await WriteAsync(writer, [.. Enumerable.Range(1, 4).Select(i => (System.Func<long, Changeset>)(v => CreateTask(v, i, "ann", i)))]);
        await using var client = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, Subs(1, Sub("Task", "Priority >= $0", 3L)));
        await ReadQueryVersionAsync(client, 1);

        await client.UpdateSubscriptionsAsync(Subs(2, Sub("Task", "Priority >= $0 OR Priority > $1", 3L, 100L)));
        var batch = await ReadQueryVersionAsync(client, 2);

        var download = Assert.Single(batch.Downloads);
        Assert.True(download.LastInBatch);
        Assert.True(download.Removals.IsEmpty);
        Assert.True(download.Snapshots.IsEmpty);
        Assert.Empty(download.Changesets);
        Assert.Equal(writer.UploadAckServerVersion, download.ServerVersion);
        Assert.Equal([3, 4], TaskIds(client));
    }

    [Fact]
    public async Task A_class_without_a_subscription_contributes_no_objects()
    {
        var realm = NewRealm();
        var token = await TokenAsync();
        await using var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        await WriteAsync(writer, v => CreateTask(v, 1, "ann", 1), v => TestSchema.Changeset(v,
            new CreateObject(ObjectRef.TopLevel("Project", "p1")), new SetField(ObjectRef.TopLevel("Project", "p1"), "Name", Payload.Of("P"))));

        await using var client = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, AllTasks(1));
        await ReadQueryVersionAsync(client, 1);
        await WriteAsync(writer, v => TestSchema.Changeset(v, new SetField(ObjectRef.TopLevel("Project", "p1"), "Name", Payload.Of("Q"))));
        var received = await CatchUpAsync(client);

        Assert.Equal([1], TaskIds(client));
        Assert.DoesNotContain(client.Replica.Documents, d => d.Key.Class == "Project");
        Assert.DoesNotContain(received.Downloads.SelectMany(History), i => i.Object.Class == "Project");
    }

    [Fact]
    public async Task A_subscription_on_a_list_element_follows_inserts_and_erases_and_snapshots_carry_the_whole_list()
    {
        var realm = NewRealm();
        var token = await TokenAsync();
        await using var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        await WriteAsync(writer,
            v => TestSchema.Changeset(v, [.. CreateTaskInstructions(1, "ann", 1), new ListInsert(Task(1), "Tags", 0, Payload.Of("home")), new ListInsert(Task(1), "Tags", 1, Payload.Of("urgent"))]),
            v => TestSchema.Changeset(v, [.. CreateTaskInstructions(2, "ann", 2), new ListInsert(Task(2), "Tags", 0, Payload.Of("work"))]));
        await using var client = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, Subs(1, Sub("Task", "SUBQUERY(Tags, $x, $x == $0).@count > 0", "urgent")));

        var bootstrap = await ReadQueryVersionAsync(client, 1);
        Assert.Equal([1], bootstrap.SnapshotTasks);
        Assert.Equal(Document(writer, 1), Document(client, 1));

        await WriteAsync(writer, v => TestSchema.Changeset(v, new ListInsert(Task(2), "Tags", 1, Payload.Of("urgent"))));
        var entered = await ReadUntilBatchAsync(client, d => !d.Snapshots.IsEmpty);
        Assert.Equal([2], entered.SnapshotTasks);
        Assert.Equal(Document(writer, 2), Document(client, 2));

        await WriteAsync(writer, v => TestSchema.Changeset(v, new ListErase(Task(1), "Tags", 1)));
        var left = await ReadUntilBatchAsync(client, d => !d.Removals.IsEmpty);
        Assert.Equal([1], left.RemovedTasks);
        Assert.Equal([2], TaskIds(client));
    }

    [Fact]
    public async Task An_empty_subscription_set_removes_every_object()
    {
        var (realm, writer, client) = await StartLiveAsync();
        await using var _ = writer;
        await using var __ = client;

        await client.UpdateSubscriptionsAsync(Subs(2));
        var batch = await ReadQueryVersionAsync(client, 2);

        Assert.Equal([2], batch.RemovedTasks);
        Assert.Empty(TaskIds(client));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task Subscription_changes_interleaved_with_another_clients_writes_converge_to_the_last_set(int seed)
    {
        var random = new System.Random(seed);
        var realm = NewRealm();
        var token = await TokenAsync();
        await using var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        await WriteAsync(writer, [.. Enumerable.Range(1, 20).Select(i => (System.Func<long, Changeset>)(v => CreateTask(v, i, "ann", random.Next(10))))]);
        await using var client = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, Subs(1, Sub("Task", "Priority >= $0", 5L)));
        var version = 1L;
        System.Func<ObjectDocument, bool> inView = d => Field(d, "Priority").AsInt64() >= 5;
        var nextId = 21;
        for (var step = 0; step < 40; step++)
        {
            switch (random.Next(4))
            {
                case 0:
                    var threshold = (long)random.Next(10);
                    version++;
                    if (random.Next(2) == 0)
                    {
                        await client.UpdateSubscriptionsAsync(Subs(version, Sub("Task", "Priority >= $0", threshold)));
                        inView = d => Field(d, "Priority").AsInt64() >= threshold;
                    }
                    else
                    {
                        await client.UpdateSubscriptionsAsync(Subs(version, Sub("Task", "Priority < $0", threshold), Sub("Task", "Title == $0", "pinned")));
                        inView = d => Field(d, "Priority").AsInt64() < threshold || (Field(d, "Title") is { IsNull: false } t && t.AsString() == "pinned");
                    }

                    break;
                case 1:
                    var id = nextId++;
                    await WriteAsync(writer, v => CreateTask(v, id, "ann", random.Next(10)));
                    break;
                case 2:
                    var existing = TaskIds(writer).ToList();
                    var target = existing[random.Next(existing.Count)];
                    await WriteAsync(writer, random.Next(3) == 0 ? v => Set(v, target, "Title", "pinned") : v => Set(v, target, "Priority", (long)random.Next(10)));
                    break;
                default:
                    var all = TaskIds(writer).ToList();
                    if (all.Count > 5)
                    {
                        var erased = all[random.Next(all.Count)];
                        await WriteAsync(writer, v => Erase(v, erased));
                    }

                    break;
            }
        }

        if (client.QueryVersion != version)
        {
            await ReadQueryVersionAsync(client, version);
        }

        await CatchUpAsync(client);
        var versions = client.Downloads.Select(d => d.QueryVersion).ToList();
        Assert.Equal(versions.Order(), versions);
        var (_, server) = await ServerState.ReadAsync(fixture.Server, realm);
        var expected = server.Documents.Where(d => d.Key.Class == "Task" && inView(d.Value)).ToList();
        Assert.Equal(expected.Select(d => d.Key.PrimaryKey.AsInt64()), TaskIds(client));
        foreach (var (key, document) in expected)
        {
            Assert.Equal(document, Document(client, key.PrimaryKey.AsInt64()));
        }
    }

    // Tasks 1 (priority 1, outside) and 2 (priority 9, inside) under "Priority >= 5", the client's bootstrap read.
    private async Task<(string Realm, RawSyncClient Writer, RawSyncClient Client)> StartLiveAsync()
    {
        var realm = NewRealm();
        var token = await TokenAsync();
        var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        await WriteAsync(writer, v => CreateTask(v, 1, "ann", 1), v => CreateTask(v, 2, "ann", 9));
        var client = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, Subs(1, Sub("Task", "Priority >= $0", 5L)));
        var batch = await ReadQueryVersionAsync(client, 1);
        Assert.Equal([2], batch.SnapshotTasks);
        return (realm, writer, client);
    }
}
