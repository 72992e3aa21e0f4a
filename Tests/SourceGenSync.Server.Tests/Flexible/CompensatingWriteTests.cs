using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Changesets;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Tests.Infrastructure;
using static SourceGenSync.Server.Tests.Flexible.FlexibleWorld;

namespace SourceGenSync.Server.Tests.Flexible;

/// <summary>
/// Writes of flexible sessions checked against the rules and the view (docs/protocol.md §11.4): denied writes never
/// reach the server's state, are reported as a non-fatal COMPENSATING_WRITE, acknowledged anyway, and reverted by a
/// batch; the session goes on.
/// </summary>
public sealed class CompensatingWriteTests(RulesServerFixture fixture) : IClassFixture<RulesServerFixture>
{
    private readonly AuthClient _auth = new(fixture.Server.Invoker);

    private sealed record User(string Id, string Token, RawSyncClient Client) : System.IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Client.DisposeAsync();
    }

    private async Task<User> UserAsync(string realm, SubscriptionSet? subscriptions = null)
    {
        var tokens = await _auth.LogInAnonymousAsync();
        var client = await BindFlexibleAsync(fixture.Server.Invoker, tokens.AccessToken, realm, subscriptions ?? AllTasks(1));
        await ReadQueryVersionAsync(client, (subscriptions ?? AllTasks(1)).Version);
        return new User(tokens.UserId, tokens.AccessToken, client);
    }

    /// <summary>Ann owns task 1 (private) and 2 (public); Bob owns task 3 (private). Both subscribe to every task.</summary>
    private async Task<(string Realm, User Ann, User Bob)> WorldAsync()
    {
        var realm = NewRealm();
        var ann = await UserAsync(realm);
        var bob = await UserAsync(realm);
        await WriteAsync(ann.Client, v => CreateTask(v, 1, ann.Id, 1), v => CreateTask(v, 2, ann.Id, 2, isPublic: true));
        await WriteAsync(bob.Client, v => CreateTask(v, 3, bob.Id, 3));
        await CatchUpAsync(ann.Client);
        await CatchUpAsync(bob.Client);
        Assert.Equal([1, 2], TaskIds(ann.Client));
        Assert.Equal([2, 3], TaskIds(bob.Client));
        return (realm, ann, bob);
    }

    /// <summary>Uploads, then reads until the compensating write, the ack and the revert of every key in <paramref name="reverted"/> have arrived.</summary>
    private static async Task<(SyncError Error, FlexibleWorld.Received Received)> DeniedAsync(RawSyncClient client, long[] reverted, params System.Func<long, Changeset>[] makers)
    {
        var version = await client.CommitAndUploadAsync(makers);
        var received = new FlexibleWorld.Received();
        var acked = false;
        while (true)
        {
            ServerMessage message;
            try
            {
                message = await client.NextAsync();
            }
            catch (System.TimeoutException exception)
            {
                throw new System.TimeoutException($"{exception.Message} Received: {string.Join(" | ", received.Messages)}", exception);
            }

            received.Add(message);
            acked |= message.MessageCase == ServerMessage.MessageOneofCase.Download && message.Download.UploadAck >= version;
            var revertedKeys = new SortedSet<long>(received.RemovedTasks.Concat(received.SnapshotTasks));
            if (acked && received.Errors.Any() && reverted.All(revertedKeys.Contains) && message.MessageCase == ServerMessage.MessageOneofCase.Download && message.Download.LastInBatch)
            {
                return (received.Errors.Single(), received);
            }
        }
    }

    private static void AssertCompensating(SyncError error, params long[] keys)
    {
        Assert.Equal(SyncErrorCode.CompensatingWrite, error.Code);
        Assert.False(error.Fatal);
        Assert.Equal(SyncErrorAction.Warning, error.Action);
        Assert.Equal(keys.Order(), error.CompensatingWrites.Select(w => w.PrimaryKey.IntValue).Order());
        Assert.All(error.CompensatingWrites, w => Assert.Equal("Task", w.ClassName));
        Assert.All(error.CompensatingWrites, w => Assert.False(string.IsNullOrWhiteSpace(w.Reason)));
    }

    // The session goes on: an allowed write is acknowledged and reaches another client.
    private static async Task AssertSessionContinuesAsync(User writer, User reader, long id)
    {
        await WriteAsync(writer.Client, v => CreateTask(v, id, writer.Id, 5, isPublic: true));
        await CatchUpAsync(reader.Client);
        Assert.Contains(id, TaskIds(reader.Client));
    }

    [Fact]
    public async Task A_partition_style_bind_is_refused_with_flexible_sync_required()
    {
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var client = RawSyncClient.Open(fixture.Server.Invoker);

        Assert.Null(await client.BindAsync(token, NewRealm(), schema: Schema));

        Assert.Equal(SyncErrorCode.FlexibleSyncRequired, client.LastError!.Code);
        Assert.True(client.LastError.Fatal);
    }

    [Fact]
    public async Task Creating_an_object_for_another_user_is_not_applied_and_is_removed_from_the_client()
    {
        var (realm, ann, bob) = await WorldAsync();
        await using var _ = ann;
        await using var __ = bob;

        var (error, received) = await DeniedAsync(bob.Client, [10], v => CreateTask(v, 10, ann.Id, 1));

        AssertCompensating(error, 10);
        Assert.Equal([10], received.RemovedTasks);
        Assert.Equal([2, 3], TaskIds(bob.Client));
        Assert.DoesNotContain(10, ServerState.TaskIds((await ServerState.ReadAsync(fixture.Server, realm)).State));
        await AssertSessionContinuesAsync(bob, ann, 11);
        Assert.DoesNotContain(10, TaskIds(ann.Client));
    }

    [Fact]
    public async Task Updating_another_users_visible_object_is_not_applied_and_its_state_is_sent_back()
    {
        var (realm, ann, bob) = await WorldAsync();
        await using var _ = ann;
        await using var __ = bob;

        var (error, received) = await DeniedAsync(bob.Client, [2], v => Set(v, 2, "Title", "bob was here"));

        AssertCompensating(error, 2);
        Assert.Equal([2], received.SnapshotTasks);
        Assert.Equal("task 2", Field(Document(bob.Client, 2)!, "Title").AsString());
        var (_, server) = await ServerState.ReadAsync(fixture.Server, realm);
        Assert.True(server.TryGet("Task", 2L, out var task2));
        Assert.Equal("task 2", Field(task2, "Title").AsString());
        await AssertSessionContinuesAsync(bob, ann, 12);
        Assert.Equal("task 2", Field(Document(ann.Client, 2)!, "Title").AsString());
    }

    [Fact]
    public async Task Giving_an_own_object_away_is_not_applied_and_its_state_is_sent_back()
    {
        var (realm, ann, bob) = await WorldAsync();
        await using var _ = ann;
        await using var __ = bob;

        var (error, received) = await DeniedAsync(ann.Client, [1], v => Set(v, 1, "OwnerId", bob.Id));

        AssertCompensating(error, 1);
        Assert.Equal([1], received.SnapshotTasks);
        Assert.Equal(ann.Id, Field(Document(ann.Client, 1)!, "OwnerId").AsString());
        var (_, server) = await ServerState.ReadAsync(fixture.Server, realm);
        Assert.True(server.TryGet("Task", 1L, out var task1));
        Assert.Equal(ann.Id, Field(task1, "OwnerId").AsString());
        await AssertSessionContinuesAsync(ann, bob, 13);
        Assert.DoesNotContain(1, TaskIds(bob.Client));
    }

    [Fact]
    public async Task Erasing_another_users_object_is_not_applied_and_the_object_comes_back()
    {
        var (realm, ann, bob) = await WorldAsync();
        await using var _ = ann;
        await using var __ = bob;

        var (error, received) = await DeniedAsync(bob.Client, [2], v => Erase(v, 2));

        AssertCompensating(error, 2);
        Assert.Equal([2], received.SnapshotTasks);
        Assert.Equal([2, 3], TaskIds(bob.Client));
        Assert.Contains(2, ServerState.TaskIds((await ServerState.ReadAsync(fixture.Server, realm)).State));
        await AssertSessionContinuesAsync(bob, ann, 14);
        Assert.Contains(2, TaskIds(ann.Client));
    }

    [Fact]
    public async Task Writing_outside_the_subscriptions_is_not_applied_even_when_the_rules_allow_it()
    {
        var realm = NewRealm();
        await using var ann = await UserAsync(realm, Subs(1, Sub("Task", "Priority >= $0", 5L)));

        var (error, received) = await DeniedAsync(ann.Client, [20], v => CreateTask(v, 20, ann.Id, 1), v => CreateTask(v, 21, ann.Id, 9));

        AssertCompensating(error, 20);
        Assert.Equal([20], received.RemovedTasks);
        Assert.Equal([21], TaskIds(ann.Client));
        Assert.Equal([21], ServerState.TaskIds((await ServerState.ReadAsync(fixture.Server, realm)).State));
    }

    [Fact]
    public async Task A_crafted_changeset_mixing_allowed_and_denied_objects_applies_only_the_allowed_part()
    {
        var (realm, ann, bob) = await WorldAsync();
        await using var _ = ann;
        await using var __ = bob;

        var (error, received) = await DeniedAsync(bob.Client, [2, 31], v => TestSchema.Changeset(v,
            [.. CreateTaskInstructions(30, bob.Id, 1, isPublic: true),
             new SetField(Task(2), "Title", Payload.Of("crafted")),
             new SetField(Task(3), "Title", Payload.Of("mine")),
             .. CreateTaskInstructions(31, ann.Id, 1, isPublic: true),
             new EraseObject(Task(1))]));

        // Task 1 is not in Bob's view at all: it is denied (reported) but there is nothing to revert on his side.
        AssertCompensating(error, 1, 2, 31);
        var (_, server) = await ServerState.ReadAsync(fixture.Server, realm);
        Assert.Equal([1, 2, 3, 30], ServerState.TaskIds(server));
        Assert.True(server.TryGet("Task", 2L, out var task2));
        Assert.Equal("task 2", Field(task2, "Title").AsString());
        Assert.True(server.TryGet("Task", 3L, out var task3));
        Assert.Equal("mine", Field(task3, "Title").AsString());
        Assert.Equal([2, 3, 30], TaskIds(bob.Client));
        Assert.Equal("task 2", Field(Document(bob.Client, 2)!, "Title").AsString());

        await CatchUpAsync(ann.Client);
        Assert.Equal([1, 2, 30], TaskIds(ann.Client));
        Assert.Equal("task 2", Field(Document(ann.Client, 2)!, "Title").AsString());
    }

    [Fact]
    public async Task A_subscription_on_the_primary_key_lets_writes_inside_it_through()
    {
        var realm = NewRealm();
        await using var ann = await UserAsync(realm, Subs(1, Sub("Task", "_id >= $0", 100L)));

        await WriteAsync(ann.Client, v => CreateTask(v, 150, ann.Id, 1));
        var (error, received) = await DeniedAsync(ann.Client, [50], v => CreateTask(v, 50, ann.Id, 1));

        AssertCompensating(error, 50);
        Assert.Equal([50], received.RemovedTasks);
        Assert.Equal([150], ServerState.TaskIds((await ServerState.ReadAsync(fixture.Server, realm)).State));
    }

    [Fact]
    public async Task A_class_whose_rule_cannot_apply_is_denied_not_refused()
    {
        var realm = NewRealm();
        await using var ann = await UserAsync(realm, Subs(1, Sub("Task", "TRUEPREDICATE"), Sub("Project", "TRUEPREDICATE")));
        var project = ObjectRef.TopLevel("Project", "p1");

        var (error, received) = await DeniedAsync(ann.Client, [], v => TestSchema.Changeset(v, new CreateObject(project), new SetField(project, "Name", Payload.Of("P"))));

        Assert.Equal(SyncErrorCode.CompensatingWrite, error.Code);
        Assert.Equal("Project", Assert.Single(error.CompensatingWrites).ClassName);
        Assert.Empty((await ServerState.ReadAsync(fixture.Server, realm)).State.Documents);
        Assert.Contains(received.Downloads.SelectMany(Removals), i => i.Object == project);
        Assert.DoesNotContain(ann.Client.Replica.Documents, d => d.Key.Class == "Project");
        await WriteAsync(ann.Client, v => CreateTask(v, 1, ann.Id, 1));
    }

    [Fact]
    public async Task The_batch_that_acknowledges_a_denied_write_also_reverts_it()
    {
        // A client persists the ack with the batch that carries it: if the revert came in a later batch, a client
        // that integrated the ack and then lost its connection would keep the denied change for ever.
        var (realm, ann, bob) = await WorldAsync();
        await using var _ = ann;
        await using var __ = bob;

        for (var attempt = 0; attempt < 10; attempt++)
        {
            var version = await bob.Client.CommitAndUploadAsync(v => Set(v, 2, "Title", "bob " + attempt));
            var batch = new List<Download>();
            while (true)
            {
                var message = await bob.Client.NextAsync();
                if (message.MessageCase != ServerMessage.MessageOneofCase.Download)
                {
                    continue;
                }

                batch.Add(message.Download);
                if (!message.Download.LastInBatch)
                {
                    continue;
                }

                if (message.Download.UploadAck >= version)
                {
                    break;
                }

                batch.Clear();
            }

            Assert.Contains(2L, TaskKeys(batch.SelectMany(Snapshots)));
            Assert.Equal("task 2", Field(Document(bob.Client, 2)!, "Title").AsString());
        }
    }

    [Fact]
    public async Task An_object_denied_in_several_changesets_of_an_upload_is_reported_once()
    {
        var (realm, ann, bob) = await WorldAsync();
        await using var _ = ann;
        await using var __ = bob;

        var (error, received) = await DeniedAsync(bob.Client, [2], v => Set(v, 2, "Title", "one"), v => Set(v, 2, "Priority", 7L), v => Set(v, 3, "Title", "mine"));

        AssertCompensating(error, 2);
        Assert.Contains("Task 2", error.Message, System.StringComparison.Ordinal);
        Assert.Equal("task 2", Field(Document(bob.Client, 2)!, "Title").AsString());
        Assert.Equal("mine", Field(Document(bob.Client, 3)!, "Title").AsString());
    }

    [Fact]
    public async Task A_compensating_write_lists_at_most_the_configured_number_of_writes_and_counts_them_all()
    {
        var (realm, ann, bob) = await WorldAsync();
        await using var _ = ann;
        await using var __ = bob;

        long[] ids = [40, 41, 42, 43, 44];
        var (error, received) = await DeniedAsync(bob.Client, ids, [.. ids.Select(id => (System.Func<long, Changeset>)(v => CreateTask(v, id, ann.Id, 1)))]);

        Assert.Equal(RulesServerFixture.MaxCompensatingWritesReported, error.CompensatingWrites.Count);
        Assert.Contains("5 writes", error.Message, System.StringComparison.Ordinal);
        Assert.Equal(ids, received.RemovedTasks);
        Assert.Equal([2, 3], TaskIds(bob.Client));
        Assert.Equal([1, 2, 3], ServerState.TaskIds((await ServerState.ReadAsync(fixture.Server, realm)).State));
    }

    [Fact]
    public async Task A_client_that_lost_its_connection_before_the_revert_gets_it_after_reconnecting()
    {
        var (realm, ann, bob) = await WorldAsync();
        await using var _ = ann;
        var cursor = bob.Client.BatchServerVersion;
        var file = bob.Client.File!;
        var version = await bob.Client.CommitAndUploadAsync(v => Set(v, 2, "Title", "bob was here"));
        var replica = bob.Client.Replica.Clone();

        // The server integrated the upload (dropping the denied write); the client never read a reply.
        var deadline = System.DateTime.UtcNow + RawSyncClient.Deadline;
        while ((await fixture.Server.Store.FindClientFileAsync(file.Ident, default))!.UploadAck < version)
        {
            Assert.True(System.DateTime.UtcNow < deadline, "the upload was not integrated in time");
            await System.Threading.Tasks.Task.Delay(20);
        }

        await bob.DisposeAsync();
        await using var again = RawSyncClient.Open(fixture.Server.Invoker);
        again.RestoreReplica(replica);
        Assert.NotNull(await again.BindFlexibleAsync(bob.Token, realm, Schema, AllTasks(1), file, cursor, 0, 1));
        await CatchUpAsync(again);

        Assert.Equal("task 2", Field(Document(again, 2)!, "Title").AsString());
    }
}
