using System.Threading.Tasks;
using SourceGenSync.Server.Storage;

namespace SourceGenSync.Server.Tests.Storage;

/// <summary>The store's flexible-sync state survives a restart: pending reverts and client views.</summary>
public sealed class FlexibleStoreTests : StoreTest
{
    [Fact]
    public async Task Pending_reverts_are_committed_with_the_integration_and_forgotten_once_the_file_binds_past_them()
    {
        var realm = await Store.GetOrCreateRealmAsync("r", default);
        var file = await Store.CreateClientFileAsync(realm.Id, "u", 7, 1, default);
        await Store.CommitIntegrationAsync(new IntegrationCommit(realm.Id, [new HistoryEntry(1, file.Ident, 1, 10, [1])], [], [(file.Ident, 1, 1)], 1)
        {
            Reverts = [new PendingRevert(file.Ident, "Task", "1", 1), new PendingRevert(file.Ident, "Task", "2", 1)],
        }, default);
        await Store.CommitIntegrationAsync(new IntegrationCommit(realm.Id, [new HistoryEntry(2, file.Ident, 2, 11, [2])], [], [(file.Ident, 2, 2)], 2)
        {
            Reverts = [new PendingRevert(file.Ident, "Task", "2", 2)], // denied again: kept until the later batch
        }, default);

        await ReopenAsync();
        Assert.Equal([("Task", "1"), ("Task", "2")], await Store.TakeOutstandingRevertsAsync(file.Ident, cursor: 0, default));
        Assert.Equal([("Task", "2")], await Store.TakeOutstandingRevertsAsync(file.Ident, cursor: 1, default));
        Assert.Empty(await Store.TakeOutstandingRevertsAsync(file.Ident, cursor: 2, default));
        Assert.Empty(await Store.TakeOutstandingRevertsAsync(file.Ident, cursor: 0, default));
    }

    [Fact]
    public async Task A_client_view_rolls_back_to_the_batch_the_file_integrated()
    {
        var ident = 5;
        await Store.SaveClientViewChangesAsync(ident, cursor: 3, queryVersion: 1, [("Task", "1"), ("Task", "2")], [], default);
        await Store.SaveClientViewChangesAsync(ident, cursor: 4, queryVersion: 1, [("Task", "3")], [("Task", "1")], default);
        await Store.SaveClientViewChangesAsync(ident, cursor: 4, queryVersion: 2, [("Task", "4")], [("Task", "2")], default);
        await ReopenAsync();

        // The file integrated (4, 1) but not (4, 2): the second set's changes are undone, Task 1's leaving is confirmed.
        Assert.Equal([("Task", "2"), ("Task", "3")], Sorted(await Store.LoadClientViewAsync(ident, cursor: 4, queryVersion: 1, default)));

        // The batch at (4, 2) is sent again and recorded again; binding at (4, 2) then keeps it.
        await Store.SaveClientViewChangesAsync(ident, cursor: 4, queryVersion: 2, [("Task", "4")], [("Task", "2")], default);
        Assert.Equal([("Task", "3"), ("Task", "4")], Sorted(await Store.LoadClientViewAsync(ident, cursor: 4, queryVersion: 2, default)));
    }

    [Fact]
    public async Task A_file_that_never_integrated_anything_since_a_point_gets_its_view_of_that_point()
    {
        var ident = 6;
        await Store.SaveClientViewChangesAsync(ident, cursor: 3, queryVersion: 1, [("Task", "1"), ("Task", "2")], [], default);
        await Store.SaveClientViewChangesAsync(ident, cursor: 4, queryVersion: 1, [("Task", "3")], [("Task", "1")], default);
        await Store.SaveClientViewChangesAsync(ident, cursor: 4, queryVersion: 2, [("Task", "4")], [("Task", "2")], default);

        Assert.Equal([("Task", "1"), ("Task", "2")], Sorted(await Store.LoadClientViewAsync(ident, cursor: 3, queryVersion: 1, default)));
    }

    private static (string, string)[] Sorted(System.Collections.Generic.IEnumerable<(string Class, string Key)> view) =>
        [.. System.Linq.Enumerable.Order(view)];
}
