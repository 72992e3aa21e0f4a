using System;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Sync;

namespace SourceGenSync.Runtime.Tests.Sync;

/// <summary>
/// The in-order ack (protocol §5.3): local parts the server integrated before a downloaded changeset are not
/// transformed against it; acknowledged parts are never uploaded again; transformed parts are uploaded as rewritten.
/// </summary>
public sealed class AckTests : IDisposable
{
    private readonly SyncTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static void Seed(Realm realm) => realm.Write(() =>
    {
        realm.Add(SyncWorkload.NewItem("x", "X"));
        realm.Add(SyncWorkload.NewItem("y", "Y"));
    });

    [Fact]
    public void Parts_acknowledged_before_a_downloaded_changeset_are_dropped_before_the_transform()
    {
        var scenario = new SyncScenario(_files, Seed);
        scenario.WriteLocal(realm =>
        {
            realm.Write(() => realm.Find<SyncItem>("x")!.Tags.Insert(0, "l1"));
            realm.Write(() => realm.Find<SyncItem>("y")!.Name = "second local");
        });
        var local = SyncScenario.Uploads(scenario.Local);
        Assert.Equal(2, local.Count);
        var first = local[0].Version;

        // The server integrated the first local changeset at base+1; another client then appended after it (it saw
        // "l1"). That changeset was transformed against ours on the server: the client must not do it again.
        var afterOurs = new Changeset(1, local[0].Timestamp + 1,
            [new ListInsert(ObjectRef.TopLevel("SyncItem", "x"), "Tags", 1, Payload.Of("r"))]);
        var download = SyncTestFiles.DownloadOf([(scenario.BaseVersion + 2, SyncScenario.RemoteIdent, afterOurs)], scenario.BaseVersion + 2,
            uploadAck: first, uploadAckServerVersion: scenario.BaseVersion + 1);

        var result = scenario.Local.Integrate([download]);

        Assert.Equal(0, result.InstructionsSkipped);
        Assert.Equal(first, result.UploadAck);
        Assert.Equal(first, scenario.Local.ReadState().UploadAck);
        using (var realm = _files.Open("local"))
        {
            Assert.Equal(["l1", "r"], realm.Find<SyncItem>("x")!.Tags.ToArray());
        }

        var remaining = SyncScenario.Uploads(scenario.Local);
        Assert.Equal([local[1].Version], remaining.Select(c => c.Version));
        Assert.Equal(local[1].Instructions, remaining[0].Instructions);
    }

    [Fact]
    public void Changesets_ordered_before_the_ack_are_transformed_against_the_acknowledged_parts()
    {
        var scenario = new SyncScenario(_files, Seed);
        scenario.WriteLocal(realm => realm.Write(() => realm.Find<SyncItem>("x")!.Tags.Insert(0, "l1")));
        var local = SyncScenario.Uploads(scenario.Local);

        // Another client's insert at 0 was ordered before ours (base+1), ours at base+2; the message acks ours.
        var concurrent = new Changeset(1, local[0].Timestamp - 1,
            [new ListInsert(ObjectRef.TopLevel("SyncItem", "x"), "Tags", 0, Payload.Of("r"))]);
        var download = SyncTestFiles.DownloadOf([(scenario.BaseVersion + 1, SyncScenario.RemoteIdent, concurrent)], scenario.BaseVersion + 2,
            uploadAck: local[0].Version, uploadAckServerVersion: scenario.BaseVersion + 2);

        var result = scenario.Local.Integrate([download]);

        Assert.Equal(0, result.InstructionsSkipped);
        Assert.Empty(SyncScenario.Uploads(scenario.Local));
        Assert.Equal(0L, _files.Scalar("local", "SELECT count(*) FROM sgs_sync_rewritten"));

        // The server applied "r" at 0, then our insert transformed against it: the client reaches the same state.
        var ours = Merge.ChangesetTransformer.Transform([new Merge.OriginChangeset(local[0], SyncScenario.LocalIdent)],
            [new Merge.OriginChangeset(concurrent, SyncScenario.RemoteIdent)]).Left[0].Changeset;
        Assert.Equal(0, _files.ApplyTo("server", scenario.Base.Append(concurrent).Append(ours).SelectMany(c => c.Instructions)));
        Assert.Equal(_files.Dump("server"), _files.Dump("local"));
        using var realm = _files.Open("local");
        Assert.Equal(2, realm.Find<SyncItem>("x")!.Tags.Count);
    }

    [Fact]
    public void Rewritten_parts_are_uploaded_until_acknowledged()
    {
        var scenario = new SyncScenario(_files, Seed);
        scenario.WriteRemote(realm => realm.Write(() => realm.Find<SyncItem>("x")!.Tags.Add("remote")));
        scenario.WriteLocal(realm => realm.Write(() => realm.Find<SyncItem>("x")!.Tags.Add("local")));
        var original = SyncScenario.Uploads(scenario.Local).Single();
        Assert.Equal(0L, original.Instructions.OfType<ListInsert>().Single().Index);

        scenario.Local.Integrate([scenario.RemoteUploadsAsDownload(out _)]);

        // Our later insert at 0 now goes after the remote one.
        var rewritten = SyncScenario.Uploads(scenario.Local).Single();
        Assert.Equal(original.Version, rewritten.Version);
        Assert.Equal(original.Timestamp, rewritten.Timestamp);
        Assert.Equal(1L, rewritten.Instructions.OfType<ListInsert>().Single().Index);
        Assert.Equal(1L, _files.Scalar("local", "SELECT count(*) FROM sgs_sync_rewritten"));
        var upload = scenario.Local.ReadUploadable(0, 10, 1 << 20).Single();
        Assert.Equal(original.Version, upload.ClientVersion);
        Assert.Equal(original.Timestamp, upload.OriginTimestamp);

        scenario.Local.PersistAck(original.Version);

        Assert.Empty(SyncScenario.Uploads(scenario.Local));
        Assert.Equal(0L, _files.Scalar("local", "SELECT count(*) FROM sgs_sync_rewritten"));
        Assert.Equal(0, scenario.Local.PendingUploadBytes(0));
        scenario.Local.PersistAck(1); // never backwards
        Assert.Equal(original.Version, scenario.Local.ReadState().UploadAck);
    }

