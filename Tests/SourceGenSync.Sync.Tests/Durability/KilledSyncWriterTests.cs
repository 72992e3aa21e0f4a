using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.CrashWriter;
using SourceGenSync.Sync.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SourceGenSync.Sync.Tests.Durability;

/// <summary>
/// Issue 5, "an app killed mid-upload uploads its committed changes after restart", with real SIGKILLs: the
/// CrashWriter's <c>sync</c> mode commits numbered records into a synced realm (single records and multi-part bulk
/// commits) and reports each number after its commit returned; the test kills it three times at the given points,
/// then restarts the app in this process on the same folder (cached user, no log-in), waits for the upload and checks,
/// through a fresh device that downloads everything and through the server's own history, the durability invariant:
/// a change committed locally is never lost, whenever the app dies, and is uploaded after the restart exactly once.
/// </summary>
public sealed class KilledSyncWriterTests
{
    /// <summary>Every 50th transaction of a writer's lifetime is a bulk commit (rarer bulks keep the volume a
    /// restart uploads to tens of MB even when the first upload of a lifetime is slow to be acknowledged).</summary>
    private const int BulkEvery = 50;

    /// <summary>2,000 records of 800 characters: about 1.7 MB encoded, two upload parts of at most 1 MiB.</summary>
    private const int BulkSize = 2000;

    private const string Password = "correct horse battery";
    private const string ServerRealm = "default";

    /// <summary>Safety net for one wait (tens of MB move in some runs, on a shared machine); never asserted on.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly ITestOutputHelper _output;

