using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Changesets;
using SourceGenSync.Grpc;
using SourceGenSync.Merge;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Queries;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Flexible;

/// <summary>The schema, changesets, subscriptions and batch reading the flexible-sync tests share.</summary>
internal static class FlexibleWorld
{
    /// <summary>Task: the class the views and rules query. Project: linked, to try an unsupported link path. Event: asymmetric.</summary>
    public static IReadOnlyList<ClassSchema> Schema { get; } =
    [
        TestSchema.Class("Task", "_id", ClassKind.TopLevel,
            ("_id", "int"), ("OwnerId", "string?"), ("Priority", "int?"), ("IsPublic", "bool"), ("Title", "string?"),
            ("Tags", "list<string>"), ("Project", "link:Project")),
        TestSchema.Class("Project", "_id", ClassKind.TopLevel, ("_id", "string"), ("Name", "string?")),
        TestSchema.Class("Event", "_id", ClassKind.Asymmetric, ("_id", "int"), ("Kind", "string")),
    ];

    public static string NewRealm() => "flex-" + Guid.NewGuid().ToString("N");

    public static ObjectRef Task(long id) => ObjectRef.TopLevel("Task", id);

    public static Changeset CreateTask(long version, long id, string? owner, long priority, bool isPublic = false, string? title = null) =>
        TestSchema.Changeset(version, CreateTaskInstructions(id, owner, priority, isPublic, title));

    public static Instruction[] CreateTaskInstructions(long id, string? owner, long priority, bool isPublic = false, string? title = null) =>
    [
        new CreateObject(Task(id)),
        new SetField(Task(id), "_id", Payload.Of(id)),
        new SetField(Task(id), "OwnerId", Payload.Of(owner)),
        new SetField(Task(id), "Priority", Payload.Of(priority)),
        new SetField(Task(id), "IsPublic", Payload.Of(isPublic)),
        new SetField(Task(id), "Title", Payload.Of(title ?? $"task {id}")),
    ];

    public static Changeset Set(long version, long id, string field, RealmValue value) =>
        TestSchema.Changeset(version, new SetField(Task(id), field, Payload.Of(value)));

    public static Changeset Erase(long version, long id) => TestSchema.Changeset(version, new EraseObject(Task(id)));

    public static Subscription Sub(string @class, string query, params RealmValue[] arguments)
    {
        var subscription = new Subscription { Name = $"{@class}: {query}", ClassName = @class, Query = query };
        subscription.Arguments.AddRange(arguments.Select(QueryValues.ToProto));
        return subscription;
    }

    public static SubscriptionSet Subs(long version, params Subscription[] subscriptions)
    {
        var set = new SubscriptionSet { Version = version };
        set.Subscriptions.AddRange(subscriptions);
        return set;
    }

    /// <summary>Everything of class Task.</summary>
    public static SubscriptionSet AllTasks(long version) => Subs(version, Sub("Task", "TRUEPREDICATE"));

    /// <summary>The Task ids the client holds.</summary>
    public static SortedSet<long> TaskIds(RawSyncClient client) =>
        [.. client.Replica.Documents.Where(d => d.Key.Class == "Task").Select(d => d.Key.PrimaryKey.AsInt64())];

    public static ObjectDocument? Document(RawSyncClient client, long id) =>
        client.Replica.TryGet("Task", id, out var document) ? document : null;

    public static RealmValue Field(ObjectDocument document, string name) =>
        document.TryGetField(name, out var value) ? value.Value : RealmValue.Null;

    public static async Task<RawSyncClient> BindFlexibleAsync(CallInvoker invoker, string token, string realm, SubscriptionSet? subscriptions)
    {
        var client = RawSyncClient.Open(invoker);
        if (await client.BindFlexibleAsync(token, realm, Schema, subscriptions) is null)
        {
            await client.DisposeAsync();
            throw new InvalidOperationException($"Flexible bind failed: {client.LastError}");
        }

        return client;
    }

    /// <summary>A partition-style writer (servers without rules only): writes anything, sees everything.</summary>
    public static async Task<RawSyncClient> BindWriterAsync(CallInvoker invoker, string token, string realm)
    {
        var client = RawSyncClient.Open(invoker);
        if (await client.BindAsync(token, realm, schema: Schema) is null)
        {
            await client.DisposeAsync();
            throw new InvalidOperationException($"Bind failed: {client.LastError}");
        }

        return client;
    }

