using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SourceGenSync.Sync;

/// <summary>
/// The sync sessions of one <see cref="App"/>: one <see cref="Session"/> per realm file, shared by every realm
/// instance on it, from the first open until it has died (closed, uploads finished or linger time over).
/// </summary>
internal sealed class SyncSessionRegistry
{
    // Shutting down waits this long for a session's loop to let go of its file (it stops at its next await).
    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, Session> _sessions = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
    private bool _disposed;

    public SyncSessionRegistry(App app) => App = app;

    public App App { get; }

    /// <summary>The session of <paramref name="config"/>'s file, created (and started) when there is none; counts one realm instance on it.</summary>
    public Session Acquire(SyncConfiguration config, SynchronizationContext? context)
    {
        var path = Path.GetFullPath(config.DatabasePath);
        lock (_sessions)
        {
            ObjectDisposedException.ThrowIf(_disposed, App);
            if (_sessions.TryGetValue(path, out var existing) && existing.TryAcquire())
            {
                return existing;
            }

            // Registered only once it started: a session whose file could not be opened must not be found later.
            var session = new Session(this, config, context);
            if (!session.TryAcquire())
            {
                throw new InvalidOperationException("A new session could not start.");
            }

            _sessions[path] = session;
            return session;
        }
    }

    /// <summary>The live session of a file, if any.</summary>
    public Session? Find(string path)
    {
        lock (_sessions)
        {
            return _sessions.GetValueOrDefault(Path.GetFullPath(path));
        }
    }

    /// <summary>Every live session (tests, diagnostics).</summary>
    public IReadOnlyList<Session> All
    {
        get
        {
            lock (_sessions)
            {
                return [.. _sessions.Values];
            }
        }
    }

    /// <summary>Removes a session whose last instance closed (and that is not lingering), shutting it down.</summary>
    public void Forget(Session session, bool onlyIfUnused)
    {
        lock (_sessions)
        {
            if (onlyIfUnused && !session.IsUnused)
            {
                return;
            }

            if (_sessions.TryGetValue(Path.GetFullPath(session.Path), out var current) && ReferenceEquals(current, session))
            {
                _sessions.Remove(Path.GetFullPath(session.Path));
            }

            _ = session.ShutDown(failWaitsWith: null);
        }
    }

    /// <summary>App.Sync.Reconnect(): every session tries to connect now, its backoff reset.</summary>
    public void Reconnect()
    {
        foreach (var session in All)
        {
            session.ReconnectNow();
        }
    }

    /// <summary>The user logged out or was removed: its sessions stop (Inactive) and release their files before this returns.</summary>
    public void UserLoggedOut(User user)
    {
        List<Task> stopped = [];
        lock (_sessions)
        {
            foreach (var (path, session) in _sessions.Where(s => s.Value.User.Equals(user)).ToList())
            {
                _sessions.Remove(path);
                session.StopForLogOut();
                stopped.Add(session.ShutDown(failWaitsWith: null));
            }
        }

        WaitQuietly(stopped);
    }

    /// <summary>App.Dispose(): every session stops at once (no linger), its waits fail, its file is released.</summary>
    public void Dispose()
    {
        List<Task> stopped = [];
        lock (_sessions)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var session in _sessions.Values)
            {
                stopped.Add(session.ShutDown(new SessionException($"The App was disposed: the session of '{session.Path}' stopped.", isFatal: true)));
            }

            _sessions.Clear();
        }

        WaitQuietly(stopped);
    }

    private static void WaitQuietly(List<Task> tasks)
    {
        try
        {
            Task.WaitAll([.. tasks], ShutdownWait);
        }
        catch (AggregateException)
        {
            // A loop that failed while stopping has stopped all the same.
        }
    }
}
