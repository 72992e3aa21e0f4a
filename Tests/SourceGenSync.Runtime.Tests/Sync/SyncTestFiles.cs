using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Internal.Sync;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Runtime.Tests.Database;
using SourceGenSync.Runtime.Tests.Models;
using SourceGenSync.Schema;

namespace SourceGenSync.Runtime.Tests.Sync;

/// <summary>
/// Realm files in a temporary folder for the sync-state tests: opening realms and stores on them, reading change
/// logs, applying instructions to a fresh file. Everything opened is disposed and the folder deleted at the end.
/// </summary>
internal sealed class SyncTestFiles : TempFolder
{
    public SyncTestFiles()
        : base("sgs-sync-")
    {
    }

    public static IReadOnlyList<ObjectSchema> Schema { get; } =
        [SyncItem.Schema, SyncAddress.Schema, SyncGeo.Schema, SyncNote.Schema, AllTypes.Schema];

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

    /// <summary>Every changeset of a file's change log, with a plain read-only connection.</summary>
    public List<Changeset> ChangeLog(string name) => ReadChangeLog(PathOf(name));

    /// <summary>A scalar query with a plain connection.</summary>
    public object? Scalar(string name, string sql) => ReadScalar(PathOf(name), sql);

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

    /// <summary>Sets each changeset's <c>upload_ack_before</c> (what the server had integrated of the receiving file before it).</summary>
    public static Download WithAcksBefore(Download download, params long[] acksBefore)
    {
        Assert.Equal(download.Changesets.Count, acksBefore.Length);
        for (var i = 0; i < acksBefore.Length; i++)
        {
            download.Changesets[i].UploadAckBefore = acksBefore[i];
        }

        return download;
    }

    /// <summary>Waits for a condition with a generous deadline (never a fixed sleep).</summary>
    public static Task WaitUntil(Func<bool> condition, string what) => PollUntil(condition, what, TimeSpan.FromSeconds(30));
}
