using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync;
using SourceGenSync.Sync;
using Spectre.Console;
using SyncDemo.Models;

namespace SyncDemo;

/// <summary>
/// The demo's steps after the server is up: two devices, a bulk upload with progress, offline edits with a
/// conflict, resume, an outage of the server, and the final check that devices and server hold the same data.
/// Every check throws <see cref="DemoFailure"/> with what was expected and what was seen.
/// </summary>
internal sealed class DemoScript(EmbeddedServer server, string root, CancellationToken cancellationToken) : IDisposable
{
    private const int BulkCount = 20_000;
    private const string Conflicted = "todo-00001";
    private const string Completed = "todo-00002";
    private const string Deleted = "todo-00003";
    private const string DuringOutage = "todo-00004";

    private Device? _a;
    private Device? _b;

    private Device A => _a ?? throw new InvalidOperationException("devices not started");

    private Device B => _b ?? throw new InvalidOperationException("devices not started");

    public async Task RunAsync()
    {
        await StartDevicesAsync();
        await BulkUploadAsync();
        var before = await EditWhileOfflineAsync();
        await ResumeAsync(before);
        await ServerOutageAsync();
        await VerifyAsync();
    }

    public void Dispose()
    {
        _b?.Dispose();
        _a?.Dispose();
    }

    private async Task StartDevicesAsync()
    {
        Ui.Step(2, "Two devices log in and open their synced realm");
        _a = await Device.StartAsync("A", server.Address, Path.Combine(root, "device-a"), DemoUser.Credentials, register: true, cancellationToken);
        Ui.Good($"device A registered {DemoUser.Email}, logged in and opened its realm");
        _b = await Device.StartAsync("B", server.Address, Path.Combine(root, "device-b"), DemoUser.Credentials, register: false, cancellationToken);
        Ui.Good("device B logged in as the same user (a second phone) and opened its own realm file");
        var table = Ui.NewTable("device", "user", "realm file", "session", "connection");
        foreach (var device in new[] { A, B })
        {
            Ui.Row(table, device.Name, $"{device.User.Id[..8]}… ({device.User.Provider})", ShortPath(device.Session.Path), device.Session.State, device.Session.ConnectionState);
        }

        Ui.Show(table);
    }

    private async Task BulkUploadAsync()
    {
        Ui.Step(3, $"Bulk upload: A writes {BulkCount:N0} objects in one transaction, B receives them");
        var seenByB = 0;
        var allSeenByB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var liveQuery = B.Realm.All<TodoItem>().AsRealmCollection().SubscribeForNotifications((_, changes) =>
        {
            if (changes is not null && Interlocked.Add(ref seenByB, changes.InsertedIndices.Length) >= BulkCount)
            {
                allSeenByB.TrySetResult();
            }
        });

        ulong uploaded = 0, downloaded = 0;
        var started = DateTime.UtcNow;
        async Task TransferAsync(IProgressBar up, IProgressBar down)
        {
            // Registered before the write: reports every byte B downloads from now on.
            using var downProgress = B.Session.RegisterProgressNotifier(
                p => down.Report(downloaded = p.TransferredBytes, p.TransferableBytes), ProgressDirection.Download, ProgressMode.ReportIndefinitely);
            A.Realm.Write(() =>
            {
                for (var i = 1; i <= BulkCount; i++)
                {
                    A.Realm.Add(new TodoItem
                    {
                        Id = Key(i),
                        Title = $"Task {i.ToString(CultureInfo.InvariantCulture)}",
                        Status = "open",
                        Priority = i % 5,
                    });
                }
            });
            // Registered after the commit: follows exactly the work outstanding now, and completes with it.
            using var upProgress = A.Session.RegisterProgressNotifier(
                p => up.Report(uploaded = p.TransferredBytes, p.TransferableBytes), ProgressDirection.Upload, ProgressMode.ForCurrentlyOutstandingWork);
            await A.UploadAllAsync();
            up.Complete();
            await B.DownloadAllAsync();
            down.Complete();
        }

        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(context => TransferAsync(new LiveBar(context.AddTask("A ↑ upload", maxValue: 1)), new LiveBar(context.AddTask("B ↓ download", maxValue: 1))));
        }
        else
        {
            await TransferAsync(new TextBar("A ↑ upload"), new TextBar("B ↓ download"));
        }

