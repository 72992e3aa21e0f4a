using System.Threading.Tasks;

namespace SourceGenSync.Server.Tests.Infrastructure;

/// <summary>One in-process server shared by the tests of a class (each test uses its own realm or user).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    internal TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
