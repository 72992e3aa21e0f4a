using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.CrashWriter;

namespace SourceGenSync.Sync.Tests.Durability;

/// <summary>
/// Runs Tests/SourceGenSync.CrashWriter in its <c>sync</c> mode as a child process (<c>dotnet
/// SourceGenSync.CrashWriter.dll sync ...</c>) and collects the numbers it reports as committed. Only complete lines
/// count: a line is written after the commit holding its number returned, so whatever complete line reached the
/// pipe before the kill is a number the app saw committed; a fragment cut by the kill is ignored.
/// </summary>
internal sealed class SyncWriterProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<long> _committed = [];
    private readonly List<string> _otherLines = [];
    private readonly StringBuilder _errors = new();
    private readonly Task _pump;
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _target = int.MaxValue;

    private SyncWriterProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_errors)
                {
                    _errors.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Numbers the child reported after their commit returned, in order.</summary>
    public IReadOnlyList<long> Committed
    {
        get
        {
            lock (_committed)
            {
                return [.. _committed];
            }
        }
    }

    /// <summary>Complete stdout lines that were not numbers (nothing else should write there; kept for diagnostics).</summary>
    public IReadOnlyList<string> OtherLines
    {
        get
        {
            lock (_committed)
            {
                return [.. _otherLines];
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts the writer on <paramref name="baseFilePath"/> (its App's folder) against <paramref name="server"/>;
    /// every <paramref name="bulkEvery"/>-th transaction commits <paramref name="bulkSize"/> records at once.</summary>
    public static SyncWriterProcess Start(Uri server, string baseFilePath, string email, string password, int bulkEvery, int bulkSize)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Locate(), "sync", server.ToString(), baseFilePath, email, password,
            "--bulk-every", bulkEvery.ToString(CultureInfo.InvariantCulture),
            "--bulk-size", bulkSize.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        return new SyncWriterProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Waits until the child has reported <paramref name="count"/> numbers (fails if it exits first).</summary>
    public async Task WaitForCommitsAsync(int count, CancellationToken cancellationToken)
    {
        lock (_committed)
        {
            _target = count;
            if (_committed.Count >= count)
            {
                return;
            }
        }

        var finished = await Task.WhenAny(_reached.Task, _pump).WaitAsync(cancellationToken);
        if (finished != _reached.Task)
        {
            throw new InvalidOperationException($"The sync crash writer stopped after {Committed.Count} numbers, before {count}. Its stderr: {Errors}");
        }
    }

    /// <summary>SIGKILL on Linux (no handlers, no flushing, no goodbye to the server), then reads what it had written.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(cancellationToken);
        await _pump.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private async Task PumpAsync()
    {
        var stream = _process.StandardOutput.BaseStream;
        var buffer = new byte[65536];
        var pending = new StringBuilder();
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
            var text = pending.ToString();
            var lastNewline = text.LastIndexOf('\n');
            if (lastNewline < 0)
            {
                continue;
            }

            pending.Remove(0, lastNewline + 1);
            lock (_committed)
            {
                foreach (var line in text.AsSpan(0, lastNewline).ToString().Split('\n'))
                {
                    if (long.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                    {
                        _committed.Add(number);
                    }
                    else
                    {
                        _otherLines.Add(line);
                    }
                }

                if (_committed.Count >= _target)
                {
                    _reached.TrySetResult();
                }
            }
        }

        // A fragment without its newline was never fully reported: it does not count.
    }

    /// <summary>
    /// The writer's dll: the copy beside the tests (the project reference puts it there with its runtimeconfig),
    /// else the one in the writer project's own output folder for the same configuration.
    /// </summary>
    private static string Locate()
    {
        const string FileName = "SourceGenSync.CrashWriter.dll";
        var candidates = new List<string>
        {
            typeof(SyncedRecord).Assembly.Location,
            Path.Combine(AppContext.BaseDirectory, FileName),
        };

        // bin/<Configuration>/<tfm>/ of the test project → the same under Tests/SourceGenSync.CrashWriter.
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        if (tfm.Parent is { Parent.Parent.Parent: { } tests } configuration)
        {
            candidates.Add(Path.Combine(tests.FullName, "SourceGenSync.CrashWriter", "bin", configuration.Name, tfm.Name, FileName));
        }

        foreach (var candidate in candidates)
        {
            if (candidate.Length > 0 && File.Exists(candidate) && File.Exists(Path.ChangeExtension(candidate, ".runtimeconfig.json")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"The crash writer was not found (looked at: {string.Join(", ", candidates)}). Build Tests/SourceGenSync.CrashWriter.");
    }
}
