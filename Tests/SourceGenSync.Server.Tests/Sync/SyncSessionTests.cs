using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Changesets;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Sync;

/// <summary>Bind, upload, download, mark and ping, driven by the raw protocol client over real HTTP/2.</summary>
public sealed class SyncSessionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly AuthClient _auth = new(fixture.Server.Invoker);

    private static string NewRealm() => "realm-" + System.Guid.NewGuid().ToString("N");

    [Fact]
    public async Task First_bind_assigns_a_client_file_with_a_salt()
    {
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var client = RawSyncClient.Open(fixture.Server.Invoker);

        var bound = await client.BindAsync(token, NewRealm());

        Assert.NotNull(bound);
        Assert.True(bound!.ClientFile.Ident > 0);
        Assert.NotEqual(0, bound.ClientFile.Salt);
        Assert.Equal(0, bound.ServerVersion);
        Assert.Equal(0, bound.UploadAck);
    }

    [Fact]
    public async Task Rebinding_with_the_same_file_confirms_its_ident_and_ack()
    {
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        var realm = NewRealm();
        ClientFileIdent file;
        await using (var first = await RawSyncClient.BindAsync(fixture.Server.Invoker, token, realm))
        {
            var version = await first.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "Ann"));
            await first.WaitForAckAsync(version);
            file = first.File!;
        }

        await using var second = RawSyncClient.Open(fixture.Server.Invoker);
        var bound = await second.BindAsync(token, realm, file, downloadCursor: 1, uploadCursor: 1);

        Assert.Equal(file.Ident, bound!.ClientFile.Ident);
        Assert.Equal(1, bound.ServerVersion);
        Assert.Equal(1, bound.UploadAck);
    }

    [Fact]
    public async Task Binding_a_file_again_ends_its_previous_session_which_sees_the_take_over()
    {
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        var realm = NewRealm();
        await using var first = await RawSyncClient.BindAsync(fixture.Server.Invoker, token, realm);
        var version = await first.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "Ann"));
        await first.WaitForAckAsync(version);

        // The client gave up on the first stream (which still looks alive to the server) and binds the file again.
        await using var second = RawSyncClient.Open(fixture.Server.Invoker);
        var bound = await second.BindAsync(token, realm, first.File, downloadCursor: 0, uploadCursor: 0);

        Assert.Equal(version, bound!.UploadAck);
        var ended = await first.CompletionAsync();
        Assert.Equal(StatusCode.Cancelled, ended.StatusCode);
        Assert.Contains("took over", ended.Detail);

        // The new session goes on normally: its next upload is accepted and acknowledged.
        second.NextClientVersion = version + 1;
        await second.WaitForAckAsync(version);
        var next = await second.CommitAndUploadAsync(v => TestSchema.SetName(v, 1, "Anna"));
        Assert.Equal(next, (await second.WaitForAckAsync(next)).Download.UploadAck);
    }

    [Fact]
    public async Task An_upload_the_previous_session_had_not_read_is_integrated_once_when_sent_again()
    {
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        var realm = NewRealm();
        await using var first = await RawSyncClient.BindAsync(fixture.Server.Invoker, token, realm);
        var version = await first.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "Ann"));

        // Bind again at once, without the ack: the old stream's upload was either integrated before Bound (and
        // Bound's ack covers it) or never read. Either way, re-sending it is safe and it is integrated once.
        await using var second = RawSyncClient.Open(fixture.Server.Invoker);
        var bound = await second.BindAsync(token, realm, first.File, downloadCursor: 0, uploadCursor: 0);
        Assert.True(bound!.UploadAck is 0 || bound.UploadAck == version, $"Bound's ack {bound.UploadAck}");
        Assert.Equal(StatusCode.Cancelled, (await first.CompletionAsync()).StatusCode);

        if (bound.UploadAck < version)
        {
            second.NextClientVersion = version;
            await second.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "Ann"));
        }

        await second.WaitForAckAsync(version);
        var hub = (await fixture.Server.Service<Server.Sync.RealmRegistry>().GetAsync(realm, false, default))!;
        var history = await fixture.Server.Store.ReadHistoryAsync(hub.Id, 0, long.MaxValue, long.MaxValue, default);
        Assert.Single(history);
    }

    [Fact]
    public async Task An_upload_is_acknowledged_in_the_download_stream_and_stored()
    {
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        var realm = NewRealm();
        await using var client = await RawSyncClient.BindAsync(fixture.Server.Invoker, token, realm);

        var version = await client.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "Ann"), v => TestSchema.SetName(v, 1, "Anna"));
        var ack = (await client.WaitForAckAsync(version)).Download;

        Assert.Equal(2, ack.UploadAck);
        Assert.Equal(2, ack.UploadAckServerVersion);
        Assert.Equal(2, ack.ServerVersion);
        Assert.Empty(ack.Changesets); // own changes are not sent back
        Assert.True(ack.LastInBatch);
        var hub = (await fixture.Server.Service<Server.Sync.RealmRegistry>().GetAsync(realm, false, default))!;
        var history = await fixture.Server.Store.ReadHistoryAsync(hub.Id, 0, long.MaxValue, long.MaxValue, default);
        Assert.Equal([1L, 2L], history.Select(h => h.ServerVersion));
        Assert.All(history, h => Assert.Equal(client.File!.Ident, h.OriginFileIdent));
        var (_, documents) = await fixture.Server.Store.ReadStateAsync(hub.Id, default);
        Assert.Contains("\"Anna\"", Assert.Single(documents).Json, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_client_receives_the_change_with_its_origin()
    {
        var realm = NewRealm();
        await using var writer = await RawSyncClient.BindAsync(fixture.Server.Invoker, (await _auth.LogInAnonymousAsync()).AccessToken, realm);
        await using var reader = await RawSyncClient.BindAsync(fixture.Server.Invoker, (await _auth.LogInAnonymousAsync()).AccessToken, realm);

        var version = await writer.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 7, "Bo"));
        await writer.WaitForAckAsync(version);
        var download = (await reader.NextMatchingAsync(m => m.Download?.Changesets.Count > 0)).Download;

        var changeset = Assert.Single(download.Changesets);
        Assert.Equal(writer.File!.Ident, changeset.OriginFileIdent);
        Assert.Equal(1, changeset.ServerVersion);
        var decoded = ChangesetCodec.Decode(changeset.Data.Span);
        Assert.IsType<CreateObject>(decoded.Instructions[0]);
        Assert.True(reader.Replica.TryGet("Person", 7, out _));
    }

    [Fact]
    public async Task A_late_client_downloads_existing_history_from_its_cursor()
    {
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using (var writer = await RawSyncClient.BindAsync(fixture.Server.Invoker, token, realm))
        {
            var version = await writer.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "A"), v => TestSchema.CreatePerson(v, 2, "B"), v => TestSchema.CreatePerson(v, 3, "C"));
            await writer.WaitForAckAsync(version);
        }

        await using var late = await RawSyncClient.BindAsync(fixture.Server.Invoker, (await _auth.LogInAnonymousAsync()).AccessToken, realm);
        var mark = await late.SyncAsync();

        Assert.Equal(3, mark.ServerVersion);
        Assert.Equal(3, late.Downloads.SelectMany(d => d.Changesets).Count());
        Assert.Equal(3, late.Replica.Count);
    }

    [Fact]
    public async Task Mark_is_answered_after_everything_the_server_had_when_it_arrived()
    {
        var realm = NewRealm();
        await using var writer = await RawSyncClient.BindAsync(fixture.Server.Invoker, (await _auth.LogInAnonymousAsync()).AccessToken, realm);
        var version = await writer.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "A"));
        await writer.WaitForAckAsync(version);
        await using var reader = await RawSyncClient.BindAsync(fixture.Server.Invoker, (await _auth.LogInAnonymousAsync()).AccessToken, realm);

        var reply = await reader.SyncAsync(42);

        Assert.Equal(42, reply.RequestId);
        Assert.Equal(1, reply.ServerVersion);
        Assert.Equal(1, reader.ServerVersion);
        Assert.True(reader.Downloads.Last().LastInBatch);
    }

    [Fact]
    public async Task Mark_on_an_empty_realm_is_answered_at_version_zero()
    {
        await using var client = await RawSyncClient.BindAsync(fixture.Server.Invoker, (await _auth.LogInAnonymousAsync()).AccessToken, NewRealm());

        var reply = await client.SyncAsync(7);

        Assert.Equal(0, reply.ServerVersion);
    }

    [Fact]
    public async Task Ping_is_answered_with_its_timestamp()
    {
        await using var client = await RawSyncClient.BindAsync(fixture.Server.Invoker, (await _auth.LogInAnonymousAsync()).AccessToken, NewRealm());

        await client.SendAsync(new ClientMessage { Ping = new Ping { Timestamp = 123456789 } });
        var pong = await client.NextMatchingAsync(m => m.MessageCase == ServerMessage.MessageOneofCase.Pong);

        Assert.Equal(123456789, pong.Pong.Timestamp);
    }

    [Fact]
    public async Task Consecutive_uploads_after_each_ack_are_all_integrated_in_order()
    {
        var realm = NewRealm();
        await using var client = await RawSyncClient.BindAsync(fixture.Server.Invoker, (await _auth.LogInAnonymousAsync()).AccessToken, realm);

        await client.WaitForAckAsync(await client.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "A")));
        for (var i = 0; i < 10; i++)
        {
            var name = "name-" + i;
            await client.WaitForAckAsync(await client.CommitAndUploadAsync(v => TestSchema.SetName(v, 1, name)));
        }

        Assert.Equal(11, client.UploadAck);
        Assert.Equal(11, client.ServerVersion);
    }

    [Fact]
    public async Task Asymmetric_objects_reach_the_server_state_but_no_other_client()
    {
        var realm = NewRealm();
        await using var writer = await RawSyncClient.BindAsync(fixture.Server.Invoker, (await _auth.LogInAnonymousAsync()).AccessToken, realm);
        await using var reader = await RawSyncClient.BindAsync(fixture.Server.Invoker, (await _auth.LogInAnonymousAsync()).AccessToken, realm);
        var evt = ObjectRef.TopLevel("Event", 5);

        var version = await writer.CommitAndUploadAsync(v => TestSchema.Changeset(v,
            new CreateObject(evt), new SetField(evt, "_id", Payload.Of(5)), new SetField(evt, "Kind", Payload.Of("click")),
            new CreateObject(TestSchema.Person(1))));
        await writer.WaitForAckAsync(version);
        await reader.SyncAsync();

        var received = ChangesetCodec.Decode(Assert.Single(reader.Downloads.SelectMany(d => d.Changesets)).Data.Span);
        Assert.All(received.Instructions, i => Assert.Equal("Person", i.Object.Class));
        var hub = (await fixture.Server.Service<Server.Sync.RealmRegistry>().GetAsync(realm, false, default))!;
        var (_, documents) = await fixture.Server.Store.ReadStateAsync(hub.Id, default);
        Assert.Contains(documents, d => d.Class == "Event" && d.Json.Contains("click", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task Client_half_close_ends_the_call_with_ok()
    {
        await using var client = await RawSyncClient.BindAsync(fixture.Server.Invoker, (await _auth.LogInAnonymousAsync()).AccessToken, NewRealm());

        await client.CompleteAsync();

        Assert.Equal(StatusCode.OK, (await client.CompletionAsync()).StatusCode);
    }
}
