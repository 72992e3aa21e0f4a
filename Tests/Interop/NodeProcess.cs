using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SourceGenSync.Tests.Interop;

/// <summary>Runs the @grpc/grpc-js scripts of Tests/Interop/grpc-js as child processes, installing their modules
/// first when missing (<see cref="NodeModules"/>). A missing node or a failed install fails the test with what to
/// do: interop is part of the suite, never skipped.</summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private NodeProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static string ScriptDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "Tests", "Interop", "grpc-js");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("Tests/Interop/grpc-js was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Starts server.js and waits for the "PORT n" line it prints once bound.</summary>
    public static async Task<NodeProcess> StartServerAsync()
    {
        var process = Start("server.js");
        try
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    var error = await process.StandardError.ReadToEndAsync(timeout.Token);
                    throw new InvalidOperationException("The grpc-js server exited before printing its port: " + error);
                }

                if (line.StartsWith("PORT ", StringComparison.Ordinal))
                {
                    return new NodeProcess(process, int.Parse(line.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Runs client.js for one scenario and returns the JSON line it printed.</summary>
    public static async Task<JsonElement> RunClientAsync(string target, string scenario)
    {
        using var process = Start("client.js", target, scenario);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var output = (await stdout).Trim();
            var line = output.Split('\n').LastOrDefault(l => l.StartsWith('{'));
            Assert.True(line is not null, $"grpc-js client printed no result (exit {process.ExitCode}). stdout: {output} stderr: {await stderr}");
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        finally
        {
            Kill(process);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill(_process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
    }

    private static Process Start(string script, params string[] arguments)
    {
        var node = FindNode();
        var directory = ScriptDirectory;
        try
        {
            NodeModules.EnsureInstalled(directory);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            Assert.Fail($"@grpc/grpc-js could not be installed: {e.Message} (.ci/run runs `npm ci` in Tests/Interop/grpc-js before the tests.)");
        }

        var info = new ProcessStartInfo(node)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true, // server.js exits when its stdin closes: no orphan if we die
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(directory, script));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("node did not start");
    }

    private static string FindNode()
    {
        if (FindOnPath(OperatingSystem.IsWindows() ? "node.exe" : "node") is { } node)
        {
            return node;
        }

        Assert.Fail("node was not found on PATH: install Node.js 20+ with npm (the tests install Tests/Interop/grpc-js's modules).");
        return "";
    }

    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
