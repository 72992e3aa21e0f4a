using System.Linq;
using System.Threading.Tasks;
using Google.Protobuf;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Tests.Infrastructure;
using static SourceGenSync.Server.Tests.Flexible.FlexibleWorld;

namespace SourceGenSync.Server.Tests.Flexible;

/// <summary>
/// Subscription sets the server refuses (docs/protocol.md §11.2): answered with a SubscriptionError naming the
/// problem, not fatal; the session goes on with the previous set.
/// </summary>
public sealed class SubscriptionErrorTests(FlexibleServerFixture fixture) : IClassFixture<FlexibleServerFixture>
{
    private readonly AuthClient _auth = new(fixture.Server.Invoker);

    public static TheoryData<string> Cases() =>
    [
        "unknown class", "unknown property", "type mismatch", "link path", "too long", "too deep", "too many",
        "malformed argument", "garbage text",
    ];

    // Each refused set, with a piece of the message that says what is wrong.
    private static (SubscriptionSet Set, string Expected) Refused(string kind, long version) => kind switch
    {
        "unknown class" => (Subs(version, Sub("Nope", "TRUEPREDICATE")), "Nope"),
        "unknown property" => (Subs(version, Sub("Task", "Colour == $0", "red")), "Colour"),
        "type mismatch" => (Subs(version, Sub("Task", "Priority == $0", "high")), "Priority"),
        "link path" => (Subs(version, Sub("Task", "Project.Name == $0", "P")), "Project"),
        "too long" => (Subs(version, Sub("Task", string.Join(" OR ", Enumerable.Repeat("Priority == $0", 1200)), 1L)), "16384"),
        "too deep" => (Subs(version, Sub("Task", new string('(', 40) + "Priority == $0" + new string(')', 40), 1L)), "32"),
        "too many" => (Subs(version, [.. Enumerable.Range(0, 101).Select(i => Sub("Task", "Priority == $0", (long)i))]), "100"),
        "malformed argument" => (MalformedArgument(version), "$0"),
        "garbage text" => (Subs(version, Sub("Task", "Priority ==== AND ((")), "position"),
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind)),
    };

    private static SubscriptionSet MalformedArgument(long version)
    {
        var subscription = new Subscription { Name = "bad guid", ClassName = "Task", Query = "Title == $0" };
        subscription.Arguments.Add(new QueryValue { GuidValue = ByteString.CopyFrom(1, 2, 3) });
        return Subs(version, subscription);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_refused_set_yields_a_subscription_error_and_the_previous_set_stays_in_use(string kind)
    {
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        await WriteAsync(writer, v => CreateTask(v, 1, "ann", 9), v => CreateTask(v, 2, "ann", 1));
        await using var client = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, Subs(1, Sub("Task", "Priority >= $0", 5L)));
        await ReadQueryVersionAsync(client, 1);

        var (set, expected) = Refused(kind, 2);
        await client.UpdateSubscriptionsAsync(set);
        var received = await ReadUntilAsync(client, m => m.MessageCase == ServerMessage.MessageOneofCase.SubscriptionError);

        var error = received.SubscriptionErrors.Single();
        Assert.Equal(2, error.QueryVersion);
        Assert.Contains(expected, error.Message, System.StringComparison.Ordinal);
        Assert.Empty(received.Errors);

        // Still bound, still on set 1: a task entering set 1's view arrives tagged with query version 1.
        await WriteAsync(writer, v => CreateTask(v, 3, "bob", 7), v => Set(v, 2, "Title", "not seen"));
        var batch = await ReadUntilBatchAsync(client, d => !d.Snapshots.IsEmpty);
        Assert.Equal([3], batch.SnapshotTasks);
        Assert.All(batch.Downloads, d => Assert.Equal(1, d.QueryVersion));
        Assert.Equal([1, 3], TaskIds(client));
        Assert.Empty(received.Errors.Concat(batch.Errors));

        // And a valid set after the refused one is accepted.
        await client.UpdateSubscriptionsAsync(Subs(3, Sub("Task", "Priority < $0", 5L)));
        await ReadQueryVersionAsync(client, 3);
        Assert.Equal([2], TaskIds(client));
    }

    [Fact]
    public async Task UpdateSubscriptions_on_a_partition_session_is_a_protocol_violation()
    {
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var client = await BindWriterAsync(fixture.Server.Invoker, token, NewRealm());

        await client.UpdateSubscriptionsAsync(AllTasks(1));
        var error = await client.ExpectErrorAsync();

        Assert.Equal(SyncErrorCode.ProtocolViolation, error.Code);
        Assert.True(error.Fatal);
    }

    [Fact]
    public async Task A_latest_set_refused_at_bind_falls_back_to_the_active_set()
    {
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        await WriteAsync(writer, v => CreateTask(v, 1, "ann", 9), v => CreateTask(v, 2, "ann", 1));

        await using var client = RawSyncClient.Open(fixture.Server.Invoker);
        var bound = await client.BindFlexibleAsync(token, realm, Schema, Subs(2, Sub("Task", "Nope == $0", 1L)), activeSubscriptions: Subs(1, Sub("Task", "Priority >= $0", 5L)));
        Assert.NotNull(bound);
        var received = await ReadUntilBatchAsync(client);

        var error = received.SubscriptionErrors.Single();
        Assert.Equal(2, error.QueryVersion);
        Assert.Contains("Nope", error.Message, System.StringComparison.Ordinal);
        Assert.All(received.Downloads, d => Assert.Equal(1, d.QueryVersion));
        Assert.Equal([1], received.SnapshotTasks);
        Assert.Equal([1], TaskIds(client));
    }

    [Fact]
    public async Task A_latest_set_refused_at_bind_without_an_active_set_leaves_the_view_empty()
    {
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        await WriteAsync(writer, v => CreateTask(v, 1, "ann", 9));

        await using var client = RawSyncClient.Open(fixture.Server.Invoker);
        Assert.NotNull(await client.BindFlexibleAsync(token, realm, Schema, Subs(1, Sub("Task", "Priority == $0", "x"))));
        var received = await CatchUpAsync(client);

        Assert.Equal(1, received.SubscriptionErrors.Single().QueryVersion);
        Assert.Empty(received.SnapshotTasks);
        Assert.Empty(TaskIds(client));
        Assert.Empty(received.Errors);
    }

    [Fact]
    public async Task UpdateSubscriptions_without_a_set_is_a_protocol_violation()
    {
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var client = await BindFlexibleAsync(fixture.Server.Invoker, token, NewRealm(), AllTasks(1));

        await client.SendAsync(new ClientMessage { UpdateSubscriptions = new UpdateSubscriptions() });
        var error = await client.ExpectErrorAsync();

        Assert.Equal(SyncErrorCode.ProtocolViolation, error.Code);
    }

    [Fact]
    public async Task A_set_of_version_zero_at_bind_is_refused()
    {
        // Version 0 is "no set": accepted, such a set would not be evaluated in full at Bind (view_query_version 0),
        // so objects not touched by history after the cursor would never be sent.
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        await WriteAsync(writer, v => CreateTask(v, 1, "ann", 9));

        await using var client = RawSyncClient.Open(fixture.Server.Invoker);
        Assert.NotNull(await client.BindFlexibleAsync(token, realm, Schema, AllTasks(0)));
        var received = await CatchUpAsync(client);

        Assert.Equal(0, received.SubscriptionErrors.Single().QueryVersion);
        Assert.Empty(TaskIds(client));
    }

    [Fact]
    public async Task A_set_no_newer_than_the_one_in_use_is_refused_and_the_session_keeps_its_set()
    {
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var writer = await BindWriterAsync(fixture.Server.Invoker, token, realm);
        await WriteAsync(writer, v => CreateTask(v, 1, "ann", 9), v => CreateTask(v, 2, "ann", 1));
        await using var client = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, Subs(2, Sub("Task", "Priority >= $0", 5L)));
        await ReadQueryVersionAsync(client, 2);

        foreach (var version in new long[] { 2, 1 })
        {
            await client.UpdateSubscriptionsAsync(Subs(version, Sub("Task", "Priority < $0", 5L)));
            var received = await ReadUntilAsync(client, m => m.MessageCase == ServerMessage.MessageOneofCase.SubscriptionError);
            Assert.Equal(version, received.SubscriptionErrors.Single().QueryVersion);
            Assert.Contains("version 2", received.SubscriptionErrors.Single().Message, System.StringComparison.Ordinal);
        }

        await CatchUpAsync(client);
        Assert.Equal([1], TaskIds(client));
        Assert.Equal(2, client.QueryVersion);
    }

    public static TheoryData<string, object?[]> OddSets() => new()
    {
        { "Priority == $3", [1L] },
        { "Title LIKE $0", [new byte[] { 1, 2 }] },
        { "Tags == $0", ["a"] },
        { "Tags.@count > $0", [1L] },
        { "Priority == $0", [double.NaN] },
        { "Priority > $0", [decimal.MaxValue] },
        { "Title == $0", [5L] },
        { "Title CONTAINS $0", [null] },
        { "_id IN {}", [] },
        { "Priority IN {$0, $1}", [1L, "x"] },
        { "Title BEGINSWITH[c] $0 AND NOT (Priority < $1 OR IsPublic == $2)", ["a", 3L, true] },
        { "SUBQUERY(Tags, $x, SUBQUERY(Tags, $y, $y == $0).@count > 0).@count > 0", ["a"] },
        { "Project == $0", ["p"] },
        { "IsPublic", [] },
        { "", [] },
        { "Priority == $0 $0", [1L] },
        { "Priority == 1", [] },
        { "FALSEPREDICATE", [] },
    };

    [Theory]
    [MemberData(nameof(OddSets))]
    public async Task Odd_queries_are_either_accepted_or_refused_but_never_end_the_session(string query, object?[] arguments)
    {
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var client = await BindFlexibleAsync(fixture.Server.Invoker, token, realm, AllTasks(1));
        await ReadQueryVersionAsync(client, 1);

        var set = Subs(2, Sub("Task", query, [.. arguments.Select(ToRealmValue)]));
        await client.UpdateSubscriptionsAsync(set);
        var received = await ReadUntilAsync(client, m =>
            (m.MessageCase == ServerMessage.MessageOneofCase.SubscriptionError && m.SubscriptionError.QueryVersion == 2)
            || (m.MessageCase == ServerMessage.MessageOneofCase.Download && m.Download.LastInBatch && m.Download.QueryVersion == 2)
            || m.MessageCase == ServerMessage.MessageOneofCase.Error);

        Assert.Empty(received.Errors);
        await CatchUpAsync(client);
    }

    private static RealmValue ToRealmValue(object? value) => value switch
    {
        null => RealmValue.Null,
        long l => l,
        string s => s,
        bool b => b,
        double d => d,
        decimal m => m,
        byte[] bytes => bytes,
        _ => throw new System.ArgumentOutOfRangeException(nameof(value)),
    };
}
