using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Sync;
using SourceGenSync.Merge;
using SourceGenSync.Protocol.Sync;

namespace SourceGenSync.Runtime.Tests.Sync;

/// <summary>
/// A small world for merge tests: a base history (made by a seed realm, server versions 1..n, file 1) that two
/// client files integrate, then concurrent writes on each, then one client's uploads delivered to the other.
/// </summary>
internal sealed class SyncScenario
{
    public const long LocalIdent = 2;
    public const long RemoteIdent = 3;

    public SyncScenario(SyncTestFiles files, System.Action<Realm> seed)
    {
        Files = files;
        using (var realm = files.Open("seed"))
        {
            seed(realm);
        }

        Base = files.ChangeLog("seed");
        Local = files.Store("local", LocalIdent);
        Remote = files.Store("remote", RemoteIdent);
        var download = BaseDownload();
        Assert.Equal(0, Local.Integrate([download]).InstructionsSkipped);
        Assert.Equal(0, Remote.Integrate([download]).InstructionsSkipped);
    }

    public SyncTestFiles Files { get; }

    public List<Changeset> Base { get; }

    public SyncStateStore Local { get; }

    public SyncStateStore Remote { get; }

    public long BaseVersion => Base.Count;

    public Download BaseDownload() =>
        SyncTestFiles.DownloadOf(Base.Select((c, i) => ((long)i + 1, 1L, c)), Base.Count);

    public void WriteLocal(System.Action<Realm> write)
    {
        using var realm = Files.Open("local");
        write(realm);
    }

    public void WriteRemote(System.Action<Realm> write)
    {
        using var realm = Files.Open("remote");
        write(realm);
    }

    /// <summary>What a store would upload now, decoded.</summary>
    public static List<Changeset> Uploads(SyncStateStore store, long after = 0) =>
        store.ReadUploadable(after, 100_000, int.MaxValue).Select(u => ChangesetCodec.Decode(u.Data.Span)).ToList();

    /// <summary>The remote's uploads as the server would send them on (history after the base, file 3).</summary>
    public Download RemoteUploadsAsDownload(out List<Changeset> remote)
    {
        remote = Uploads(Remote);
        return SyncTestFiles.DownloadOf(remote.Select((c, i) => (BaseVersion + 1 + i, RemoteIdent, c)), BaseVersion + remote.Count);
    }

    public InMemoryDocumentSource BaseDocuments()
    {
        var documents = new InMemoryDocumentSource();
        foreach (var changeset in Base)
        {
            Assert.Equal(0, InstructionApplier.Apply(changeset, documents).Skipped);
        }

        return documents;
    }

    /// <summary>
    /// The oracle, shaped like the protocol tests' SimulatedClient: local changesets on the base, each downloaded
    /// changeset transformed against them (Right' applied, Left' kept). Returns the client's documents and Left'.
    /// </summary>
    public (InMemoryDocumentSource Client, List<OriginChangeset> Pending) Oracle(List<Changeset> local, List<Changeset> downloaded)
    {
        var client = BaseDocuments();
        foreach (var changeset in local)
        {
            Assert.Equal(0, InstructionApplier.Apply(changeset, client).Skipped);
        }

        var pending = local.Select(c => new OriginChangeset(c, LocalIdent)).ToList();
        foreach (var changeset in downloaded)
        {
            var result = ChangesetTransformer.Transform(pending, [new OriginChangeset(changeset, RemoteIdent)]);
            Assert.Equal(0, InstructionApplier.Apply(result.Right[0].Changeset, client).Skipped);
            pending = result.Left.ToList();
        }

        return (client, pending);
    }
}
