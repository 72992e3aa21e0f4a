using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace SourceGenSync.Runtime.Tests.Sync;

/// <summary>Client reset primitives: a backup copy, a wiped file that bootstraps again, and recovery of unsynced changes.</summary>
public sealed class ClientResetTests : IDisposable
{
    private readonly SyncTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static void Seed(Realm realm) => realm.Write(() =>
    {
        var x = realm.Add(SyncWorkload.NewItem("x", "X"));
        x.Home = new SyncAddress { City = "Oslo" };
        x.Tags.Add("t");
        realm.Add(SyncWorkload.NewItem("y", "Y"));
    });

    private SyncScenario WithUnsyncedChange()
    {
        var scenario = new SyncScenario(_files, Seed);
        scenario.WriteLocal(realm => realm.Write(() =>
        {
            realm.Find<SyncItem>("x")!.Name = "unsynced";
            realm.Add(SyncWorkload.NewItem("local-only", "L"));
        }));
        return scenario;
    }

    [Fact]
    public void Backup_writes_a_consistent_copy_that_opens_as_a_realm()
    {
        var scenario = WithUnsyncedChange();
        var backup = scenario.Local.Backup(Path.Combine(_files.Folder, "backups", "before-reset.realm"));

        Assert.True(File.Exists(backup));
        using (var copy = Realm.Open(new RealmConfiguration(backup) { Schema = SyncTestFiles.Schema }))
        {
            Assert.Equal(RealmDump.Of(copy), _files.Dump("local"));
        }

        Assert.Throws<IOException>(() => scenario.Local.Backup(backup));
    }

    [Fact]
    public async Task Reset_without_recovery_discards_local_changes_and_bootstraps_again()
    {
        var scenario = WithUnsyncedChange();
        var realm = _files.Open("local");
        var x = realm.Find<SyncItem>("x")!;
        var ackBefore = scenario.Local.LatestLocalClientVersion();
        Assert.True(ackBefore > 0);

        scenario.Local.ResetForFreshFile(keepUnsyncedForRecovery: false);

        var state = scenario.Local.ReadState();
        Assert.True(state.ResetPending);
        Assert.Equal(0, state.ClientFileIdent);
        Assert.Equal(0, state.DownloadCursor);
        Assert.Equal(0, state.UploadAck);
        Assert.Equal("default", state.ServerRealm);
        Assert.Empty(scenario.Local.ReadUploadable(0, 100, int.MaxValue));
        Assert.Equal(0, scenario.Local.LatestLocalClientVersion());
        Assert.Equal(0L, _files.Scalar("local", "SELECT count(*) FROM \"class_SyncAddress\""));
        Assert.Equal(0L, _files.Scalar("local", "SELECT count(*) FROM \"class_SyncItem.Tags\""));
        await SyncTestFiles.WaitUntil(() => !x.IsValid, "the open realm's objects are invalidated");
        Assert.Empty(realm.All<SyncItem>());

        // The fresh bootstrap (a new client file), then the end of the reset.
        scenario.Local.SaveClientFile(7, 77, "default");
        scenario.Local.Integrate([scenario.BaseDownload()]);
        Assert.Equal(0, scenario.Local.ApplyRecovery());

        Assert.False(scenario.Local.ReadState().ResetPending);
        Assert.Empty(scenario.Local.ReadUploadable(0, 100, int.MaxValue));
        await SyncTestFiles.WaitUntil(() => realm.Find<SyncItem>("x") is { Name: "X" }, "the bootstrap reaches the open realm");
        Assert.Null(realm.Find<SyncItem>("local-only"));
        Assert.Equal(_files.Dump("seed"), _files.Dump("local"));
    }

    [Fact]
    public async Task Reset_with_recovery_reapplies_unsynced_changes_as_new_local_changesets()
    {
        var scenario = WithUnsyncedChange();
        var heard = 0;
        using var observer = RealmCoordinator.ObserveLocalCommits(scenario.Local.DatabasePath, () => System.Threading.Interlocked.Increment(ref heard));

        scenario.Local.ResetForFreshFile(keepUnsyncedForRecovery: true);
        Assert.Equal(1L, _files.Scalar("local", "SELECT count(*) FROM sgs_sync_recovery"));
        Assert.Empty(scenario.Local.ReadUploadable(0, 100, int.MaxValue));

        scenario.Local.SaveClientFile(7, 77, "default");
        scenario.Local.Integrate([scenario.BaseDownload()]);
        var applied = scenario.Local.ApplyRecovery();

        Assert.True(applied > 0);
        Assert.Equal(1, heard);
        Assert.False(scenario.Local.ReadState().ResetPending);
        Assert.Equal(0L, _files.Scalar("local", "SELECT count(*) FROM sgs_sync_recovery"));
        using var realm = _files.Open("local");
        await SyncTestFiles.WaitUntil(() => realm.Find<SyncItem>("x")?.Name == "unsynced", "the recovered change is visible");
        Assert.NotNull(realm.Find<SyncItem>("local-only"));
        Assert.Equal("Oslo", realm.Find<SyncItem>("x")!.Home!.City);

        // The recovered change is the file's only upload, above every client version made before the reset.
        var uploads = SyncScenario.Uploads(scenario.Local);
        var recovered = Assert.Single(uploads);
        Assert.Contains(recovered.Instructions, i => i is SourceGenSync.Changesets.CreateObject { Object.PrimaryKey: var pk } && pk.Equals(RealmValue.Create("local-only")));
        Assert.Equal(recovered.Version, scenario.Local.LatestLocalClientVersion());
        Assert.Equal(0, _files.ApplyTo("server", scenario.Base.Concat(uploads).SelectMany(c => c.Instructions)));
        Assert.Equal(_files.Dump("server"), RealmDump.Of(realm));
    }

    [Fact]
    public void Changes_made_after_the_reset_are_uploaded()
    {
        var scenario = WithUnsyncedChange();
        scenario.Local.ResetForFreshFile(keepUnsyncedForRecovery: false);
        scenario.Local.SaveClientFile(8, 88, "default");
        scenario.Local.Integrate([scenario.BaseDownload()]);
        scenario.Local.ApplyRecovery();

        scenario.WriteLocal(realm => realm.Write(() => realm.Find<SyncItem>("y")!.Count = 42));

        var upload = Assert.Single(SyncScenario.Uploads(scenario.Local));
        Assert.IsType<SourceGenSync.Changesets.SetField>(Assert.Single(upload.Instructions));
    }
}
