using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Tests.Infrastructure;
using static SourceGenSync.Server.Tests.Flexible.FlexibleWorld;

namespace SourceGenSync.Server.Tests.Flexible;

/// <summary>
/// Many users writing at random (seeded) under the rules "readable by the owner or when public, writable by the
/// owner": every Download each user receives is checked (snapshots hold only readable objects in the user's
/// subscription, history only touches objects the user holds before and after), the guard's decisions are compared
/// with the rules, and in the end each user holds exactly what the rules and subscriptions select.
/// </summary>
public sealed class RulesViewTests(RulesServerFixture fixture) : IClassFixture<RulesServerFixture>
{
    private readonly AuthClient _auth = new(fixture.Server.Invoker);

    private sealed class User(string id, RawSyncClient client, long minPriority)
    {
        public string Id { get; } = id;

        public RawSyncClient Client { get; } = client;

        public long MinPriority { get; } = minPriority;

        public int DownloadsChecked { get; set; }

        /// <summary>Tasks this user wrote: a removal may name one it never held (its denied creation).</summary>
        public HashSet<long> Written { get; } = [];

        public bool Sees(ObjectDocument task) =>
            (Owner(task) == Id || Field(task, "IsPublic") is { IsNull: false } p && p.AsBool())
            && Field(task, "Priority") is { IsNull: false } priority && priority.AsInt64() >= MinPriority;

        public bool MayWrite(ObjectDocument? task) => task is null || (Owner(task) == Id && Sees(task));

        private static string? Owner(ObjectDocument task) => Field(task, "OwnerId") is { IsNull: false } o ? o.AsString() : null;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Users_only_ever_receive_what_the_read_rule_and_their_subscriptions_allow(int seed)
    {
        var random = new Random(seed);
        var realm = NewRealm();
        var users = new List<User>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var tokens = await _auth.LogInAnonymousAsync();
                var minPriority = i == 0 ? 0 : random.Next(0, 6);
                var client = await BindFlexibleAsync(fixture.Server.Invoker, tokens.AccessToken, realm, Subs(1, Sub("Task", "Priority >= $0", (long)minPriority)));
                var user = new User(tokens.UserId, client, minPriority);
                users.Add(user);
                await CheckedUntilAsync(user, m => m.MessageCase == ServerMessage.MessageOneofCase.Download && m.Download.LastInBatch && m.Download.QueryVersion == 1);
            }

            long nextId = 1;
            var denials = 0;
            for (var step = 0; step < 60; step++)
            {
                var user = users[random.Next(users.Count)];
                await CheckedCatchUpAsync(user);
                var (_, server) = await ServerState.ReadAsync(fixture.Server, realm);
                var tasks = server.Documents.Where(d => d.Key.Class == "Task").ToDictionary(d => d.Key.PrimaryKey.AsInt64(), d => d.Value);
                var own = tasks.Where(t => user.MayWrite(t.Value)).Select(t => t.Key).ToList();
                var othersVisible = tasks.Where(t => user.Sees(t.Value) && !user.MayWrite(t.Value)).Select(t => t.Key).ToList();

                long id;
                Func<long, Changeset> make;
                var kind = random.Next(10);
                if (kind < 4 || own.Count == 0)
                {
                    // Create: for oneself (maybe outside one's own subscription) or, sometimes, for someone else.
                    id = nextId++;
                    var owner = random.Next(5) == 0 ? users[random.Next(users.Count)].Id : user.Id;
                    var priority = random.Next(0, 10);
                    var isPublic = random.Next(2) == 0;
                    make = v => CreateTask(v, id, owner, priority, isPublic);
                }
                else if (kind < 8)
                {
                    id = own[random.Next(own.Count)];
                    make = random.Next(3) switch
                    {
                        0 => v => Set(v, id, "IsPublic", random.Next(2) == 0),
                        1 => v => Set(v, id, "Priority", (long)random.Next(0, 10)),
                        _ => v => Set(v, id, "Title", "title " + random.Next()),
                    };
                }
                else if (kind < 9 && othersVisible.Count > 0)
                {
                    id = othersVisible[random.Next(othersVisible.Count)];
                    make = random.Next(2) == 0 ? v => Set(v, id, "Title", "not yours") : v => Erase(v, id);
                }
                else
                {
                    id = own[random.Next(own.Count)];
                    make = v => Erase(v, id);
                }

                // What the rules say, from the server's state before and after the write.
                var changeset = make(0);
                var before = tasks.GetValueOrDefault(id);
                var preview = new InMemoryDocumentSource();
                if (before is not null)
                {
                    preview.Put("Task", id, before.Clone());
                }

                InstructionApplier.Apply(changeset, preview);
                var after = preview.TryGet("Task", id, out var afterDocument) ? afterDocument : null;
                var allowed = user.MayWrite(before) && user.MayWrite(after) && (before is not null || after is not null);
                denials += allowed ? 0 : 1;
                await CheckedWriteAsync(user, id, allowed, v => new Changeset(v, changeset.Timestamp, changeset.Instructions));

                var (_, now) = await ServerState.ReadAsync(fixture.Server, realm);
                var stored = now.TryGet("Task", id, out var storedDocument) ? storedDocument : null;
                Assert.Equal(allowed ? after : before, stored);
            }