        // The live query on B hears about the downloaded objects like about a local commit.
        await Device.WithinLimitAsync(allSeenByB.Task, "device B's live query reporting the new objects");
        var onB = B.Realm.All<TodoItem>().Count();
        if (onB != BulkCount)
        {
            throw new DemoFailure($"device B holds {onB} objects after WaitForDownloadAsync, expected {BulkCount}");
        }

        var table = Ui.NewTable("", "device A", "device B");
        Ui.Row(table, "objects", A.Realm.All<TodoItem>().Count().ToString("N0", CultureInfo.InvariantCulture), onB.ToString("N0", CultureInfo.InvariantCulture));
        Ui.Row(table, "bytes reported by the progress notifier", $"{uploaded:N0} uploaded", $"{downloaded:N0} downloaded");
        Ui.Row(table, "inserted, as seen by B's live query", string.Empty, Volatile.Read(ref seenByB).ToString("N0", CultureInfo.InvariantCulture));
        Ui.Show(table);
        Ui.Good($"WaitForUploadAsync on A, then WaitForDownloadAsync on B: all {BulkCount:N0} objects on B after {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
    }

    private async Task<OfflineView> EditWhileOfflineAsync()
    {
        Ui.Step(4, "Both devices go offline (Pause) and edit the same data");
        A.Session.Pause();
        B.Session.Pause();
        await A.WaitForConnectionAsync(s => s == ConnectionState.Disconnected, "disconnecting after Pause");
        await B.WaitForConnectionAsync(s => s == ConnectionState.Disconnected, "disconnecting after Pause");
        Ui.Good($"paused: A session {A.Session.State}, {A.Session.ConnectionState}; B session {B.Session.State}, {B.Session.ConnectionState}");

        var views = A.Realm.Find<TodoItem>(Conflicted)!.Views.Value;
        A.Realm.Write(() =>
        {
            var item = A.Realm.Find<TodoItem>(Conflicted)!;
            item.Title = "Buy oat milk (edited on A)";
            item.Views.Increment(2);
            A.Realm.Find<TodoItem>(Deleted)!.Priority = 9;
            A.Realm.Add(new TodoItem { Id = "todo-from-a", Title = "Added on A while offline", Status = "open", Priority = 1 });
        });
        B.Realm.Write(() =>
        {
            var item = B.Realm.Find<TodoItem>(Conflicted)!;
            item.Title = "Buy oat milk (edited on B)";
            item.Views.Increment(3);
            B.Realm.Find<TodoItem>(Completed)!.Status = "done";
            B.Realm.Remove(B.Realm.Find<TodoItem>(Deleted)!);
        });

        var view = OfflineView.Of(A, B);
        Ui.Show(view.Table("while offline (local writes work; nothing is sent)"));
        return view with { ViewsBefore = views };
    }

    private async Task ResumeAsync(OfflineView offline)
    {
        Ui.Step(5, "Resume: both devices upload their edits and download the other's");
        A.Session.Resume();
        B.Session.Resume();
        await A.UploadAllAsync();
        await B.UploadAllAsync();
        Ui.Good("WaitForUploadAsync: the server acknowledged both devices' offline edits");
        await A.DownloadAllAsync();
        await B.DownloadAllAsync();
        Ui.Good("WaitForDownloadAsync: each device integrated the other's edits");

        var after = OfflineView.Of(A, B);
        Ui.Show(after.Table("after resume: merged"));
        Expect(after.TitleA == after.TitleB, $"the conflicting title differs: A '{after.TitleA}', B '{after.TitleB}'");
        Expect(after.TitleA == offline.TitleA || after.TitleA == offline.TitleB, $"the conflicting title is neither device's write: '{after.TitleA}'");
        var expectedViews = offline.ViewsBefore + 5;
        Expect(after.ViewsA == expectedViews && after.ViewsB == expectedViews, $"the counter should be {expectedViews} on both (+2 on A, +3 on B), is {after.ViewsA} on A and {after.ViewsB} on B");
        Expect(after.StatusA == "done" && after.StatusB == "done", $"the status set on B only should be 'done' on both, is '{after.StatusA}' and '{after.StatusB}'");
        Expect(!after.DeletedExistsA && !after.DeletedExistsB, "the object deleted on B while A edited it should be gone on both (delete wins)");
        Expect(after.AddedExistsA && after.AddedExistsB, "the object added on A while offline should be on both");
        var winner = after.TitleA == offline.TitleB ? "B" : "A";
        Ui.Good($"conflict on {Conflicted}.Title resolved identically on both devices: last writer ({winner}) wins; the counter adds both increments; delete wins over a concurrent edit");
    }

