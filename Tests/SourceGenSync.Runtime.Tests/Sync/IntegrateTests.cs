using System;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;

namespace SourceGenSync.Runtime.Tests.Sync;

/// <summary>
/// SyncStateStore.Integrate against the merge oracle: a client with concurrent local changes must end with the
/// state the server reaches (base, then the other client's changes, then this client's transformed uploads), and
/// upload exactly the transformed changesets the document model computes.
/// </summary>
public sealed class IntegrateTests : IDisposable
{
    private readonly SyncTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static void Seed(Realm realm) => realm.Write(() =>
    {
        var a = realm.Add(SyncWorkload.NewItem("a", "Ann"));
        var b = realm.Add(SyncWorkload.NewItem("b", "Bob"));
        var c = realm.Add(SyncWorkload.NewItem("c", "Cat"));
        a.Home = new SyncAddress { City = "Oslo", Geo = new SyncGeo { Lat = 1 } };
        a.Addresses.Add(new SyncAddress { City = "A0" });
        a.Addresses.Add(new SyncAddress { City = "A1" });
        a.Tags.Add("t1");
        a.Tags.Add("t2");
        a.Numbers.Add(1);
        a.Props["k"] = "v";
        a.Places["p"] = new SyncAddress { City = "P" };
        a.Related.Add(b);
        b.Next = c;
    });

    private static void RemoteEdits(Realm realm) => realm.Write(() =>
    {
        var a = realm.Find<SyncItem>("a")!;
        a.Name = "remote";
        a.Hits.Increment(10);
        a.Tags.Insert(0, "r0");
        a.Tags.Add("rEnd");
        a.Numbers.Add(100);
        a.Props["k"] = "remote";
        a.Home!.City = "RemoteCity";
        a.Addresses[0].City = "R0";
        a.Places["p"]!.Lines.Add("remote line");
        realm.Find<SyncItem>("b")!.Count = 5;
        realm.Remove(realm.Find<SyncItem>("c")!);
    });

