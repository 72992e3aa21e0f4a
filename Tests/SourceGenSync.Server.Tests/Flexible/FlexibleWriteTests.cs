using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Changesets;
using SourceGenSync.Server.Tests.Infrastructure;
using static SourceGenSync.Server.Tests.Flexible.FlexibleWorld;

namespace SourceGenSync.Server.Tests.Flexible;

/// <summary>Writes of flexible sessions on a server without rules: only the view limits them (docs/protocol.md §11.4).</summary>
public sealed class FlexibleWriteTests(FlexibleServerFixture fixture) : IClassFixture<FlexibleServerFixture>
{
    private readonly AuthClient _auth = new(fixture.Server.Invoker);

    [Fact]
    public async Task A_write_inside_the_view_is_applied_and_reaches_another_flexible_client_viewing_the_object()
    {
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var writer = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, AllTasks(1));
        await ReadQueryVersionAsync(writer, 1);
        await using var reader = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, Subs(1, Sub("Task", "Priority > $0", 4L)));
        await ReadQueryVersionAsync(reader, 1);

        await WriteAsync(writer, v => CreateTask(v, 1, "ann", 9), v => CreateTask(v, 2, "ann", 1));
        await CatchUpAsync(reader);
        await WriteAsync(writer, v => Set(v, 1, "Title", "renamed"));
        await CatchUpAsync(reader);

        Assert.Equal([1, 2], ServerState.TaskIds((await ServerState.ReadAsync(fixture.Server, realm)).State));
        Assert.Equal([1], TaskIds(reader));
        Assert.Equal(Document(writer, 1), Document(reader, 1));
    }

    [Fact]
    public async Task An_asymmetric_object_written_by_a_flexible_session_reaches_the_server_without_a_compensating_write()
    {
        // Asymmetric objects are never in a view (they cannot be subscribed to): only the write rule applies.
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var client = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, AllTasks(1));
        await ReadQueryVersionAsync(client, 1);
        var @event = ObjectRef.TopLevel("Event", 1L);

        var version = await client.CommitAndUploadAsync(v => TestSchema.Changeset(v,
            new CreateObject(@event), new SetField(@event, "_id", Payload.Of(1L)), new SetField(@event, "Kind", Payload.Of("click"))));
        var received = await ReadUntilAsync(client, m => m.MessageCase == Protocol.Sync.ServerMessage.MessageOneofCase.Download && m.Download.UploadAck >= version);
        received.Messages.AddRange((await CatchUpAsync(client)).Messages);

        Assert.Empty(received.Errors);
        Assert.True((await ServerState.ReadAsync(fixture.Server, realm)).State.TryGet("Event", 1L, out _));
    }

    [Fact]
    public async Task Views_and_write_checks_on_string_primary_keys_follow_the_key()
    {
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var client = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, Subs(1, Sub("Project", "_id BEGINSWITH $0", "mine-")));
        await ReadQueryVersionAsync(client, 1);
        await using var other = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, Subs(1, Sub("Project", "Name == $0", "shared")));
        await ReadQueryVersionAsync(other, 1);

        var version = await client.CommitAndUploadAsync(
            v => TestSchema.Changeset(v, [.. Project("mine-1", "shared")]),
            v => TestSchema.Changeset(v, [.. Project("theirs-1", "shared")]));
        var received = await ReadUntilAsync(client, m => m.MessageCase == Protocol.Sync.ServerMessage.MessageOneofCase.Download
            && m.Download.LastInBatch && m.Download.UploadAck >= version
            && Removals(m.Download).Any(i => i.Object == ObjectRef.TopLevel("Project", "theirs-1")));

        var error = Assert.Single(received.Errors);
        Assert.Equal("theirs-1", Assert.Single(error.CompensatingWrites).PrimaryKey.StringValue);
        Assert.Equal(["mine-1"], client.Replica.Documents.Select(d => d.Key.PrimaryKey.AsString()));
        await CatchUpAsync(other);
        Assert.Equal(["mine-1"], other.Replica.Documents.Select(d => d.Key.PrimaryKey.AsString()));

        // Renamed out of the other client's view: removed there, by its string key.
        await WriteAsync(client, v => TestSchema.Changeset(v, new SetField(ObjectRef.TopLevel("Project", "mine-1"), "Name", Payload.Of("private"))));
        await CatchUpAsync(other);
        Assert.Empty(other.Replica.Documents);
    }

    [Fact]
    public async Task The_ack_of_an_upload_of_duplicates_is_tagged_with_the_query_version_in_use()
    {
        // Every Download ending a batch tells the client which set its view follows; an ack-only one too, or a
        // client would persist query version 0 with it.
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var client = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, AllTasks(3));
        await ReadQueryVersionAsync(client, 3);
        var changeset = CreateTask(1, 1, "ann", 1);
        var upload = new Protocol.Sync.Upload { BaseServerVersion = client.ServerVersion };
        upload.Changesets.Add(RawSyncClient.Encode(changeset));
        await client.SendAsync(new Protocol.Sync.ClientMessage { Upload = upload });
        await ReadUntilAsync(client, m => m.MessageCase == Protocol.Sync.ServerMessage.MessageOneofCase.Download && m.Download.UploadAck >= 1);

        await client.SendAsync(new Protocol.Sync.ClientMessage { Upload = upload });
        var again = await ReadUntilAsync(client, m => m.MessageCase == Protocol.Sync.ServerMessage.MessageOneofCase.Download);

        var download = again.Downloads.Single();
        Assert.True(download.LastInBatch);
        Assert.Equal(1, download.UploadAck);
        Assert.Equal(3, download.QueryVersion);
        Assert.Empty(again.Errors);
    }

    private static Instruction[] Project(string id, string name)
    {
        var project = ObjectRef.TopLevel("Project", id);
        return [new CreateObject(project), new SetField(project, "_id", Payload.Of(id)), new SetField(project, "Name", Payload.Of(name))];
    }

    [Fact]
    public async Task A_write_the_merge_overrode_is_answered_with_the_objects_merged_state()
    {
        // A flexible client may hold an object from a snapshot, without the concurrent history that beat its write:
        // the server therefore sends the merged state of every object whose write the merge changed.
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var winner = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, AllTasks(1));
        await ReadQueryVersionAsync(winner, 1);
        await WriteAsync(winner, v => CreateTask(v, 1, "ann", 1, title: "first"));
        await using var loser = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, AllTasks(1));
        await ReadQueryVersionAsync(loser, 1);

        // The loser's edit is older, but reaches the server after the winner's.
        var older = TestSchema.Now();
        await WriteAsync(winner, v => Set(v, 1, "Title", "winner"));
        var version = await loser.CommitAndUploadAsync(v => new Changeset(v, older, [new SetField(Task(1), "Title", Payload.Of("loser"))]));
        var received = await ReadUntilBatchAsync(loser, d => d.UploadAck >= version);

        Assert.Empty(received.Errors);
        Assert.Contains(1L, received.SnapshotTasks);
        Assert.Equal("winner", Field(Document(loser, 1)!, "Title").AsString());
        Assert.Equal("winner", Field(Document(winner, 1)!, "Title").AsString());
    }
}