    private async Task ServerOutageAsync()
    {
        Ui.Step(6, "The server goes down and comes back on the same port");
        A.TakeConnectionChanges();
        B.TakeConnectionChanges();
        await server.StopAsync();
        Ui.Note("server stopped (connections dropped)");
        await A.WaitForConnectionAsync(s => s != ConnectionState.Connected, "noticing the outage");
        await B.WaitForConnectionAsync(s => s != ConnectionState.Connected, "noticing the outage");
        Ui.Good($"both sessions noticed: A {A.Session.ConnectionState}, B {B.Session.ConnectionState} (retrying with backoff)");

        A.Realm.Write(() => A.Realm.Find<TodoItem>(DuringOutage)!.Title = "Written on A during the outage");
        var early = await A.Session.WaitForUploadAsync(TimeSpan.FromSeconds(1));
        Expect(!early, "WaitForUploadAsync reported success while the server was down");
        Ui.Note("A committed a change locally; WaitForUploadAsync(1 s) returned false: the wait is bounded, the change stays queued");

        await server.RestartAsync(cancellationToken);
        Ui.Note($"server restarted on {server.Address}");
        await A.WaitForConnectionAsync(s => s == ConnectionState.Connected, "reconnecting");
        await B.WaitForConnectionAsync(s => s == ConnectionState.Connected, "reconnecting");
        await A.UploadAllAsync();
        await B.DownloadAllAsync();
        var title = B.Realm.Find<TodoItem>(DuringOutage)?.Title;
        Expect(title == "Written on A during the outage", $"B should see A's change made during the outage, sees '{title}'");
        Ui.Good("both reconnected by themselves; the change A made during the outage is on B");

        var table = Ui.NewTable("time", "device", "connection state");
        foreach (var (device, change) in new[] { A, B }.SelectMany(d => d.TakeConnectionChanges().Select(c => (d.Name, c))).OrderBy(x => x.c.At))
        {
            Ui.Row(table, $"{change.At.TotalSeconds:0.000}s", device, $"{change.Old} → {change.New}");
        }

        Ui.Show(table);
    }

    private async Task VerifyAsync()
    {
        Ui.Step(7, "Final check: both devices and the server hold identical data");
        await A.UploadAllAsync();
        await B.UploadAllAsync();
        await A.DownloadAllAsync();
        await B.DownloadAllAsync();
        var a = DataSnapshot.Of("device A", A.Realm);
        var b = DataSnapshot.Of("device B", B.Realm);
        var serverState = DataSnapshot.OfServer(server.StorePath, "default");
        var table = Ui.NewTable("holder", "objects", "fingerprint");
        foreach (var snapshot in new[] { a, b, serverState })
        {
            Ui.Row(table, snapshot.Source, snapshot.Rows.Count.ToString("N0", CultureInfo.InvariantCulture), snapshot.Fingerprint());
        }

        Ui.Show(table);
        var differences = a.Differences(b).Concat(a.Differences(serverState)).ToList();
        if (differences.Count > 0)
        {
            throw new DemoFailure($"{differences.Count} difference(s), first: {string.Join("; ", differences.Take(5))}");
        }

        Ui.Good($"identical: {a.Rows.Count:N0} objects, field by field, on device A, device B and the server");
    }

    // <device folder>/sourcegensync/<user id>/default.realm, with the user id shortened.
    private string ShortPath(string path) => Path.GetRelativePath(root, path).Replace(A.User.Id, A.User.Id[..8] + "…", StringComparison.Ordinal);

    private static string Key(int i) => "todo-" + i.ToString("00000", CultureInfo.InvariantCulture);

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new DemoFailure(failure);
        }
    }
}
