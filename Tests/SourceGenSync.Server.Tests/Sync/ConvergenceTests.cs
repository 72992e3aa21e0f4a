using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using SourceGenSync.Server.Sync.Merge;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Sync;

/// <summary>Two raw clients writing concurrently end with the server's state (Invariant 3).</summary>
public sealed class ConvergenceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly AuthClient _auth = new(fixture.Server.Invoker);

    private async Task<(RawSyncClient A, RawSyncClient B, string Realm)> TwoClientsAsync()
    {
        var realm = "conv-" + Guid.NewGuid().ToString("N");
        var a = await RawSyncClient.BindAsync(fixture.Server.Invoker, (await _auth.LogInAnonymousAsync()).AccessToken, realm);
        var b = await RawSyncClient.BindAsync(fixture.Server.Invoker, (await _auth.LogInAnonymousAsync()).AccessToken, realm);
        return (a, b, realm);
    }

    [Fact]
    public async Task Concurrent_sets_of_one_field_converge_to_the_later_stamp()
    {
        var (a, b, realm) = await TwoClientsAsync();
        await using (a)
        await using (b)
        {
            await a.WaitForAckAsync(await a.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "start")));
            await b.SyncAsync();

            // Both edit on top of version 1 without seeing the other's change.
            var va = await a.CommitAndUploadAsync(v => TestSchema.SetName(v, 1, "from A"));
            var vb = await b.CommitAndUploadAsync(v => TestSchema.SetName(v, 1, "from B"));
            await a.WaitForAckAsync(va);
            await b.WaitForAckAsync(vb);
            await a.SyncAsync();
            await b.SyncAsync();

            await AssertConvergedAsync(realm, a, b);
            Assert.True(a.Replica.TryGet("Person", 1, out var person));
            Assert.Equal("from B", person!.Fields["Name"].Value.AsString()); // B's stamp is later
        }
    }

    [Fact]
    public async Task Concurrent_list_inserts_and_counter_adds_converge()
    {
        var (a, b, realm) = await TwoClientsAsync();
        await using (a)
        await using (b)
        {
            await a.WaitForAckAsync(await a.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "list owner")));
            await b.SyncAsync();

            var person = TestSchema.Person(1);
            var va = await a.CommitAndUploadAsync(v => TestSchema.Changeset(v,
                new ListInsert(person, "Tags", 0, Payload.Of("a1")), new ListInsert(person, "Tags", 1, Payload.Of("a2")), new AddCounter(person, "Score", 5)));
            var vb = await b.CommitAndUploadAsync(v => TestSchema.Changeset(v,
                new ListInsert(person, "Tags", 0, Payload.Of("b1")), new AddCounter(person, "Score", 7), new SetInsert(person, "Nicknames", Payload.Of("bee"))));
            await a.WaitForAckAsync(va);
            await b.WaitForAckAsync(vb);
            await a.SyncAsync();
            await b.SyncAsync();

            await AssertConvergedAsync(realm, a, b);
            a.Replica.TryGet("Person", 1, out var merged);
            Assert.Equal(12, merged!.Fields["Score"].Value.AsInt64());
            Assert.Equal(3, merged.Fields["Tags"].Items.Count);
        }
    }

    [Fact]
    public async Task A_delete_concurrent_with_an_update_removes_the_object_everywhere()
    {
        var (a, b, realm) = await TwoClientsAsync();
        await using (a)
        await using (b)
        {
            await a.WaitForAckAsync(await a.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "doomed"), v => TestSchema.CreatePerson(v, 2, "kept")));
            await b.SyncAsync();

            var va = await a.CommitAndUploadAsync(v => TestSchema.Changeset(v, new EraseObject(TestSchema.Person(1))));
            var vb = await b.CommitAndUploadAsync(v => TestSchema.SetName(v, 1, "edited"));
            await a.WaitForAckAsync(va);
            await b.WaitForAckAsync(vb);
            await a.SyncAsync();
            await b.SyncAsync();

            await AssertConvergedAsync(realm, a, b);
            Assert.False(b.Replica.TryGet("Person", 1, out _));
            Assert.True(b.Replica.TryGet("Person", 2, out _));
        }
    }

    [Fact]
    public async Task Many_rounds_of_interleaved_edits_from_two_clients_converge()
    {
        var (a, b, realm) = await TwoClientsAsync();
        await using (a)
        await using (b)
        {
            await a.WaitForAckAsync(await a.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "x"), v => TestSchema.CreatePerson(v, 2, "y")));
            await b.SyncAsync();
            var random = new Random(1234);
            for (var round = 0; round < 15; round++)
            {
                var ia = random.Next(1, 3);
                var ib = random.Next(1, 3);
                var ra = round;
                var va = await a.CommitAndUploadAsync(v => TestSchema.Changeset(v,
                    new SetField(TestSchema.Person(ia), "Age", Payload.Of(ra)), new ListInsert(TestSchema.Person(ia), "Tags", 0, Payload.Of("a" + ra)),
                    new DictionarySet(TestSchema.Person(ia), "Points", "k" + (ra % 3), Payload.Of(ra))));
                var vb = await b.CommitAndUploadAsync(v => TestSchema.Changeset(v,
                    new SetField(TestSchema.Person(ib), "Age", Payload.Of(100 + ra)), new ListInsert(TestSchema.Person(ib), "Tags", 0, Payload.Of("b" + ra)),
                    new AddCounter(TestSchema.Person(ib), "Score", 1)));
                await a.WaitForAckAsync(va);
                await b.WaitForAckAsync(vb);
            }

            await a.SyncAsync();
            await b.SyncAsync();
            await AssertConvergedAsync(realm, a, b);
        }
    }

    [Fact]
    public async Task Five_clients_uploading_at_the_same_time_converge_with_the_server()
    {
        var realm = "conv5-" + Guid.NewGuid().ToString("N");
        var clients = new List<RawSyncClient>();
        for (var i = 0; i < 5; i++)
        {
            clients.Add(await RawSyncClient.BindAsync(fixture.Server.Invoker, (await _auth.LogInAnonymousAsync()).AccessToken, realm));
        }

        try
        {
            await clients[0].WaitForAckAsync(await clients[0].CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "p1"), v => TestSchema.CreatePerson(v, 2, "p2"), v => TestSchema.CreatePerson(v, 3, "p3")));
            foreach (var client in clients)
            {
                await client.SyncAsync();
            }

            await Task.WhenAll(clients.Select((client, index) => Task.Run(async () =>
            {
                var random = new Random(index);
                for (var round = 0; round < 8; round++)
                {
                    var id = random.Next(1, 4);
                    var value = index * 100 + round;
                    Func<long, Changeset> make = random.Next(4) switch
                    {
                        0 => v => TestSchema.Changeset(v, new SetField(TestSchema.Person(id), "Age", Payload.Of(value))),
                        1 => v => TestSchema.Changeset(v, new ListInsert(TestSchema.Person(id), "Tags", 0, Payload.Of("t" + value))),
                        2 => v => TestSchema.Changeset(v, new AddCounter(TestSchema.Person(id), "Score", 1), new SetInsert(TestSchema.Person(id), "Nicknames", Payload.Of("n" + (value % 3)))),
                        _ => v => TestSchema.Changeset(v, new DictionarySet(TestSchema.Person(id), "Points", "k" + (value % 2), Payload.Of(value))),
                    };
                    await client.WaitForAckAsync(await client.CommitAndUploadAsync(make));
                }
            })));

            foreach (var client in clients)
            {
                await client.SyncAsync();
            }

            await AssertConvergedAsync(realm, [.. clients]);
            Assert.Equal(3 + 5 * 8, (await fixture.Server.Store.FindRealmAsync(realm, default))!.Head);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private async Task AssertConvergedAsync(string realm, params RawSyncClient[] clients)
    {
        var record = (await fixture.Server.Store.FindRealmAsync(realm, default))!;
        var (_, documents) = await fixture.Server.Store.ReadStateAsync(record.Id, default);
        var server = new InMemoryDocumentSource();
        foreach (var (@class, key, json) in documents)
        {
            server.Put(@class, ObjectKeys.Parse(key), ObjectDocumentSerializer.Deserialize(json));
        }

        foreach (var client in clients)
        {
            Assert.True(server.Equals(client.Replica), $"client {client.File!.Ident} differs from the server:\nserver:\n{server.Dump()}\nclient:\n{client.Replica.Dump()}");
        }
    }
}
