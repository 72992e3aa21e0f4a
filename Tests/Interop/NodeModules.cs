using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace SourceGenSync.Tests.Interop;

/// <summary>
/// Installs Tests/Interop/grpc-js/node_modules from its lock file (<c>npm ci</c>) the first time an interop test
/// needs it, so <c>dotnet test</c> on a fresh clone needs nothing but Node.js and npm. Two test projects run at
/// once, so the install holds a lock file; the second waits and then finds the modules in place.
/// </summary>
internal static class NodeModules
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly object Gate = new();

    public static void EnsureInstalled(string directory)
    {
        lock (Gate)
        {
            if (IsInstalled(directory))
            {
                return;
            }

            using var installLock = AcquireLock(Path.Combine(directory, ".npm-ci.lock"));
            if (!IsInstalled(directory))
            {
                RunNpmCi(directory);
            }
        }
    }

    private static bool IsInstalled(string directory) =>
        File.Exists(Path.Combine(directory, "node_modules", "@grpc", "grpc-js", "package.json")) &&
        File.Exists(Path.Combine(directory, "node_modules", "@grpc", "proto-loader", "package.json"));

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow + InstallTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another test process is installing; it releases the lock when done.
                Thread.Sleep(200);
            }
        }
    }

    private static void RunNpmCi(string directory)
    {
        var npm = NodeProcess.FindOnPath(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
            ?? throw new InvalidOperationException("npm was not found on PATH: install Node.js 20+ with npm, or run `npm ci` in Tests/Interop/grpc-js.");
        var info = new ProcessStartInfo(npm)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("npm did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(InstallTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`npm ci` in {directory} did not finish within {InstallTimeout.TotalMinutes} minutes.");
        }

        if (process.ExitCode != 0 || !IsInstalled(directory))
        {
            throw new InvalidOperationException(
                $"`npm ci` in {directory} failed (exit {process.ExitCode}): {error.Result}{output.Result}");
        }
    }
}
