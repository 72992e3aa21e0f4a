using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Sync;

/// <summary>Invariant 1: a change the server acknowledged survives the server process being killed right after the ack.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task An_acknowledged_upload_survives_sigkill_of_the_server()
    {
        var dataPath = TestServer.NewDataPath();
        try
        {
            string token;
            ClientFileIdent file;
            long ack;
            using (var first = await ServerProcess.StartAsync(dataPath))
            using (var channel = new GrpcHttpChannel(first.Address))
            {
                var invoker = channel.CreateCallInvoker();
                var tokens = await new AuthClient(invoker).LogInAnonymousAsync();
                token = tokens.AccessToken;
                var client = await RawSyncClient.BindAsync(invoker, token, "durable");
                file = client.File!;
                var version = await client.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "survivor"), v => TestSchema.SetName(v, 1, "survivor, renamed"));
                ack = (await client.WaitForAckAsync(version)).Download.UploadAck;
                first.Kill(); // the instant the ack was read
                await client.DisposeAsync();
            }

            using var second = await ServerProcess.StartAsync(dataPath);
            using var channel2 = new GrpcHttpChannel(second.Address);
            var invoker2 = channel2.CreateCallInvoker();

            // The same token still works: the signing key was durable too.
            await using var owner = RawSyncClient.Open(invoker2);
            var bound = await owner.BindAsync(token, "durable", file, downloadCursor: 2, uploadCursor: 2);
            Assert.Equal(ack, bound!.UploadAck);
            Assert.Equal(2, bound.ServerVersion);

            await using var reader = await RawSyncClient.BindAsync(invoker2, (await new AuthClient(invoker2).LogInAnonymousAsync()).AccessToken, "durable");
            await reader.SyncAsync();
            Assert.Equal([1L, 2L], reader.Downloads.SelectMany(d => d.Changesets).Select(c => c.ServerVersion));
            Assert.True(reader.Replica.TryGet("Person", 1, out var person));
            Assert.Equal("survivor, renamed", person!.Fields["Name"].Value.AsString());
        }
        finally
        {
            TestServer.DeleteFolder(dataPath);
        }
    }
}