    /// <summary>Uploads and waits for the ack, failing on any error.</summary>
    public static async Task<long> WriteAsync(RawSyncClient client, params Func<long, Changeset>[] makers)
    {
        var version = await client.CommitAndUploadAsync(makers);
        await client.WaitForAckAsync(version);
        return version;
    }

    /// <summary>
    /// Reads messages until a complete batch (a Download with last_in_batch) satisfying <paramref name="until"/> has
    /// arrived, collecting everything on the way (errors included, none thrown).
    /// </summary>
    public static async Task<Received> ReadUntilBatchAsync(RawSyncClient client, Func<Download, bool>? until = null)
    {
        var received = new Received();
        while (true)
        {
            var message = await client.NextAsync();
            received.Add(message);
            if (message.MessageCase == ServerMessage.MessageOneofCase.Download && message.Download.LastInBatch && (until?.Invoke(message.Download) ?? true))
            {
                return received;
            }
        }
    }

    /// <summary>Reads messages (collecting them) until one satisfies <paramref name="predicate"/>.</summary>
    public static async Task<Received> ReadUntilAsync(RawSyncClient client, Func<ServerMessage, bool> predicate)
    {
        var received = new Received();
        while (true)
        {
            var message = await client.NextAsync();
            received.Add(message);
            if (predicate(message))
            {
                return received;
            }
        }
    }

    /// <summary>Reads until the client's batch for <paramref name="queryVersion"/> is complete.</summary>
    public static Task<Received> ReadQueryVersionAsync(RawSyncClient client, long queryVersion) =>
        ReadUntilBatchAsync(client, d => d.QueryVersion == queryVersion);

    /// <summary>Sends a Mark and reads until its reply: everything the server had is then received and applied.</summary>
    public static async Task<Received> CatchUpAsync(RawSyncClient client)
    {
        var id = Random.Shared.NextInt64(1, long.MaxValue);
        await client.SendAsync(new ClientMessage { Mark = new Mark { RequestId = id } });
        return await ReadUntilAsync(client, m => m.MessageCase == ServerMessage.MessageOneofCase.Mark && m.Mark.RequestId == id);
    }

    /// <summary>Decoded instructions of every part of a Download.</summary>
    public static IReadOnlyList<Instruction> Removals(Download download) =>
        download.Removals.IsEmpty ? [] : ChangesetCodec.Decode(download.Removals.Span).Instructions;

    public static IReadOnlyList<Instruction> Snapshots(Download download) =>
        download.Snapshots.IsEmpty ? [] : ChangesetCodec.Decode(download.Snapshots.Span).Instructions;

    public static IEnumerable<Instruction> History(Download download) =>
        download.Changesets.SelectMany(c => ChangesetCodec.Decode(c.Data.Span).Instructions);

    public static SortedSet<long> TaskKeys(IEnumerable<Instruction> instructions) =>
        [.. instructions.Where(i => i.Object.Class == "Task").Select(i => i.Object.PrimaryKey.AsInt64())];

    /// <summary>Messages read from one client, by kind.</summary>
    internal sealed class Received
    {
        public List<ServerMessage> Messages { get; } = [];

        public IEnumerable<Download> Downloads => Messages.Where(m => m.MessageCase == ServerMessage.MessageOneofCase.Download).Select(m => m.Download);

        public IEnumerable<SyncError> Errors => Messages.Where(m => m.MessageCase == ServerMessage.MessageOneofCase.Error).Select(m => m.Error);

        public IEnumerable<SubscriptionError> SubscriptionErrors => Messages.Where(m => m.MessageCase == ServerMessage.MessageOneofCase.SubscriptionError).Select(m => m.SubscriptionError);

        public SortedSet<long> RemovedTasks => TaskKeys(Downloads.SelectMany(Removals));

        public SortedSet<long> SnapshotTasks => TaskKeys(Downloads.SelectMany(Snapshots));

        public SortedSet<long> HistoryTasks => TaskKeys(Downloads.SelectMany(History));

        public void Add(ServerMessage message) => Messages.Add(message);
    }
}
