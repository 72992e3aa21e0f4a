using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;

namespace SyncDemo;

/// <summary>
/// <c>dotnet run --project Samples/SyncDemo</c>: an embedded sync server and two devices in one process, then a
/// second server with permission rules and two flexible-sync users (<see cref="FlexibleStage"/>). Prints each step
/// with tables and progress bars; the last line is <c>SyncDemo: OK</c> (exit code 0) or <c>SyncDemo: FAILED …</c>
/// (exit code 1). Everything lives in one temporary folder, deleted at the end.
/// </summary>
internal static class Program
{
    /// <summary>The whole demo normally takes a few seconds; past this it is reported as a failure.</summary>
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    private static async Task<int> Main()
    {
        Ui.Configure();
        var root = Path.Combine(Path.GetTempPath(), "sgs-syncdemo-" + Guid.NewGuid().ToString("N"));
        using var cancel = new CancellationTokenSource(s_deadline);
        var run = RunAsync(root, cancel.Token);
        await run.WaitAsync(s_deadline + TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        string? failure = null;
        if (!run.IsCompleted)
        {
            failure = $"did not finish within {s_deadline.TotalSeconds:0} s";
        }
        else if (run.Exception?.GetBaseException() is { } exception)
        {
            failure = exception is DemoFailure ? exception.Message : exception.ToString();
        }

        DeleteFolder(root);
        AnsiConsole.WriteLine();
        if (failure is null)
        {
            AnsiConsole.MarkupLine($"[grey]{Ui.Elapsed}[/] temporary folder deleted; server and devices stopped");
            Console.WriteLine("SyncDemo: OK");
            return 0;
        }

        Console.WriteLine($"SyncDemo: FAILED — {failure}");
        return 1;
    }

    private static async Task RunAsync(string root, CancellationToken cancellationToken)
    {
        Ui.Step(1, "Start the sync server in this process");
        await using var server = await EmbeddedServer.StartAsync(Path.Combine(root, "server"), cancellationToken);
        var table = Ui.NewTable("sync server", "");
        Ui.Row(table, "address", server.Address);
        Ui.Row(table, "store", Path.GetRelativePath(root, server.StorePath) + " (SQLite, in a temporary folder)");
        Ui.Show(table);

        using var script = new DemoScript(server, root, cancellationToken);
        await script.RunAsync();

        await using var flexible = new FlexibleStage(root, cancellationToken);
        await flexible.RunAsync();
    }

    private static void DeleteFolder(string root)
    {
        // Pooled SQLite connections keep files open; release them before the folder goes.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
        catch (IOException exception)
        {
            AnsiConsole.MarkupLine($"[red]could not delete {Markup.Escape(root)}: {Markup.Escape(exception.Message)}[/]");
        }
    }
}
