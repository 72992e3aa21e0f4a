using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace SourceGenSync.CrashWriter;

/// <summary>
/// <c>SourceGenSync.CrashWriter &lt;realm path&gt; [--max N]</c>: opens the realm and commits one small write
/// transaction per counter value (1, 2, 3, ... continuing after what the file already holds), writing each counter
/// to stdout, flushed, only after its Commit returned. The durability test kills it with SIGKILL at some point and
/// checks that every counter reported here survived. <c>--max</c> (default 1,000,000) bounds a run nobody kills.
/// <c>SourceGenSync.CrashWriter sync ...</c> runs the synced variant instead (see <see cref="SyncWriter"/>).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "sync")
        {
            return SyncWriter.Run(args.AsSpan(1));
        }

        if (args.Length is not (1 or 3) || (args.Length == 3 && args[1] != "--max"))
        {
            Console.Error.WriteLine("usage: SourceGenSync.CrashWriter <realm path> [--max N]");
            return 2;
        }

        var max = args.Length == 3 ? long.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;

        // One write(2) per line: a line is either wholly in the pipe or not at all when the process is killed.
        using var stdout = Console.OpenStandardOutput();
        var line = new byte[32];

        using var realm = Realm.Open(CrashSchema.Configuration(Path.GetFullPath(args[0])));
        var progress = realm.Find<CrashProgress>(CrashProgress.SingletonId);
        var counter = progress?.Last ?? 0;
        while (counter < max)
        {
            counter++;
            var next = counter;
            realm.Write(() =>
            {
                realm.Add(new CrashRecord { Counter = next, Payload = CrashSchema.PayloadFor(next) });
                if (progress is null)
                {
                    progress = realm.Add(new CrashProgress { Id = CrashProgress.SingletonId, Last = next, Commits = 1 });
                }
                else
                {
                    progress.Last = next;
                    progress.Commits++;
                }
            });

            var length = Encoding.ASCII.GetBytes(next.ToString(CultureInfo.InvariantCulture) + "\n", line);
            stdout.Write(line, 0, length);
            stdout.Flush();
        }

        return 0;
    }
}
