using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.CrashWriter;

namespace SourceGenSync.Runtime.Tests.Durability;

/// <summary>
/// Runs Tests/SourceGenSync.CrashWriter as a child process (<c>dotnet SourceGenSync.CrashWriter.dll path</c>) and
/// collects the counters it reports as committed. Only complete lines count: the writer emits each line with one
/// write, so a kill leaves either the whole line in the pipe or none of it.
/// </summary>
internal sealed class CrashWriterProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<long> _committed = [];
    private readonly StringBuilder _errors = new();
    private readonly Task _pump;
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _target = int.MaxValue;

    private CrashWriterProcess(Process process)
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

    /// <summary>Counters the child reported after their commit returned, in order.</summary>
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

    public static CrashWriterProcess Start(string realmPath)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Locate());
        start.ArgumentList.Add(realmPath);
        start.ArgumentList.Add("--max");
        start.ArgumentList.Add("100000");
        return new CrashWriterProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Waits until the child has reported <paramref name="count"/> commits (fails if it exits first).</summary>
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
            throw new InvalidOperationException($"The crash writer stopped after {Committed.Count} commits, before {count}. Its stderr: {Errors}");
        }
    }

    /// <summary>SIGKILL on Linux (no handlers, no flushing), then reads what it had written before dying.</summary>
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
        var buffer = new byte[4096];
        var pending = new StringBuilder();
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
            int newline;
            while ((newline = IndexOf(pending, '\n')) >= 0)
            {
                var line = pending.ToString(0, newline);
                pending.Remove(0, newline + 1);
                var counter = long.Parse(line, NumberStyles.None, CultureInfo.InvariantCulture);
                lock (_committed)
                {
                    _committed.Add(counter);
                    if (_committed.Count >= _target)
                    {
                        _reached.TrySetResult();
                    }
                }
            }
        }

        // A fragment without its newline was never fully reported: it does not count.
    }

    private static int IndexOf(StringBuilder text, char c)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == c)
            {
                return i;
            }
        }

        return -1;
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
            typeof(CrashRecord).Assembly.Location,
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
