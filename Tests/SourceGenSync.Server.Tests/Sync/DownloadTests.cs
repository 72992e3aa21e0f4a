using System;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Sync;

/// <summary>Batches, progress, and idempotent re-uploads after a reconnect.</summary>
public sealed class DownloadTests
{
    [Fact]
    public async Task A_large_catch_up_arrives_in_several_messages_of_one_batch_with_progress()
    {
        await using var server = await TestServer.StartAsync("--Server:DownloadMessageBytes=2048");
        var auth = new AuthClient(server.Invoker);
        await using (var writer = await RawSyncClient.BindAsync(server.Invoker, (await auth.LogInAnonymousAsync()).AccessToken, "big"))
        {
            var text = new string('x', 1000);
            var makers = Enumerable.Range(1, 20).Select(i => (Func<long, SourceGenSync.Changesets.Changeset>)(v => TestSchema.CreatePerson(v, i, text + i))).ToArray();
            await writer.WaitForAckAsync(await writer.CommitAndUploadAsync(makers));
        }

        await using var reader = await RawSyncClient.BindAsync(server.Invoker, (await auth.LogInAnonymousAsync()).AccessToken, "big");
        await reader.SyncAsync();

        var downloads = reader.Downloads.Where(d => d.Changesets.Count > 0).ToList();
        Assert.True(downloads.Count >= 5, $"expected several messages, got {downloads.Count}");
        Assert.All(downloads[..^1], d => Assert.False(d.LastInBatch));
        Assert.True(downloads[^1].LastInBatch);
        Assert.Equal(0, downloads[^1].DownloadableBytes);
        Assert.Equal(1.0, downloads[^1].ProgressEstimate);
        for (var i = 1; i < downloads.Count; i++)
        {
            Assert.True(downloads[i].DownloadableBytes < downloads[i - 1].DownloadableBytes);
            Assert.True(downloads[i].ProgressEstimate > downloads[i - 1].ProgressEstimate);
            Assert.True(downloads[i].ServerVersion > downloads[i - 1].ServerVersion);
        }

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), downloads.SelectMany(d => d.Changesets).Select(c => c.ServerVersion));
        Assert.Equal(20, reader.Replica.Count);
    }

    [Fact]
    public async Task A_client_receives_only_the_classes_it_bound_with()
    {
        await using var server = await TestServer.StartAsync();
        var auth = new AuthClient(server.Invoker);
        await using var writer = await RawSyncClient.BindAsync(server.Invoker, (await auth.LogInAnonymousAsync()).AccessToken, "classes");
        var dog = SourceGenSync.Changesets.ObjectRef.TopLevel("Dog", "rex");
        await writer.WaitForAckAsync(await writer.CommitAndUploadAsync(
            v => TestSchema.Changeset(v,
                new SourceGenSync.Changesets.CreateObject(dog),
                new SourceGenSync.Changesets.SetField(dog, "Name", SourceGenSync.Changesets.Payload.Of("Rex")),
                new SourceGenSync.Changesets.CreateObject(TestSchema.Person(1)),
                new SourceGenSync.Changesets.SetField(TestSchema.Person(1), "Name", SourceGenSync.Changesets.Payload.Of("Ann"))),
            v => TestSchema.Changeset(v, new SourceGenSync.Changesets.SetField(dog, "Name", SourceGenSync.Changesets.Payload.Of("Max")))));

        // A client that knows only Person (and the embedded Address): no Dog instruction reaches it, and the
        // Dog-only changeset is skipped while its cursor still moves past it.
        var personOnly = TestSchema.Default.Where(c => c.Name is "Person" or "Address").Select(c => c.Clone()).ToList();
        personOnly[0].Properties.Remove(personOnly[0].Properties.Single(p => p.Name == "Dog"));
        var reader = RawSyncClient.Open(server.Invoker);
        await using (reader)
        {
            Assert.NotNull(await reader.BindAsync((await auth.LogInAnonymousAsync()).AccessToken, "classes", schema: personOnly));
            var mark = await reader.SyncAsync();

            var received = reader.Downloads.SelectMany(d => d.Changesets).ToList();
            Assert.Equal(2, mark.ServerVersion);
            Assert.Equal(2, reader.ServerVersion);
            var only = Assert.Single(received);
            var instructions = SourceGenSync.Changesets.ChangesetCodec.Decode(only.Data.Span).Instructions;
            Assert.Equal(2, instructions.Count);
            Assert.All(instructions, i => Assert.Equal("Person", i.Object.Class));
        }

        // A client bound with the whole schema still gets everything.
        await using var full = await RawSyncClient.BindAsync(server.Invoker, (await auth.LogInAnonymousAsync()).AccessToken, "classes");
        await full.SyncAsync();
        Assert.Equal(2, full.Downloads.SelectMany(d => d.Changesets).Count());
        Assert.Equal(2, full.Replica.Count);
    }

    [Fact]
    public async Task Re_uploading_after_a_reconnect_is_idempotent_and_acknowledged_again()
    {
        await using var server = await TestServer.StartAsync();
        var token = (await new AuthClient(server.Invoker).LogInAnonymousAsync()).AccessToken;
        var upload = new Upload { BaseServerVersion = 0 };
        upload.Changesets.Add(RawSyncClient.Encode(TestSchema.CreatePerson(1, 1, "A")));
        upload.Changesets.Add(RawSyncClient.Encode(TestSchema.SetName(2, 1, "B")));
        ClientFileIdent file;
        await using (var first = await RawSyncClient.BindAsync(server.Invoker, token, "dup"))
        {
            file = first.File!;
            await first.SendAsync(new ClientMessage { Upload = upload });
            // Disconnect without reading the ack: wait only until the server has it durably.
            await WaitUntilAsync(async () => (await server.Store.FindClientFileAsync(file.Ident, default))!.UploadAck == 2);
        }

        await using var second = RawSyncClient.Open(server.Invoker);
        var bound = await second.BindAsync(token, "dup", file, downloadCursor: 0, uploadCursor: 0);
        Assert.Equal(2, bound!.UploadAck);

        await second.SendAsync(new ClientMessage { Upload = upload });
        var ack = (await second.WaitForAckAsync(2)).Download;
        await second.SyncAsync();

        Assert.Equal(2, ack.UploadAckServerVersion);
        var realm = (await server.Store.FindRealmAsync("dup", default))!;
        Assert.Equal(2, realm.Head);
        Assert.Equal(2, (await server.Store.ReadHistoryAsync(realm.Id, 0, long.MaxValue, long.MaxValue, default)).Count);
        Assert.Empty(second.Downloads.SelectMany(d => d.Changesets)); // own history is never sent back
    }

    [Fact]
    public async Task A_reconnecting_client_receives_its_ack_in_order_with_the_history_it_missed()
    {
        await using var server = await TestServer.StartAsync();
        var auth = new AuthClient(server.Invoker);
        var token = (await auth.LogInAnonymousAsync()).AccessToken;
        await using var other = await RawSyncClient.BindAsync(server.Invoker, (await auth.LogInAnonymousAsync()).AccessToken, "order");
        await other.WaitForAckAsync(await other.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "first")));

        ClientFileIdent file;
        await using (var client = await RawSyncClient.BindAsync(server.Invoker, token, "order"))
        {
            file = client.File!;
            var upload = new Upload { BaseServerVersion = 0 };
            upload.Changesets.Add(RawSyncClient.Encode(TestSchema.CreatePerson(1, 2, "mine")));
            await client.SendAsync(new ClientMessage { Upload = upload });
            await WaitUntilAsync(async () => (await server.Store.FindClientFileAsync(file.Ident, default))!.UploadAck == 1);
        }

        await other.WaitForAckAsync(await other.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 3, "third")));

        await using var again = RawSyncClient.Open(server.Invoker);
        await again.BindAsync(token, "order", file, downloadCursor: 0, uploadCursor: 0);
        await again.SyncAsync();

        var messages = again.Downloads;
        var ackMessage = messages.First(d => d.UploadAck == 1);
        Assert.Equal(2, ackMessage.UploadAckServerVersion);
        Assert.True(ackMessage.ServerVersion >= 2);
        Assert.DoesNotContain(messages.TakeWhile(d => d != ackMessage), d => d.UploadAck > 0);
        Assert.Equal([1L, 3L], messages.SelectMany(d => d.Changesets).Select(c => c.ServerVersion));
    }

    [Fact]
    public async Task Each_changeset_says_which_own_uploads_the_server_integrated_before_it_when_one_message_passes_several()
    {
        await using var server = await TestServer.StartAsync();
        var auth = new AuthClient(server.Invoker);
        var token = (await auth.LogInAnonymousAsync()).AccessToken;
        await using var other = await RawSyncClient.BindAsync(server.Invoker, (await auth.LogInAnonymousAsync()).AccessToken, "interleaved");
        await other.WaitForAckAsync(await other.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "theirs")));

        // Server history: 1 theirs, 2 mine (client version 1), 3 theirs, 4 mine (client version 2), 5 theirs.
        ClientFileIdent file;
        await using (var client = await RawSyncClient.BindAsync(server.Invoker, token, "interleaved"))
        {
            file = client.File!;
            await client.WaitForAckAsync(await client.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 2, "mine")));
            await other.SyncAsync();
            await other.WaitForAckAsync(await other.CommitAndUploadAsync(v => TestSchema.SetName(v, 2, "theirs after mine")));
            await client.SyncAsync();
            await client.WaitForAckAsync(await client.CommitAndUploadAsync(v => TestSchema.SetName(v, 1, "mine after theirs")));
            await other.SyncAsync();
            await other.WaitForAckAsync(await other.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 3, "theirs last")));
        }

        // A restarted client that never persisted what it downloaded: one message passes both of its uploads.
        await using var again = RawSyncClient.Open(server.Invoker);
        await again.BindAsync(token, "interleaved", file, downloadCursor: 0, uploadCursor: 0);
        await again.SyncAsync();

        var changesets = again.Downloads.SelectMany(d => d.Changesets).ToList();
        Assert.Equal([1L, 3L, 5L], changesets.Select(c => c.ServerVersion));
        Assert.Equal([0L, 1L, 2L], changesets.Select(c => c.UploadAckBefore));
        var last = again.Downloads.Last(d => d.Changesets.Count > 0);
        Assert.Equal(2, last.UploadAck);
        Assert.Equal(4, last.UploadAckServerVersion);
        Assert.Single(again.Downloads, d => d.Changesets.Count > 0);
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + RawSyncClient.Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true within the deadline.");
            }

            await Task.Delay(20);
        }
    }
}
