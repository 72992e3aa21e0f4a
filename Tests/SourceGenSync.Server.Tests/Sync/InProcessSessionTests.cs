using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Auth;
using SourceGenSync.Server.Sync;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Sync;

/// <summary>The session state machine is transport-agnostic: driven here through channels, without HTTP/2.</summary>
public sealed class InProcessSessionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_session_driven_through_channels_binds_uploads_and_is_acknowledged()
    {
        var inbound = Channel.CreateUnbounded<ClientMessage>();
        var outbound = Channel.CreateUnbounded<ServerMessage>();
        var session = new SyncSession(
            fixture.Server.Service<SyncServices>(),
            fixture.Server.Service<RealmRegistry>(),
            async ct => await inbound.Reader.WaitToReadAsync(ct) && inbound.Reader.TryRead(out var m) ? m : null,
            (message, ct) => outbound.Writer.WriteAsync(message, ct).AsTask());
        using var timeout = new CancellationTokenSource(RawSyncClient.Deadline);
        var run = session.RunAsync(timeout.Token);
        var token = fixture.Server.Service<TokenService>().Issue("in-process-user", "anonymous").Token;
        var bind = new Bind { ProtocolVersion = 1, Realm = "in-process", AccessToken = token };
        bind.Schema.AddRange(TestSchema.Default);

        inbound.Writer.TryWrite(new ClientMessage { Bind = bind });
        var bound = (await outbound.Reader.ReadAsync(timeout.Token)).Bound;
        var upload = new Upload();
        upload.Changesets.Add(RawSyncClient.Encode(TestSchema.CreatePerson(1, 1, "A")));
        inbound.Writer.TryWrite(new ClientMessage { Upload = upload });
        var ack = (await outbound.Reader.ReadAsync(timeout.Token)).Download;
        inbound.Writer.TryWrite(new ClientMessage { Mark = new Mark { RequestId = 9 } });
        var mark = (await outbound.Reader.ReadAsync(timeout.Token)).Mark;
        inbound.Writer.Complete();

        Assert.True(bound.ClientFile.Ident > 0);
        Assert.Equal(1, ack.UploadAck);
        Assert.Equal((9L, 1L), (mark.RequestId, mark.ServerVersion));
        Assert.Equal(StatusCode.OK, (await run).StatusCode);
    }
}
