using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Internal.Sync;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Runtime.Tests.Models;
using SourceGenSync.Schema;

namespace SourceGenSync.Runtime.Tests.Sync;

/// <summary>
/// Realm files in a temporary folder for the sync-state tests: opening realms and stores on them, reading change
/// logs, applying instructions to a fresh file. Everything opened is disposed and the folder deleted at the end.
/// </summary>
internal sealed class SyncTestFiles : IDisposable
{
    private readonly List<IDisposable> _opened = [];

    public SyncTestFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "sgs-sync-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public static IReadOnlyList<ObjectSchema> Schema { get; } =
        [SyncItem.Schema, SyncAddress.Schema, SyncGeo.Schema, SyncNote.Schema, AllTypes.Schema];

    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name + ".realm");

    public RealmConfiguration Config(string name) => new(PathOf(name)) { Schema = Schema };

    public Realm Open(string name) => Track(Realm.Open(Config(name)));

    /// <summary>Creates the file (opening a realm once) and opens its sync state.</summary>
    public SyncStateStore Store(string name, long ident = 0)
    {
        if (!File.Exists(PathOf(name)))
        {
            Realm.Open(Config(name)).Dispose();
        }

        var store = Track(SyncStateStore.Open(Config(name)));
        if (ident != 0)
        {
            store.SaveClientFile(ident, 1000 + ident, "default");
        }

        return store;
    }

    public T Track<T>(T disposable)
        where T : IDisposable
    {
        lock (_opened)
        {
            _opened.Add(disposable);
        }

        return disposable;
    }

    /// <summary>Every changeset of a file's change log, with a plain read-only connection.</summary>
    public List<Changeset> ChangeLog(string name)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = PathOf(name), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM sgs_changesets ORDER BY version";
        using var reader = command.ExecuteReader();
        var result = new List<Changeset>();
        while (reader.Read())
        {
            result.Add(ChangesetCodec.Decode((byte[])reader.GetValue(0)));
        }

        return result;
    }

    /// <summary>A scalar query with a plain connection.</summary>
    public object? Scalar(string name, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = PathOf(name), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Applies instructions to file <paramref name="name"/> (created if needed) with a LocalApplier in one transaction.</summary>
    public int ApplyTo(string name, IEnumerable<Instruction> instructions, List<string>? reasons = null)
    {
        if (!File.Exists(PathOf(name)))
        {
            Realm.Open(Config(name)).Dispose();
        }

        using var connection = RealmFile.Open(PathOf(name), readOnly: false);
        using var applier = new LocalApplier(connection, new StorageLayout(Schema));
        RealmFile.Execute(connection, "BEGIN IMMEDIATE");
        var skipped = applier.Apply(instructions.ToList(), null, (i, why) => reasons?.Add(why + ": " + i));
        RealmFile.Execute(connection, "COMMIT");
        return skipped;
    }

    /// <summary>The dump of a file's content, read by a realm opened for it.</summary>
    public string Dump(string name)
    {
        using var realm = Realm.Open(Config(name));
        return RealmDump.Of(realm);
    }

    /// <summary>A download message carrying changesets made by another client file.</summary>
    public static Download DownloadOf(IEnumerable<(long ServerVersion, long OriginFile, Changeset Changeset)> changesets, long serverVersion, long uploadAck = 0, long uploadAckServerVersion = 0)
    {
        var download = new Download { ServerVersion = serverVersion, UploadAck = uploadAck, UploadAckServerVersion = uploadAckServerVersion, LastInBatch = true };
        foreach (var (version, origin, changeset) in changesets)
        {
            download.Changesets.Add(new DownloadChangeset
            {
                ServerVersion = version,
                OriginFileIdent = origin,
                OriginTimestamp = changeset.Timestamp,
                Data = Google.Protobuf.ByteString.CopyFrom(ChangesetCodec.Encode(changeset)),
            });
        }

        return download;
    }

    /// <summary>Waits for a condition with a generous deadline (never a fixed sleep).</summary>
    public static async Task WaitUntil(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(10);
        }
    }

    public void Dispose()
    {
        lock (_opened)
        {
            for (var i = _opened.Count - 1; i >= 0; i--)
            {
                _opened[i].Dispose();
            }
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held on some platforms; the OS cleans the temp folder.
        }
    }
}