    [Fact]
    public void An_ack_only_download_moves_the_ack_and_the_cursor()
    {
        var scenario = new SyncScenario(_files, Seed);
        scenario.WriteLocal(realm => realm.Write(() => realm.Find<SyncItem>("x")!.Count = 3));
        var latest = scenario.Local.LatestLocalClientVersion();
        Assert.Equal(latest, SyncScenario.Uploads(scenario.Local).Single().Version);
        Assert.True(scenario.Local.PendingUploadBytes(0) > 0);
        Assert.Equal(0, scenario.Local.PendingUploadBytes(latest));

        var result = scenario.Local.Integrate([SyncTestFiles.DownloadOf([], scenario.BaseVersion + 1, latest, scenario.BaseVersion + 1)]);

        Assert.Equal(new IntegrationResult(scenario.BaseVersion + 1, latest, 0, 0, 0), result);
        Assert.Empty(SyncScenario.Uploads(scenario.Local));
        Assert.Equal(latest, scenario.Local.LatestLocalClientVersion());
    }

    [Fact]
    public void Client_versions_are_local_versions_times_1024()
    {
        var scenario = new SyncScenario(_files, Seed);
        scenario.WriteLocal(realm =>
        {
            realm.Write(() => realm.Find<SyncItem>("x")!.Count = 1);
            realm.Write(() => realm.Find<SyncItem>("x")!.Count = 2);
        });

        var uploads = scenario.Local.ReadUploadable(0, 10, 1 << 20);
        var log = _files.ChangeLog("local");
        Assert.Equal(log.TakeLast(2).Select(c => c.Version * 1024), uploads.Select(u => u.ClientVersion));
        Assert.All(uploads, u => Assert.Equal(u.ClientVersion, ChangesetCodec.Decode(u.Data.Span).Version));
        Assert.Equal(log.TakeLast(2).Select(c => c.Timestamp), uploads.Select(u => u.OriginTimestamp));
        Assert.Single(scenario.Local.ReadUploadable(0, 1, 1 << 20));
        Assert.Equal([uploads[1].ClientVersion], scenario.Local.ReadUploadable(uploads[0].ClientVersion, 10, 1 << 20).Select(u => u.ClientVersion));
    }

    [Fact]
    public void A_counter_add_made_after_our_create_is_kept_when_one_message_passes_several_of_our_changesets()
    {
        // A restarted client catching up from an old cursor: the server's history holds our create (its SetField of
        // Hits = 0), then another file's add on Hits (made after it saw the create), then another change of ours.
        // The message acks both of ours; only the changeset itself can say that the add followed the create.
        var scenario = new SyncScenario(_files, Seed);
        scenario.WriteLocal(realm =>
        {
            realm.Write(() => realm.Add(SyncWorkload.NewItem("c", "counted")));
            realm.Write(() => realm.Find<SyncItem>("y")!.Name = "second local");
        });
        var local = SyncScenario.Uploads(scenario.Local);
        Assert.Equal(2, local.Count);
        var add = new Changeset(1, local[0].Timestamp + 1, [new AddCounter(ObjectRef.TopLevel("SyncItem", "c"), "Hits", 1)]);
        var download = SyncTestFiles.WithAcksBefore(
            SyncTestFiles.DownloadOf([(scenario.BaseVersion + 2, SyncScenario.RemoteIdent, add)], scenario.BaseVersion + 3,
                uploadAck: local[1].Version, uploadAckServerVersion: scenario.BaseVersion + 3),
            local[0].Version);

        var result = scenario.Local.Integrate([download]);

        Assert.Equal(0, result.InstructionsSkipped);
        Assert.Equal(local[1].Version, scenario.Local.ReadState().UploadAck);
        using var realm = _files.Open("local");
        Assert.Equal(1L, (long)realm.Find<SyncItem>("c")!.Hits);
        Assert.Empty(SyncScenario.Uploads(scenario.Local));
    }

    [Fact]
    public void A_changeset_claiming_more_acknowledged_than_its_message_cannot_make_the_client_drop_unacknowledged_changes()
    {
        var scenario = new SyncScenario(_files, Seed);
        scenario.WriteLocal(realm =>
        {
            realm.Write(() => realm.Find<SyncItem>("x")!.Name = "first local");
            realm.Write(() => realm.Find<SyncItem>("y")!.Name = "second local");
        });
        var local = SyncScenario.Uploads(scenario.Local);
        var remote = new Changeset(1, local[1].Timestamp + 1, [new SetField(ObjectRef.TopLevel("SyncItem", "x"), "Count", Payload.Of(7L))]);
        var download = SyncTestFiles.WithAcksBefore(
            SyncTestFiles.DownloadOf([(scenario.BaseVersion + 2, SyncScenario.RemoteIdent, remote)], scenario.BaseVersion + 2,
                uploadAck: local[0].Version, uploadAckServerVersion: scenario.BaseVersion + 1),
            local[1].Version);

        scenario.Local.Integrate([download]);

        // The message acknowledged only the first: the second is still ours to upload.
        Assert.Equal(local[0].Version, scenario.Local.ReadState().UploadAck);
        Assert.Equal([local[1].Version], SyncScenario.Uploads(scenario.Local).Select(c => c.Version));
    }
}
