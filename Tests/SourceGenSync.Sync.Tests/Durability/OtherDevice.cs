using System;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.CrashWriter;

namespace SourceGenSync.Sync.Tests.Durability;

/// <summary>
/// A second device of the same user, in the test process, writing between and during the crash writer's lifetimes:
/// records of its own (negative numbers) counted on its own tally (<see cref="TallyId"/>), and increments of the
/// writer's tally's <c>Touches</c> counter once it has that object. The writer then integrates downloads while it
/// has unacknowledged changes of its own (they are transformed against them), and is killed in between.
/// </summary>
internal sealed class OtherDevice : IDisposable
{
    public const string TallyId = "other";

    private readonly App _app;
    private readonly Realm _realm;

    private OtherDevice(App app, Realm realm)
    {
        _app = app;
        _realm = realm;
    }

    /// <summary>Records this device created (numbers -1, -2, ...).</summary>
    public long Records { get; private set; }

    /// <summary>Increments this device made on the writer's tally.</summary>
    public long Touches { get; private set; }

    public static async Task<OtherDevice> StartAsync(Uri server, string folder, string email, string password, CancellationToken cancellationToken)
    {
        var app = App.Create(new AppConfiguration(server) { BaseFilePath = folder });
        try
        {
            var user = await app.LogInAsync(Credentials.EmailPassword(email, password), cancellationToken);
            return new OtherDevice(app, await Realm.OpenAsync(CrashSyncSchema.Configuration(user), cancellationToken));
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>Catches up with the server, commits <paramref name="transactions"/> transactions and waits until
    /// the server has them.</summary>
    public async Task WriteAsync(int transactions, TimeSpan deadline)
    {
        Assert.True(await _realm.SyncSession.WaitForDownloadAsync(deadline), $"the other device downloads within {deadline}");
        _realm.Refresh();
        for (var i = 0; i < transactions; i++)
        {
            var number = -(Records + 1);
            var touched = false;
            _realm.Write(() =>
            {
                _realm.Add(new SyncedRecord { Number = number, Payload = CrashSyncSchema.PayloadFor(number) });
                var own = _realm.Find<SyncedTally>(TallyId) ?? _realm.Add(new SyncedTally { Id = TallyId });
                own.Records.Increment();
                var writers = _realm.Find<SyncedTally>(SyncedTally.SingletonId);
                if (writers is not null)
                {
                    writers.Touches.Increment();
                    touched = true;
                }
            });
            Records++;
            Touches += touched ? 1 : 0;
        }

        Assert.True(await _realm.SyncSession.WaitForUploadAsync(deadline), $"the other device uploads within {deadline}");
    }

    public void Dispose()
    {
        _realm.Dispose();
        _app.Dispose();
    }
}
