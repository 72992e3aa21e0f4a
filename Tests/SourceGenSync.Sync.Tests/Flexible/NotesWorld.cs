using System;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;
using SourceGenSync.Sync.Tests.Models;

namespace SourceGenSync.Sync.Tests.Flexible;

/// <summary>
/// A server, a writer device that subscribes to every note and has written notes n000… (priority i % 5, title
/// "note i", score i / 2), and a reader device with no realm open yet.
/// </summary>
internal sealed class NotesWorld : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private NotesWorld(SyncTestServer server, FlexibleDevice writer, Realm writerRealm, FlexibleDevice reader)
    {
        Server = server;
        Writer = writer;
        WriterRealm = writerRealm;
        Reader = reader;
    }

    public SyncTestServer Server { get; }

    public FlexibleDevice Writer { get; }

    public Realm WriterRealm { get; }

    public FlexibleDevice Reader { get; }

    public static async Task<NotesWorld> StartAsync(int notes, params string[] serverArgs)
    {
        var server = await SyncTestServer.StartAsync(serverArgs);
        var writer = await FlexibleDevice.CreateAsync(server);
        var realm = await writer.OpenSubscribedToAllAsync();
        realm.Write(() =>
        {
            for (var i = 0; i < notes; i++)
            {
                realm.Add(new Note { Id = $"n{i:D3}", OwnerId = writer.User.Id, Priority = i % 5, Title = $"note {i}", Score = i * 0.5 });
            }
        });
        if (!await realm.SyncSession.WaitForUploadAsync(Deadline))
        {
            throw new TimeoutException("The writer's notes were not uploaded in time.");
        }

        return new NotesWorld(server, writer, realm, await FlexibleDevice.CreateAsync(server));
    }

    public async ValueTask DisposeAsync()
    {
        WriterRealm.Dispose();
        await Reader.DisposeAsync();
        await Writer.DisposeAsync();
        await Server.DisposeAsync();
    }
}
