using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SourceGenSync.CrashWriter;
using Xunit.Abstractions;

namespace SourceGenSync.Runtime.Tests.Durability;

/// <summary>
/// Kills a process in the middle of committing (SIGKILL: no finalizers, no flushing) and checks what it leaves:
/// every commit it saw return is in the file, the file is intact, and the change log describes exactly the data.
/// </summary>
public sealed class KilledWriterTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sgs-durability-" + Guid.NewGuid().ToString("N"));
    private readonly ITestOutputHelper _output;

    public KilledWriterTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_folder);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(150)]
    [InlineData(300)]
    public async Task A_killed_writer_keeps_every_reported_commit_and_leaves_a_consistent_file(int killAfter)
    {
        var path = Path.Combine(_folder, "crash.realm");
        using var deadline = new CancellationTokenSource(Deadline);
        IReadOnlyList<long> reported;
        using (var writer = CrashWriterProcess.Start(path))
        {
            await writer.WaitForCommitsAsync(killAfter, deadline.Token);
            await writer.KillAsync(deadline.Token);
            reported = writer.Committed;
        }

        Assert.True(reported.Count >= killAfter);
        Assert.Equal(Enumerable.Range(1, reported.Count).Select(static i => (long)i), reported);

        var stored = AssertEveryReportedCommitIsReadable(path, reported);
        _output.WriteLine($"Killed after {reported.Count} reported commits; the file holds {stored}.");
        AssertFileIsIntactAndMatchesItsChangeLog(path, stored);
    }

    /// <summary>Returns how many commits the file holds: every reported one, plus at most the one in flight at the kill.</summary>
    private static long AssertEveryReportedCommitIsReadable(string path, IReadOnlyList<long> reported)
    {
        using var realm = Realm.Open(CrashSchema.Configuration(path));
        foreach (var counter in reported)
        {
            var record = realm.Find<CrashRecord>(counter);
            Assert.True(record is not null, $"Commit {counter} was reported but is not in the file.");
            Assert.Equal(CrashSchema.PayloadFor(counter), record.Payload);
        }

        var progress = realm.Find<CrashProgress>(CrashProgress.SingletonId);
        Assert.NotNull(progress);
        var last = progress.Last;
        Assert.InRange(last, reported.Count, reported.Count + 1L);
        Assert.Equal(last, progress.Commits);
        if (last > reported.Count)
        {
            // Committed, killed before it was printed: all or nothing, so it is complete too.
            Assert.Equal(CrashSchema.PayloadFor(last), realm.Find<CrashRecord>(last)?.Payload);
        }

        return last;
    }

    private static void AssertFileIsIntactAndMatchesItsChangeLog(string path, long commits)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));

        // One changeset per commit, versions 1..N without gaps.
        var replay = ChangeLogReplay.Read(connection);
        Assert.Equal(Enumerable.Range(1, checked((int)commits)).Select(static v => (long)v), replay.Versions);

        // Replaying the log gives exactly the rows of each class table.
        var records = new Dictionary<RealmValue, Dictionary<string, RealmValue>>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT \"Counter\", \"Payload\" FROM \"class_CrashRecord\"";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                records[reader.GetInt64(0)] = new Dictionary<string, RealmValue>(StringComparer.Ordinal) { ["Payload"] = reader.GetString(1) };
            }
        }

        Assert.Equal(commits, records.Count);
        AssertSameObjects(records, replay.Class("CrashRecord"), "CrashRecord");

        var progress = new Dictionary<RealmValue, Dictionary<string, RealmValue>>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT \"Id\", \"Last\", \"Commits\" FROM \"class_CrashProgress\"";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                progress[reader.GetString(0)] = new Dictionary<string, RealmValue>(StringComparer.Ordinal) { ["Last"] = reader.GetInt64(1), ["Commits"] = reader.GetInt64(2) };
            }
        }

        Assert.Single(progress);
        AssertSameObjects(progress, replay.Class("CrashProgress"), "CrashProgress");
        Assert.Equal(["CrashProgress", "CrashRecord"], replay.Objects.Keys.Order(StringComparer.Ordinal));
    }

    private static void AssertSameObjects(
        Dictionary<RealmValue, Dictionary<string, RealmValue>> table,
        Dictionary<RealmValue, Dictionary<string, RealmValue>> replayed,
        string className)
    {
        Assert.Equal(table.Count, replayed.Count);
        foreach (var (key, fields) in table)
        {
            Assert.True(replayed.TryGetValue(key, out var replayedFields), $"{className} {key} is in the table but the change log never creates it.");
            Assert.Equal(fields.OrderBy(static f => f.Key, StringComparer.Ordinal), replayedFields.OrderBy(static f => f.Key, StringComparer.Ordinal));
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the test over.
        }
    }
}
