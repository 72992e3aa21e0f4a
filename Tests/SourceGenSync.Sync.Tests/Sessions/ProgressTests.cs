using System;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;
using SourceGenSync.Sync.Tests.Models;
using static SourceGenSync.Sync.Tests.Sessions.SyncHelpers;

namespace SourceGenSync.Sync.Tests.Sessions;

public sealed class ProgressTests
{
    private static void AddBlobs(Realm realm, int count, int size, long firstId = 1)
    {
        realm.Write(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var data = new byte[size];
                Random.Shared.NextBytes(data);
                realm.Add(new Blob { Id = firstId + i, Data = data });
            }
        });
    }

    [Fact]
    public async Task Upload_progress_reported_indefinitely_grows_with_new_work_and_ends_complete()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        using var realm = a.Open();
        await SyncAllAsync(realm);
        var recorder = new ProgressRecorder();
        using var registration = realm.SyncSession.RegisterProgressNotifier(recorder.Record, ProgressDirection.Upload, ProgressMode.ReportIndefinitely);

        AddBlobs(realm, 20, 50_000);
        Assert.True(await realm.SyncSession.WaitForUploadAsync(Deadline));
        await Eventually.WaitAsync(() => recorder.Last is { IsComplete: true, TransferableBytes: > 1_000_000 }, "the last report is complete");
        var firstTotal = recorder.Last!.Value.TransferableBytes;

        AddBlobs(realm, 5, 50_000, firstId: 100);
        Assert.True(await realm.SyncSession.WaitForUploadAsync(Deadline));
        await Eventually.WaitAsync(() => recorder.Last is { IsComplete: true } last && last.TransferableBytes > firstTotal, "the second batch is reported complete");
        recorder.AssertMonotonic();
        Assert.Contains(recorder.Reports, r => !r.IsComplete);
    }

    [Fact]
    public async Task Upload_progress_for_outstanding_work_covers_what_was_committed_and_then_completes()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        using var realm = a.Open();
        realm.SyncSession.Pause();
        AddBlobs(realm, 10, 40_000);
        var recorder = new ProgressRecorder();
        using var subscription = realm.SyncSession.GetProgressObservable(ProgressDirection.Upload, ProgressMode.ForCurrentlyOutstandingWork).Subscribe(recorder);
        Assert.False(recorder.Completed);
        Assert.True(recorder.Last!.Value.TransferableBytes >= 400_000);

        realm.SyncSession.Resume();

        await Eventually.WaitAsync(() => recorder.Completed, "the outstanding upload completes");
        recorder.AssertMonotonic();
        var last = recorder.Last!.Value;
        Assert.Equal(last.TransferableBytes, last.TransferredBytes);
        Assert.Equal(1.0, last.ProgressEstimate);
    }

    [Fact]
    public async Task Outstanding_work_registrations_with_nothing_to_do_complete_at_once()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        using var realm = a.Open();
        await SyncAllAsync(realm);
        var upload = new ProgressRecorder();
        var download = new ProgressRecorder();

        using var u = realm.SyncSession.GetProgressObservable(ProgressDirection.Upload, ProgressMode.ForCurrentlyOutstandingWork).Subscribe(upload);
        using var d = realm.SyncSession.GetProgressObservable(ProgressDirection.Download, ProgressMode.ForCurrentlyOutstandingWork).Subscribe(download);

        Assert.True(upload.Completed);
        Assert.True(upload.Last!.Value.IsComplete);
        await Eventually.WaitAsync(() => download.Completed, "the download registration completes");
        Assert.True(download.Last!.Value.IsComplete);
    }

    [Fact]
    public async Task Download_progress_reported_indefinitely_follows_the_other_devices_uploads()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmA = a.Open();
        using var realmB = b.Open();
        await SyncAllAsync(realmA, realmB);
        var recorder = new ProgressRecorder();
        using var registration = realmB.SyncSession.RegisterProgressNotifier(recorder.Record, ProgressDirection.Download, ProgressMode.ReportIndefinitely);

        AddBlobs(realmA, 30, 40_000);
        await SyncAllAsync(realmA, realmB);

        await Eventually.WaitAsync(() => recorder.Last is { IsComplete: true, TransferredBytes: > 1_000_000 }, "B's download progress reaches the data A uploaded");
        recorder.AssertMonotonic();
        Assert.Equal(30, realmB.All<Blob>().Count());
    }

    [Fact]
    public async Task Download_progress_for_outstanding_work_ends_with_transferred_equal_to_transferable()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmA = a.Open();
        AddBlobs(realmA, 30, 40_000);
        Assert.True(await realmA.SyncSession.WaitForUploadAsync(Deadline));
        using var realmB = b.Open();
        var recorder = new ProgressRecorder();

        using var subscription = realmB.SyncSession.GetProgressObservable(ProgressDirection.Download, ProgressMode.ForCurrentlyOutstandingWork).Subscribe(recorder);

        await Eventually.WaitAsync(() => recorder.Completed, "the outstanding download completes");
        recorder.AssertMonotonic();
        var last = recorder.Last!.Value;
        Assert.Equal(last.TransferableBytes, last.TransferredBytes);
        Assert.True(last.TransferredBytes > 1_000_000, last.ToString());
        realmB.Refresh();
        Assert.Equal(30, realmB.All<Blob>().Count());
    }

    [Fact]
    public async Task A_disposed_registration_gets_no_more_reports()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        using var realm = a.Open();
        var recorder = new ProgressRecorder();
        var registration = realm.SyncSession.RegisterProgressNotifier(recorder.Record, ProgressDirection.Upload, ProgressMode.ReportIndefinitely);
        registration.Dispose();
        var before = recorder.Reports.Length;

        AddBlobs(realm, 5, 10_000);
        Assert.True(await realm.SyncSession.WaitForUploadAsync(Deadline));

        Assert.Equal(before, recorder.Reports.Length);
    }
}
