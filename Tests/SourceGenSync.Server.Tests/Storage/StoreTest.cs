using System.Threading.Tasks;
using SourceGenSync.Server.Storage;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Storage;

/// <summary>A real SQLite store in a fresh folder per test, deleted afterwards; <see cref="ReopenAsync"/> simulates a restart.</summary>
public abstract class StoreTest : IAsyncLifetime
{
    private readonly string _path = TestServer.NewDataPath();

    private protected SqliteSyncStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = new SqliteSyncStore(_path);
        await Store.InitializeAsync(default);
    }

    public Task DisposeAsync()
    {
        Store.Dispose();
        TestServer.DeleteFolder(_path);
        return Task.CompletedTask;
    }

    private protected async Task ReopenAsync()
    {
        Store.Dispose();
        Store = new SqliteSyncStore(_path);
        await Store.InitializeAsync(default);
    }
}
