using System;
using System.Globalization;
using System.IO;
using System.Text;
using SourceGenSync.Sync;

namespace SourceGenSync.CrashWriter;

/// <summary>
/// The <c>sync</c> mode: <c>SourceGenSync.CrashWriter sync &lt;server url&gt; &lt;base file path&gt; &lt;email&gt;
/// &lt;password&gt; [--max N] [--bulk-every K] [--bulk-size S]</c>. Creates an App on the base file path, uses its cached
/// user when it has one (a restarted app) and otherwise logs in with the email/password user the test registered,
/// opens the synced realm with <see cref="Realm.Open"/> (the session uploads in the background) and commits numbered
/// <see cref="SyncedRecord"/>s, continuing after the highest number the file holds: one per transaction, and every
/// K-th transaction a bulk of S (several upload parts). After each Commit returns, the transaction's numbers are
/// written to stdout, one per line, and flushed. The durability tests kill it with SIGKILL at some point; a run
/// that reaches <c>--max</c> (default 1,000,000) waits until its changes are uploaded and exits.
/// </summary>
internal static class SyncWriter
{
    private const string Usage = "usage: SourceGenSync.CrashWriter sync <server url> <base file path> <email> <password> [--max N] [--bulk-every K] [--bulk-size S]";

    public static int Run(ReadOnlySpan<string> args)
    {
        if (args.Length < 4 || !TryReadOptions(args[4..], out var max, out var bulkEvery, out var bulkSize))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        using var app = App.Create(new AppConfiguration(new Uri(args[0]))
        {
            BaseFilePath = Path.GetFullPath(args[1]),
            ReconnectBackoff = new ReconnectBackoffOptions { MinimumDelay = TimeSpan.FromMilliseconds(100), MaximumDelay = TimeSpan.FromSeconds(1) },
        });
        var user = app.CurrentUser;
        Console.Error.WriteLine(user is null ? "crash writer: logging in" : "crash writer: using the cached user " + user.Id);
        user ??= app.LogInAsync(Credentials.EmailPassword(args[2], args[3])).GetAwaiter().GetResult();

        using var realm = Realm.Open(CrashSyncSchema.Configuration(user, static (_, error) => Console.Error.WriteLine("crash writer: session error: " + error.Message)));
        var tally = realm.Find<SyncedTally>(SyncedTally.SingletonId);
        var last = tally?.Last ?? 0;

        // One write(2) per transaction: its lines are all in the pipe before the next transaction starts, and a line
        // is only ever written after the commit that holds its number returned.
        using var stdout = Console.OpenStandardOutput();
        var lines = new StringBuilder();
        for (var transaction = 1L; last < max; transaction++)
        {
            var count = bulkEvery > 0 && transaction % bulkEvery == 0 ? bulkSize : 1;
            var first = last + 1;
            var end = Math.Min(last + count, max);
            realm.Write(() =>
            {
                for (var number = first; number <= end; number++)
                {
                    realm.Add(new SyncedRecord { Number = number, Payload = CrashSyncSchema.PayloadFor(number) });
                }

                tally ??= realm.Add(new SyncedTally { Id = SyncedTally.SingletonId });
                tally.Transactions.Increment();
                tally.Touches.Increment();
                tally.Records.Increment(end - first + 1);
                tally.Last = end;
            });
            last = end;

            lines.Clear();
            for (var number = first; number <= end; number++)
            {
                lines.Append(number.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            var bytes = Encoding.ASCII.GetBytes(lines.ToString());
            stdout.Write(bytes, 0, bytes.Length);
            stdout.Flush();
        }

        // Nobody killed it: leave with everything on the server.
        return realm.SyncSession.WaitForUploadAsync(TimeSpan.FromMinutes(2)).GetAwaiter().GetResult() ? 0 : 1;
    }

    private static bool TryReadOptions(ReadOnlySpan<string> options, out long max, out long bulkEvery, out long bulkSize)
    {
        max = 1_000_000;
        bulkEvery = 0;
        bulkSize = 1;
        for (var i = 0; i < options.Length; i += 2)
        {
            if (i + 1 >= options.Length || !long.TryParse(options[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            switch (options[i])
            {
                case "--max": max = value; break;
                case "--bulk-every": bulkEvery = value; break;
                case "--bulk-size": bulkSize = value; break;
                default: return false;
            }
        }

        return bulkSize >= 1;
    }
}
