using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Changesets;
using SourceGenSync.CrashWriter;
using SourceGenSync.Sync.Tests.Infrastructure;

namespace SourceGenSync.Sync.Tests.Durability;

/// <summary>
/// What the server's store holds for a server realm, read directly (not through a client): the integrated history
/// decoded, so a changeset integrated twice (a re-upload the server failed to recognise) is visible even where the
/// merged state would hide it.
/// </summary>
internal sealed class ServerHistory
{
    private ServerHistory()
    {
    }

    /// <summary>How many history entries came from each (client file, client version): more than one is a duplicate.</summary>
    public Dictionary<(long File, long ClientVersion), int> EntriesPerOrigin { get; } = [];

    /// <summary>How many times each record number was created.</summary>
    public Dictionary<long, int> CreatesPerRecord { get; } = [];

    /// <summary>Sum of all increments of the tally's <c>Records</c> counter.</summary>
    public long RecordsCounter { get; private set; }

    /// <summary>Sum of all increments of the tally's <c>Transactions</c> counter.</summary>
    public long TransactionsCounter { get; private set; }

    /// <summary>History entries that are the second or later part of a local changeset (client version % 1024 &gt; 0).</summary>
    public int LaterParts => EntriesPerOrigin.Keys.Count(static k => k.ClientVersion % 1024 != 0);

    /// <summary>Client files that uploaded something.</summary>
    public IEnumerable<long> UploadingFiles => EntriesPerOrigin.Keys.Select(static k => k.File).Distinct();

    public static async Task<ServerHistory> ReadAsync(SyncTestServer server, string serverRealm, CancellationToken cancellationToken)
    {
        var history = new ServerHistory();
        var realm = await server.Store.FindRealmAsync(serverRealm, cancellationToken);
        if (realm is null)
        {
            return history;
        }

        foreach (var entry in await server.Store.ReadHistoryAsync(realm.Id, 0, long.MaxValue, long.MaxValue, cancellationToken))
        {
            if (entry.OriginFileIdent != 0)
            {
                var origin = (entry.OriginFileIdent, entry.OriginClientVersion);
                history.EntriesPerOrigin[origin] = history.EntriesPerOrigin.GetValueOrDefault(origin) + 1;
            }

            foreach (var instruction in ChangesetCodec.Decode(entry.Data).Instructions)
            {
                history.Add(instruction);
            }
        }

        return history;
    }

    /// <summary>How many records the server's merged state holds (cheap progress read while the writer runs).</summary>
    public static async Task<int> CountRecordsAsync(SyncTestServer server, string serverRealm, CancellationToken cancellationToken)
    {
        var realm = await server.Store.FindRealmAsync(serverRealm, cancellationToken);
        if (realm is null)
        {
            return 0;
        }

        var (_, documents) = await server.Store.ReadStateAsync(realm.Id, cancellationToken);
        return documents.Count(static d => d.Class == nameof(SyncedRecord));
    }

    private void Add(Instruction instruction)
    {
        switch (instruction)
        {
            case CreateObject { Object.Class: nameof(SyncedRecord) } create:
                var number = create.Object.PrimaryKey.AsInt64();
                CreatesPerRecord[number] = CreatesPerRecord.GetValueOrDefault(number) + 1;
                break;
            case AddCounter { Object.Class: nameof(SyncedTally), Field: nameof(SyncedTally.Records) } records:
                RecordsCounter += records.Delta;
                break;
            case AddCounter { Object.Class: nameof(SyncedTally), Field: nameof(SyncedTally.Transactions) } transactions:
                TransactionsCounter += transactions.Delta;
                break;
            default:
                break;
        }
    }
}
