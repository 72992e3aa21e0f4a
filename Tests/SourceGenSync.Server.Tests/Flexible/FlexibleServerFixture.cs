using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Merge;
using SourceGenSync.Server.Sync;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Flexible;

/// <summary>A server without rules (flexible and partition sessions both allowed), with small Download messages so bootstraps span several.</summary>
public sealed class FlexibleServerFixture : IAsyncLifetime
{
    public const int DownloadMessageBytes = 2048;

    internal TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestServer.StartAsync($"--Server:DownloadMessageBytes={DownloadMessageBytes}");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// A server with permission rules: a task is readable by its owner or when public, writable by its owner only.
/// The default rules name OwnerId, which Project lacks: a rule that cannot apply to a class denies it.
/// </summary>
public sealed class RulesServerFixture : IAsyncLifetime
{
    public const string ReadRule = "OwnerId == $user.id OR IsPublic == true";
    public const string WriteRule = "OwnerId == $user.id";

    internal TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestServer.StartAsync(
        $"--Rules:Classes:Task:Read={ReadRule}", $"--Rules:Classes:Task:Write={WriteRule}",
        $"--Rules:Default:Read={WriteRule}", $"--Rules:Default:Write={WriteRule}",
        $"--Server:MaxCompensatingWritesReported={MaxCompensatingWritesReported}");

    public const int MaxCompensatingWritesReported = 3;

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>The server's merged state of a realm, read from its store.</summary>
internal static class ServerState
{
    public static async Task<(long Version, InMemoryDocumentSource State)> ReadAsync(TestServer server, string realm)
    {
        var hub = await server.Service<RealmRegistry>().GetAsync(realm, create: false, CancellationToken.None)
            ?? throw new System.InvalidOperationException($"No realm {realm}.");
        var (version, documents) = await server.Store.ReadStateAsync(hub.Id, CancellationToken.None);
        var state = new InMemoryDocumentSource();
        foreach (var (@class, key, json) in documents)
        {
            state.Put(@class, SourceGenSync.Server.Sync.Merge.ObjectKeys.Parse(key), ObjectDocumentSerializer.Deserialize(json));
        }

        return (version, state);
    }

    public static SortedSet<long> TaskIds(InMemoryDocumentSource state) =>
        [.. state.Documents.Where(d => d.Key.Class == "Task").Select(d => d.Key.PrimaryKey.AsInt64())];
}
