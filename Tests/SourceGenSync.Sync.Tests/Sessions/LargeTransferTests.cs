using System;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;
using SourceGenSync.Sync.Tests.Models;
using static SourceGenSync.Sync.Tests.Sessions.SyncHelpers;

namespace SourceGenSync.Sync.Tests.Sessions;

public sealed class LargeTransferTests
{
    [Fact]
    public async Task One_commit_larger_than_the_message_limit_uploads_in_parts_and_arrives_whole()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmA = a.Open();
        using var realmB = b.Open();

        // ~9 MB in one transaction: more than two 4 MiB messages.
        realmA.Write(() =>
        {
            for (var i = 0; i < 45; i++)
            {
                var data = new byte[200_000];
                Random.Shared.NextBytes(data);
                realmA.Add(new Blob { Id = i, Data = data });
            }
        });
        await SyncAllAsync(realmA, realmB);

        Assert.Equal(45, realmB.All<Blob>().Count());
        Assert.Equal(realmA.Find<Blob>(44)!.Data, realmB.Find<Blob>(44)!.Data);
    }

    [Fact]
    public async Task Thousands_of_small_objects_sync_to_a_second_device()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmA = a.Open();
        using var realmB = b.Open();

        for (var batch = 0; batch < 10; batch++)
        {
            realmA.Write(() =>
            {
                for (var i = 0; i < 300; i++)
                {
                    realmA.Add(new Item { Id = ObjectId.GenerateNewId(), Name = $"item {batch}-{i}", Quantity = i });
                }
            });
        }

        await SyncAllAsync(realmA, realmB);

        Assert.Equal(3000, realmB.All<Item>().Count());
    }
}
