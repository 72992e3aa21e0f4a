using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SourceGenSync.Server.Storage;

namespace SourceGenSync.Server.Tests.Storage;

public sealed class SqliteSyncStoreTests : StoreTest
{
    [Fact]
    public async Task The_store_uses_wal_and_full_synchronous_commits()
    {
        using var connection = new SqliteConnection($"Data Source={Store.FilePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string)command.ExecuteScalar()!);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_signing_key_is_generated_once()
    {
        var first = await Store.GetOrCreateSigningKeyAsync(() => [1, 2, 3], default);
        var second = await Store.GetOrCreateSigningKeyAsync(() => throw new InvalidOperationException("must not generate again"), default);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task An_integration_commits_history_state_acks_and_head_together()
    {
        var realm = await Store.GetOrCreateRealmAsync("r", default);
        var file = await Store.CreateClientFileAsync(realm.Id, "u", 99, 1, default);
        var commit = new IntegrationCommit(realm.Id,
            [new HistoryEntry(1, file.Ident, 1, 10, [1, 2, 3]), new HistoryEntry(2, file.Ident, 2, 11, [4, 5])],
            [new DocumentWrite("Person", "1", "{\"Name\":\"A\"}"), new DocumentWrite("Person", "2", "{}"), new DocumentWrite("Person", "2", null)],
            [(file.Ident, 2, 2)], 1000);

        var head = await Store.CommitIntegrationAsync(commit, default);

        Assert.Equal(2, head);
        Assert.Equal(2, (await Store.FindRealmAsync("r", default))!.Head);
        var updated = (await Store.FindClientFileAsync(file.Ident, default))!;
        Assert.Equal((2L, 2L), (updated.UploadAck, updated.LastIntegratedServerVersion));
        Assert.Equal(5, await Store.MeasureHistoryAsync(realm.Id, 0, 2, default));
        var (version, documents) = await Store.ReadStateAsync(realm.Id, default);
        Assert.Equal(2, version);
        Assert.Equal(("Person", "1", "{\"Name\":\"A\"}"), Assert.Single(documents));
        Assert.Equal(2, await Store.FindUploadAckAtAsync(realm.Id, file.Ident, 5, default));
        Assert.Equal(1, await Store.FindUploadAckAtAsync(realm.Id, file.Ident, 1, default));
    }

    [Fact]
    public async Task A_failing_integration_leaves_nothing_behind()
    {
        var realm = await Store.GetOrCreateRealmAsync("r", default);
        await Store.CommitIntegrationAsync(new IntegrationCommit(realm.Id, [new HistoryEntry(1, 1, 1, 1, [1])], [], [], 1), default);

        // Server version 1 again violates the primary key after the document write was made in the same transaction.
        var duplicate = new IntegrationCommit(realm.Id, [new HistoryEntry(2, 1, 2, 1, [2]), new HistoryEntry(1, 1, 3, 1, [3])], [new DocumentWrite("Person", "9", "{}")], [], 2);
        await Assert.ThrowsAsync<SqliteException>(() => Store.CommitIntegrationAsync(duplicate, default));

        Assert.Equal(1, (await Store.FindRealmAsync("r", default))!.Head);
        Assert.Single(await Store.ReadHistoryAsync(realm.Id, 0, long.MaxValue, long.MaxValue, default));
        Assert.Empty((await Store.ReadStateAsync(realm.Id, default)).Documents);
    }

    [Fact]
    public async Task Reading_history_stops_after_max_bytes_but_returns_at_least_one_entry()
    {
        var realm = await Store.GetOrCreateRealmAsync("r", default);
        await Store.CommitIntegrationAsync(new IntegrationCommit(realm.Id,
            Enumerable.Range(1, 10).Select(i => new HistoryEntry(i, 1, i, i, new byte[100])).ToList(), [], [], 1), default);

        Assert.Equal(3, (await Store.ReadHistoryAsync(realm.Id, 0, 10, 250, default)).Count);
        Assert.Single(await Store.ReadHistoryAsync(realm.Id, 4, 10, 1, default));
        Assert.Equal([9L, 10L], (await Store.ReadHistoryAsync(realm.Id, 8, 10, 10_000, default)).Select(e => e.ServerVersion));
    }

    [Fact]
    public async Task Compaction_removes_old_history_and_records_the_version()
    {
        var realm = await Store.GetOrCreateRealmAsync("r", default);
        await Store.CommitIntegrationAsync(new IntegrationCommit(realm.Id, [new HistoryEntry(1, 1, 1, 1, [1]), new HistoryEntry(2, 1, 2, 1, [2])], [], [], 1_000), default);
        await Store.CommitIntegrationAsync(new IntegrationCommit(realm.Id, [new HistoryEntry(3, 1, 3, 1, [3])], [], [], 5_000), default);

        var (removed, through) = await Store.CompactAsync(realm.Id, 2_000, default);

        Assert.Equal((2L, 2L), (removed, through));
        Assert.Equal(2, (await Store.FindRealmAsync("r", default))!.CompactedThrough);
        Assert.Equal([3L], (await Store.ReadHistoryAsync(realm.Id, 0, 10, long.MaxValue, default)).Select(e => e.ServerVersion));
    }

    [Fact]
    public async Task Users_api_keys_and_refresh_tokens_round_trip()
    {
        Assert.True(await Store.TryCreateUserAsync(new UserRecord("u1", "a@b.c", "email-password", [1], [2], 5, 7), default));
        Assert.False(await Store.TryCreateUserAsync(new UserRecord("u2", "a@b.c", "email-password", [1], [2], 5, 7), default));
        await Store.AddApiKeyAsync([9, 9], new ApiKeyRecord("k1", "u1", "ci", false, 3), default);
        await Store.AddRefreshTokenAsync([7], new RefreshTokenRecord("u1", "email-password", 100, false), default);

        Assert.Equal("u1", (await Store.FindUserByEmailAsync("a@b.c", default))!.Id);
        Assert.Equal("k1", (await Store.FindApiKeyAsync([9, 9], default))!.Id);
        Assert.False(await Store.DisableApiKeyAsync("someone-else", "k1", default));
        Assert.True(await Store.DisableApiKeyAsync("u1", "k1", default));
        Assert.True((await Store.ListApiKeysAsync("u1", default)).Single().Disabled);
        Assert.True(await Store.RevokeRefreshTokenAsync([7], default));
        Assert.True((await Store.FindRefreshTokenAsync([7], default))!.Revoked);
    }
}