            Assert.True(denials > 0, "the random walk never tried a denied write");
            var (_, final) = await ServerState.ReadAsync(fixture.Server, realm);
            foreach (var user in users)
            {
                await CheckedCatchUpAsync(user);
                var expected = final.Documents.Where(d => d.Key.Class == "Task" && user.Sees(d.Value)).ToList();
                Assert.Equal(expected.Select(d => d.Key.PrimaryKey.AsInt64()), TaskIds(user.Client));
                foreach (var (key, document) in expected)
                {
                    Assert.Equal(document, Document(user.Client, key.PrimaryKey.AsInt64()));
                }

                Assert.True(user.DownloadsChecked > 0);
            }
        }
        finally
        {
            foreach (var user in users)
            {
                await user.Client.DisposeAsync();
            }
        }
    }

    private static async Task CheckedWriteAsync(User user, long id, bool allowed, Func<long, Changeset> make)
    {
        user.Written.Add(id);
        var version = await user.Client.CommitAndUploadAsync(make);
        var acked = false;
        SyncError? error = null;
        var reverted = false;
        await CheckedUntilAsync(user, message =>
        {
            switch (message.MessageCase)
            {
                case ServerMessage.MessageOneofCase.Error:
                    Assert.Null(error);
                    error = message.Error;
                    break;
                case ServerMessage.MessageOneofCase.Download:
                    acked |= message.Download.UploadAck >= version;
                    reverted |= error is not null && (Removals(message.Download).Concat(Snapshots(message.Download)).Any(i => i.Object == Task(id)));
                    break;
            }

            return acked && (allowed || (reverted && message.MessageCase == ServerMessage.MessageOneofCase.Download && message.Download.LastInBatch));
        });

        if (allowed)
        {
            Assert.Null(error);
            return;
        }

        Assert.NotNull(error);
        Assert.Equal(SyncErrorCode.CompensatingWrite, error!.Code);
        Assert.False(error.Fatal);
        Assert.Equal(id, Assert.Single(error.CompensatingWrites).PrimaryKey.IntValue);
    }

    private static async Task CheckedCatchUpAsync(User user)
    {
        var id = Random.Shared.NextInt64(1, long.MaxValue);
        await user.Client.SendAsync(new ClientMessage { Mark = new Mark { RequestId = id } });
        await CheckedUntilAsync(user, m => m.MessageCase == ServerMessage.MessageOneofCase.Mark && m.Mark.RequestId == id);
    }

    // Reads messages, checking each Download against what the user may see, until one satisfies done.
    private static async Task CheckedUntilAsync(User user, Func<ServerMessage, bool> done)
    {
        while (true)
        {
            var before = TaskIds(user.Client);
            var message = await user.Client.NextAsync();
            if (message.MessageCase == ServerMessage.MessageOneofCase.Error && message.Error.Code != SyncErrorCode.CompensatingWrite)
            {
                Assert.Fail($"Unexpected error {message.Error.Code}: {message.Error.Message}");
            }

            if (message.MessageCase == ServerMessage.MessageOneofCase.Download)
            {
                Check(user, message.Download, before);
            }

            if (done(message))
            {
                return;
            }
        }
    }

    private static void Check(User user, Download download, SortedSet<long> before)
    {
        user.DownloadsChecked++;
        var snapshot = new InMemoryDocumentSource();
        if (!download.Snapshots.IsEmpty)
        {
            InstructionApplier.Apply(ChangesetCodec.Decode(download.Snapshots.Span), snapshot);
        }

        foreach (var (key, document) in snapshot.Documents)
        {
            Assert.Equal("Task", key.Class);
            Assert.True(user.Sees(document), $"user {user.Id} (priority >= {user.MinPriority}) received a snapshot of {key.PrimaryKey}: {document}");
        }

        // A removal names only objects the user held or wrote itself: it reveals nothing else.
        foreach (var id in TaskKeys(Removals(download)))
        {
            Assert.True(before.Contains(id) || user.Written.Contains(id), $"user {user.Id} received a removal of task {id}, which it never held nor wrote");
        }

        var after = TaskIds(user.Client);
        foreach (var id in TaskKeys(History(download)))
        {
            Assert.True(before.Contains(id) && after.Contains(id), $"user {user.Id} received history of task {id}, which it did not hold before and after");
        }

        Assert.All(History(download), i => Assert.Equal("Task", i.Object.Class));
    }
}