    private static void LocalEdits(Realm realm)
    {
        realm.Write(() =>
        {
            var a = realm.Find<SyncItem>("a")!;
            a.Name = "local";
            a.Hits.Increment(1);
            a.Tags.Insert(0, "l0");
            a.Tags.RemoveAt(2);
            a.Numbers.Add(200);
            a.Props["k"] = "local";
            a.Addresses.Insert(0, new SyncAddress { City = "L-new" });
            a.Addresses[2].City = "L1";
        });
        realm.Write(() =>
        {
            var c = realm.Find<SyncItem>("c")!;
            c.Name = "edited locally";
            var a = realm.Find<SyncItem>("a")!;
            a.Related.Add(c);
            a.Named["cat"] = c;
            a.Home!.Geo!.Lon = 2;
            var e = realm.Add(SyncWorkload.NewItem("e", "Eve"));
            e.Next = realm.Find<SyncItem>("b");
        });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Integrating_concurrent_changes_converges_with_the_server_order(bool localWritesLast)
    {
        var scenario = new SyncScenario(_files, Seed);
        if (localWritesLast)
        {
            scenario.WriteRemote(RemoteEdits);
            scenario.WriteLocal(LocalEdits);
        }
        else
        {
            scenario.WriteLocal(LocalEdits);
            scenario.WriteRemote(RemoteEdits);
        }

        var localChanges = SyncScenario.Uploads(scenario.Local);
        Assert.Equal(2, localChanges.Count);
        var download = scenario.RemoteUploadsAsDownload(out var remoteChanges);

        var result = scenario.Local.Integrate([download]);

        Assert.Equal(0, result.InstructionsSkipped);
        Assert.Equal(scenario.BaseVersion + remoteChanges.Count, result.DownloadCursor);
        Assert.Equal(remoteChanges.Count, result.ChangesetsApplied);

        // The oracle: the document model's client merge gives the same Left' as the store keeps for upload...
        var (clientDocuments, pending) = scenario.Oracle(localChanges, remoteChanges);
        var uploads = SyncScenario.Uploads(scenario.Local);
        Assert.Equal(pending.Select(p => p.Changeset.Version), uploads.Select(u => u.Version));
        Assert.Equal(2L, _files.Scalar("local", "SELECT count(*) FROM sgs_sync_rewritten"));
        Assert.NotEqual(localChanges[0].Instructions, uploads[0].Instructions);
        for (var i = 0; i < uploads.Count; i++)
        {
            Assert.Equal(pending[i].Changeset.Instructions, uploads[i].Instructions);
            Assert.Equal(pending[i].Changeset.Timestamp, uploads[i].Timestamp);
        }

        // ...and the server order (base, remote, then the uploads) reaches the client's documents (TP1).
        var serverDocuments = scenario.BaseDocuments();
        foreach (var changeset in remoteChanges.Concat(uploads))
        {
            Assert.Equal(0, InstructionApplier.Apply(changeset, serverDocuments).Skipped);
        }

        Assert.True(serverDocuments.Equals(clientDocuments), serverDocuments.Dump() + "\n----\n" + clientDocuments.Dump());

        // The realm file holds exactly what the server order gives when applied to tables.
        Assert.Equal(0, _files.ApplyTo("server", scenario.Base.Concat(remoteChanges).Concat(uploads).SelectMany(c => c.Instructions)));
        var expected = _files.Dump("server");
        Assert.Equal(expected, _files.Dump("local"));
        Assert.Contains(localWritesLast ? "Name=\"local\"" : "Name=\"remote\"", expected, StringComparison.Ordinal);
        Assert.DoesNotContain("edited locally", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void The_change_log_after_integration_still_replays_to_the_tables()
    {
        var scenario = new SyncScenario(_files, Seed);
        scenario.WriteRemote(RemoteEdits);
        scenario.WriteLocal(LocalEdits);
        scenario.Local.Integrate([scenario.RemoteUploadsAsDownload(out _)]);

        Assert.Equal(0, _files.ApplyTo("replay", _files.ChangeLog("local").SelectMany(c => c.Instructions)));
        Assert.Equal(_files.Dump("local"), _files.Dump("replay"));
    }

    [Fact]
    public void Downloaded_changesets_are_not_uploaded_and_are_marked_in_the_log()
    {
        var scenario = new SyncScenario(_files, Seed);
        Assert.Empty(SyncScenario.Uploads(scenario.Local));
        Assert.Equal(0, scenario.Local.LatestLocalClientVersion());
        Assert.Equal((long)scenario.Base.Count, _files.Scalar("local", "SELECT count(*) FROM sgs_sync_downloaded"));
        Assert.Equal(scenario.BaseVersion, scenario.Local.ReadState().DownloadCursor);

        // Timestamps in the log keep growing, whatever the origin's clock said.
        var log = _files.ChangeLog("local");
        Assert.True(log.Zip(log.Skip(1)).All(p => p.Second.Timestamp > p.First.Timestamp));
        Assert.All(log.Select((c, i) => (c, i)), x => Assert.Equal(x.i + 1, x.c.Version));
    }

    [Fact]
    public void A_repeated_download_is_integrated_once()
    {
        var scenario = new SyncScenario(_files, Seed);
        var before = _files.Dump("local");
        var again = scenario.Local.Integrate([scenario.BaseDownload()]);

        Assert.Equal(0, again.ChangesetsApplied);
        Assert.Equal(before, _files.Dump("local"));
    }

    [Fact]
    public void An_undecodable_changeset_rolls_the_whole_batch_back()
    {
        var scenario = new SyncScenario(_files, Seed);
        scenario.WriteRemote(realm => realm.Write(() => realm.Find<SyncItem>("a")!.Name = "changed"));
        var good = scenario.RemoteUploadsAsDownload(out _);
        var bad = SyncTestFiles.DownloadOf([], scenario.BaseVersion + 2);
        bad.Changesets.Add(new Protocol.Sync.DownloadChangeset { ServerVersion = scenario.BaseVersion + 2, OriginFileIdent = 3, Data = Google.Protobuf.ByteString.CopyFrom([1, 2, 3]) });
        var before = _files.Dump("local");

        Assert.Throws<ChangesetFormatException>(() => scenario.Local.Integrate([good, bad]));

        Assert.Equal(before, _files.Dump("local"));
        Assert.Equal(scenario.BaseVersion, scenario.Local.ReadState().DownloadCursor);
    }
}