    public KilledSyncWriterTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(KillPoint.FirstCommit, KillPoint.FirstCommit, KillPoint.FirstCommit)]
    [InlineData(KillPoint.SmallCommits, KillPoint.SmallCommits, KillPoint.SmallCommits)]
    [InlineData(KillPoint.JustAfterBulkCommit, KillPoint.JustAfterBulkCommit, KillPoint.JustAfterBulkCommit)]
    [InlineData(KillPoint.FirstCommit, KillPoint.JustAfterBulkCommit, KillPoint.Anywhere)]
    [InlineData(KillPoint.SmallCommits, KillPoint.WhileServerIsDown, KillPoint.JustAfterBulkCommit)]
    [InlineData(KillPoint.AckLost, KillPoint.AckLost, KillPoint.AckLost)]
    [InlineData(KillPoint.JustAfterBulkCommit, KillPoint.AckLost, KillPoint.SmallCommits)]
    public Task An_app_killed_mid_upload_uploads_its_committed_changes_after_restart(KillPoint first, KillPoint second, KillPoint third) =>
        RunScenarioAsync([first, second, third], withOtherDevice: false);

    /// <summary>The same while another device of the user writes before and during each lifetime (its own records,
    /// and increments on the writer's tally): the writer integrates downloads with unacknowledged changes of its own.</summary>
    [Theory]
    [InlineData(KillPoint.SmallCommits, KillPoint.JustAfterBulkCommit, KillPoint.AckLost)]
    [InlineData(KillPoint.JustAfterBulkCommit, KillPoint.Anywhere, KillPoint.SmallCommits)]
    public Task An_app_killed_while_another_device_writes_uploads_its_committed_changes_after_restart(KillPoint first, KillPoint second, KillPoint third) =>
        RunScenarioAsync([first, second, third], withOtherDevice: true);

    private async Task RunScenarioAsync(KillPoint[] points, bool withOtherDevice)
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        _output.WriteLine($"Kill points {string.Join(", ", points)}{(withOtherDevice ? " with another device writing" : "")}; random seed {seed}.");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await using var server = await SyncTestServer.StartAsync();

        // The writer's app always talks to the server through the proxy (its user cache is bound to that address).
        await using var proxy = AckDroppingProxy.Start(server.Address);
        using var writerFolder = new TestFolder();
        using var freshFolder = new TestFolder();
        using var otherFolder = new TestFolder();
        var email = TestApps.NewEmail();
        using (var registrar = TestApps.Create(server, freshFolder))
        {
            await registrar.EmailPasswordAuth.RegisterUserAsync(email, Password, deadline.Token);
        }

        using var other = withOtherDevice ? await OtherDevice.StartAsync(server.Address, otherFolder.Path, email, Password, deadline.Token) : null;
        var reported = new List<long>();
        var lifetime = 0;
        foreach (var point in points)
        {
            lifetime++;
            reported.AddRange(await RunAndKillAsync(server, proxy, writerFolder, email, point, random, lifetime, reported.LastOrDefault(), other, deadline.Token));
        }

        await AssertRestartUploadsEverythingOnceAsync(server, proxy, writerFolder, freshFolder, email, reported, other, deadline.Token);
    }

    /// <summary>One lifetime of the writer: start it, wait for the kill point, SIGKILL it, and return the numbers it
    /// reported as committed.</summary>
    private async Task<IReadOnlyList<long>> RunAndKillAsync(
        SyncTestServer server, AckDroppingProxy proxy, TestFolder folder, string email, KillPoint point, Random random, int lifetime, long lastReportedBefore, OtherDevice? other, CancellationToken cancellationToken)
    {
        const int OtherTransactions = 20;
        var offline = point == KillPoint.WhileServerIsDown;
        if (other is not null && !offline)
        {
            // Waiting for the writer when it starts: downloads to integrate under its unacknowledged changes.
            await other.WriteAsync(OtherTransactions, Deadline);
        }

        if (offline)
        {
            await server.StopAsync();
        }

        var ackAtStart = offline ? 0 : await ServerAckAsync(server, WriterFileState.Read(folder.Path).ClientFileIdent, cancellationToken);
        var target = point switch
        {
            KillPoint.FirstCommit => 1,
            KillPoint.SmallCommits => random.Next(2, BulkEvery),
            KillPoint.JustAfterBulkCommit or KillPoint.AckLost => BulkEvery - 1 + BulkSize + random.Next(0, 4),
            KillPoint.Anywhere or KillPoint.WhileServerIsDown => random.Next(1, (2 * (BulkEvery - 1 + BulkSize)) + 1),
            _ => throw new ArgumentOutOfRangeException(nameof(point)),
        };

        IReadOnlyList<long> numbers;
        using (var writer = SyncWriterProcess.Start(proxy.Address, folder.Path, email, Password, BulkEvery, BulkSize))
        {
            await writer.WaitForCommitsAsync(target, cancellationToken);
            if (point is KillPoint.SmallCommits or KillPoint.JustAfterBulkCommit or KillPoint.AckLost)
            {
                await WaitUntilUploadingAsync(server, folder, ackAtStart, cancellationToken);
            }

            if (other is not null && !offline)
            {
                // Downloads arriving while it uploads (or not yet arrived at the kill).
                await other.WriteAsync(OtherTransactions, Deadline);
            }

            if (point == KillPoint.AckLost)
            {
                await LoseAcknowledgementsAsync(server, proxy, folder, lifetime, cancellationToken);
            }

            await writer.KillAsync(cancellationToken);
            numbers = writer.Committed;
            foreach (var line in writer.OtherLines)
            {
                _output.WriteLine($"lifetime {lifetime}: unexpected stdout line: {line}");
            }

            _output.WriteLine($"lifetime {lifetime} stderr: {writer.Errors.Trim()}");
        }

        // Each lifetime continues after everything the file already held, without gaps of its own.
        Assert.True(numbers.Count >= target, $"lifetime {lifetime} reported {numbers.Count} numbers, fewer than the {target} waited for");
        Assert.True(numbers[0] > lastReportedBefore, $"lifetime {lifetime} started at {numbers[0]}, not after {lastReportedBefore} reported before: the file lost commits");
        Assert.Equal(Enumerable.Range(0, numbers.Count).Select(i => numbers[0] + i), numbers);

        var file = WriterFileState.Read(folder.Path);
        var summary = $"lifetime {lifetime}: killed at {point} after {numbers.Count} reported records {numbers[0]}..{numbers[^1]}; " +
                      $"the file's newest changeset is {file.LatestVersion}, its persisted ack {Describe(file.UploadAck)}";
        if (offline)
        {
            _output.WriteLine(summary + " (server down)");
            await server.RestartAsync();
        }
        else
        {
            // Informational: how far the server was behind the app when it died (the uploads that were cut off).
            var serverAck = await ServerAckAsync(server, file.ClientFileIdent, cancellationToken);
            var onServer = await ServerHistory.CountRecordsAsync(server, ServerRealm, cancellationToken);
            _output.WriteLine(summary + $"; the server had integrated {Describe(serverAck)} of client file {file.ClientFileIdent} and held {onServer} records");
        }

        return numbers;
    }

    private static string Describe(long clientVersion) =>
        clientVersion == 0 ? "nothing" : $"changeset {clientVersion / 1024} part {clientVersion % 1024}";

    /// <summary>The server's upload ack for a client file (0 when unknown).</summary>
    private static async Task<long> ServerAckAsync(SyncTestServer server, long clientFileIdent, CancellationToken cancellationToken) =>
        clientFileIdent == 0 ? 0 : (await server.Store.FindClientFileAsync(clientFileIdent, cancellationToken))?.UploadAck ?? 0;

    /// <summary>Waits until the running writer's session has had an upload integrated by the server in this lifetime,
    /// so the kill lands while it is uploading (it keeps committing faster than the server integrates).</summary>
    private static Task WaitUntilUploadingAsync(SyncTestServer server, TestFolder folder, long ackAtStart, CancellationToken cancellationToken) =>
        Eventually.WaitAsync(
            async () =>
            {
                var ident = WriterFileState.Read(folder.Path).ClientFileIdent;
                return ident != 0 && await ServerAckAsync(server, ident, cancellationToken) > ackAtStart;
            },
            Deadline,
            "the writer's session has an upload of this lifetime integrated by the server");

    /// <summary>
    /// Called once the server has integrated an upload of this lifetime. Waits until the writer sends its next upload
    /// (it sends one at a time, after the previous one's ack arrived), cuts the server's messages to it, and waits
    /// until the server has integrated more: that upload's ack was certainly lost. The kill follows.
    /// </summary>
    private async Task LoseAcknowledgementsAsync(SyncTestServer server, AckDroppingProxy proxy, TestFolder folder, int lifetime, CancellationToken cancellationToken)
    {
        const int NextUploadBytes = 64 * 1024;  // far more than pings and HTTP/2 control frames
        var sentBefore = proxy.ClientBytes;
        await Eventually.WaitAsync(() => proxy.ClientBytes - sentBefore > NextUploadBytes, Deadline, "the writer sends its next upload");
        var ident = WriterFileState.Read(folder.Path).ClientFileIdent;
        var ackBeforeCut = await ServerAckAsync(server, ident, cancellationToken);
        proxy.DropServerMessagesOnOpenConnections();
        long serverAck = 0;
        await Eventually.WaitAsync(
            async () => (serverAck = await ServerAckAsync(server, ident, cancellationToken)) > ackBeforeCut,
            Deadline,
            $"the server integrates the upload in flight when the server's messages were cut (it had {Describe(ackBeforeCut)})");
        var fileAck = WriterFileState.Read(folder.Path).UploadAck;
        Assert.True(serverAck > fileAck, $"the file records {Describe(fileAck)} as acknowledged, the server {Describe(serverAck)}");
        _output.WriteLine($"lifetime {lifetime}: messages cut when the server had integrated {Describe(ackBeforeCut)}; then it integrated through {Describe(serverAck)}, unacknowledged to the app (whose file records {Describe(fileAck)}; {proxy.DroppedFrames} server frames dropped so far)");
    }

    private async Task AssertRestartUploadsEverythingOnceAsync(
        SyncTestServer server, AckDroppingProxy proxy, TestFolder writerFolder, TestFolder freshFolder, string email, IReadOnlyList<long> reported, OtherDevice? other, CancellationToken cancellationToken)
    {
        // What the server still lacks (an upper bound: an upload it was integrating at the kill may complete now).
        var writerFile = WriterFileState.Read(writerFolder.Path);
        var serverAckAtRestart = await ServerAckAsync(server, writerFile.ClientFileIdent, cancellationToken);
        var unacknowledgedBytes = WriterFileState.ChangesetBytesFrom(writerFolder.Path, serverAckAtRestart / 1024);
        var sentBefore = proxy.ClientBytes;

        // The restarted app: same folder, its cached user, no log-in.
        using var restartedApp = App.Create(new AppConfiguration(proxy.Address)
        {
            BaseFilePath = writerFolder.Path,
            ReconnectBackoff = new ReconnectBackoffOptions { MinimumDelay = TimeSpan.FromMilliseconds(100), MaximumDelay = TimeSpan.FromSeconds(1) },
        });
        var user = restartedApp.CurrentUser;
        Assert.True(user is not null, "the restarted app has no cached user");
        using var restarted = Realm.Open(CrashSyncSchema.Configuration(user));

        // Locally: every reported number, and whole transactions only (numbers 1..Last, counted once each). Negative
        // numbers are the other device's.
        var local = Records(restarted).Where(static r => r.Key > 0).ToDictionary();
        var tally = restarted.Find<SyncedTally>(SyncedTally.SingletonId);
        Assert.NotNull(tally);
        var last = tally.Last;
        Assert.Equal(Enumerable.Range(1, checked((int)last)).Select(static n => (long)n), local.Keys.Order());
        Assert.Equal(last, (long)tally.Records);
        var transactions = (long)tally.Transactions;
        AssertHoldsEveryReported(local, reported, "the restarted app's file");
        _output.WriteLine($"{reported.Count} records reported committed; the file holds {local.Count} in {transactions} transactions.");

        Assert.True(await restarted.SyncSession.WaitForUploadAsync(Deadline), $"the restarted app uploads its {local.Count} records within {Deadline}");

        // Only what the server had not integrated goes up again: Bound's upload ack tells the app where to resume
        // (its own file never recorded the acks: they are persisted lazily). Margin for framing, Bind and pings, and
        // for one upload message (at most 4 MiB) sent again should the connection drop once.
        var sent = proxy.ClientBytes - sentBefore;
        _output.WriteLine($"At the restart the server had integrated {Describe(serverAckAtRestart)} of file {writerFile.ClientFileIdent}; the changesets from there hold {unacknowledgedBytes:N0} bytes; the restarted app sent {sent:N0} bytes.");
        Assert.True(sent <= (unacknowledgedBytes * 5 / 4) + (4 * 1024 * 1024), $"the restarted app sent {sent:N0} bytes for {unacknowledgedBytes:N0} bytes of changesets the server lacked: it uploaded again what the server had");

        // Everything expected on the server: the writer's records and the other device's.
        var otherRecords = other?.Records ?? 0;
        var expected = local.Keys.Concat(Enumerable.Range(1, checked((int)otherRecords)).Select(static n => -(long)n)).Order().ToList();
        var expectedTouches = transactions + (other?.Touches ?? 0);

        // The server's history: every record created exactly once, no changeset integrated twice, counters exact.
        var history = await ServerHistory.ReadAsync(server, ServerRealm, cancellationToken);
        var duplicates = history.EntriesPerOrigin.Where(static e => e.Value > 1).Select(static e => e.Key).ToList();
        Assert.True(duplicates.Count == 0, $"changesets integrated more than once (file, client version): {string.Join(", ", duplicates.Take(10))}");
        Assert.Equal(expected, history.CreatesPerRecord.Keys.Order());
        var createdTwice = history.CreatesPerRecord.Where(static c => c.Value > 1).Select(static c => c.Key).ToList();
        Assert.True(createdTwice.Count == 0, $"records created more than once on the server: {string.Join(", ", createdTwice.Take(10))}");
        Assert.Equal(local.Count + otherRecords, history.RecordsCounter);
        Assert.Equal(transactions, history.TransactionsCounter);
        if (local.Count - transactions >= BulkSize - 1)
        {
            // A bulk commit was made: its changeset went up in parts (client versions v * 1024 + p, p > 0).
            Assert.True(history.LaterParts > 0, "a bulk commit was uploaded, but no changeset arrived in more than one part");
        }

        _output.WriteLine($"The server integrated {history.EntriesPerOrigin.Count} uploaded changesets and parts ({history.LaterParts} of them second or later parts) from client files {string.Join(", ", history.UploadingFiles)}.");

        // A fresh device of the same user downloads exactly the same records, each counted once.
        using var freshApp = App.Create(new AppConfiguration(server.Address) { BaseFilePath = freshFolder.Path });
        var freshUser = await freshApp.LogInAsync(Credentials.EmailPassword(email, Password), cancellationToken);
        Assert.Equal(user.Id, freshUser.Id);
        using var fresh = await Realm.OpenAsync(CrashSyncSchema.Configuration(freshUser), cancellationToken);
        Assert.True(await fresh.SyncSession.WaitForDownloadAsync(Deadline), $"the fresh device downloads within {Deadline}");
        fresh.Refresh();
        var downloaded = Records(fresh);
        Assert.Equal(expected, downloaded.Keys.Order());
        AssertHoldsEveryReported(downloaded, reported, "the fresh device");
        var freshTally = fresh.Find<SyncedTally>(SyncedTally.SingletonId);
        Assert.NotNull(freshTally);
        Assert.Equal(last, freshTally.Last);
        Assert.Equal(local.Count, (long)freshTally.Records);
        Assert.Equal(transactions, (long)freshTally.Transactions);
        Assert.Equal(expectedTouches, (long)freshTally.Touches);
        if (other is not null)
        {
            Assert.Equal(otherRecords, (long?)fresh.Find<SyncedTally>(OtherDevice.TallyId)?.Records);

            // The restarted app converges too, its own changes counted once among the other device's.
            Assert.True(await restarted.SyncSession.WaitForDownloadAsync(Deadline), $"the restarted app downloads within {Deadline}");
            restarted.Refresh();
            Assert.Equal(expected, Records(restarted).Keys.Order());
            Assert.Equal(expectedTouches, (long)tally.Touches);
            Assert.Equal(local.Count, (long)tally.Records);
        }
    }

    private static Dictionary<long, string> Records(Realm realm) =>
        realm.All<SyncedRecord>().ToList().ToDictionary(static r => r.Number, static r => r.Payload);

    private static void AssertHoldsEveryReported(Dictionary<long, string> records, IReadOnlyList<long> reported, string where)
    {
        var missing = reported.Where(n => !records.ContainsKey(n)).ToList();
        Assert.True(missing.Count == 0, $"{where} lacks {missing.Count} numbers reported as committed, e.g. {string.Join(", ", missing.Take(10))}");
        foreach (var (number, payload) in records)
        {
            Assert.True(CrashSyncSchema.PayloadFor(number) == payload, $"{where}: record {number} has the wrong payload");
        }
    }
}
