using System;
using System.Collections.Generic;
using System.IO;

namespace SourceGenSync;

/// <summary>
/// The realm instances open on one file in this process. A commit in one makes the others refresh (on their own
/// synchronization context, or the thread pool), so their live objects and queries see it without polling. Sync
/// uses it both ways: <see cref="NotifyExternalCommit"/> after integrating a download through its own connection,
/// and <see cref="ObserveLocalCommits"/> to hear that there is something new to upload.
/// </summary>
internal sealed class RealmCoordinator
{
    private static readonly Dictionary<string, RealmCoordinator> s_byPath = new(PathComparer);

    // Observers outlive the instances: a sync session keeps listening while no realm is open on its file.
    private static readonly Dictionary<string, List<Action>> s_localCommitObservers = new(PathComparer);
    private readonly List<Realm> _instances = [];

    // Each instance's version at its last commit: a commit that moved it appended a changeset (or caught up with
    // someone else's; observers then find nothing new, which is harmless, while a missed commit would stall uploads).
    private readonly Dictionary<Realm, long> _versions = new(ReferenceEqualityComparer.Instance);

    private static StringComparer PathComparer => OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private RealmCoordinator(string path) => Path = path;

    public string Path { get; }

    public static RealmCoordinator Register(Realm realm)
    {
        var path = System.IO.Path.GetFullPath(realm.Config.DatabasePath);
        lock (s_byPath)
        {
            if (!s_byPath.TryGetValue(path, out var coordinator))
            {
                coordinator = new RealmCoordinator(path);
                s_byPath[path] = coordinator;
            }

            coordinator._instances.Add(realm);
            coordinator._versions[realm] = realm.Version;
            return coordinator;
        }
    }

    public static bool HasOpenInstances(string path)
    {
        lock (s_byPath)
        {
            return s_byPath.TryGetValue(System.IO.Path.GetFullPath(path), out var coordinator) && coordinator._instances.Count > 0;
        }
    }

    public void Unregister(Realm realm)
    {
        lock (s_byPath)
        {
            _instances.Remove(realm);
            _versions.Remove(realm);
            if (_instances.Count == 0)
            {
                s_byPath.Remove(Path);
            }
        }
    }

    /// <summary>
    /// Tells every other live (not frozen) instance on the file to refresh, and, when the commit appended a
    /// changeset, the file's local-commit observers.
    /// </summary>
    public void Committed(Realm source)
    {
        bool moved;
        lock (s_byPath)
        {
            moved = !_versions.TryGetValue(source, out var before) || before != source.Version;
            _versions[source] = source.Version;
        }

        RefreshInstances(source);
        if (moved && !source.IsFrozen)
        {
            NotifyLocalCommit(Path);
        }
    }

    /// <summary>
    /// A commit made on the file outside any realm instance (a sync download integrated through its own connection):
    /// every open, live instance on <paramref name="path"/> refreshes, as after another instance's commit.
    /// </summary>
    public static void NotifyExternalCommit(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        RealmCoordinator? coordinator;
        lock (s_byPath)
        {
            s_byPath.TryGetValue(System.IO.Path.GetFullPath(path), out coordinator);
        }

        coordinator?.RefreshInstances(source: null);
    }

    /// <summary>
    /// Calls <paramref name="callback"/> after every local commit on <paramref name="path"/> that appended a changeset
    /// (by any realm instance in this process, or a client reset's recovery), on the committing thread right after
    /// the commit: keep it short (signal a worker) and do not throw. Dispose the result to stop.
    /// </summary>
    public static IDisposable ObserveLocalCommits(string path, Action callback)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(callback);
        var full = System.IO.Path.GetFullPath(path);
        lock (s_localCommitObservers)
        {
            if (!s_localCommitObservers.TryGetValue(full, out var list))
            {
                list = [];
                s_localCommitObservers[full] = list;
            }

            list.Add(callback);
        }

        return new LocalCommitSubscription(full, callback);
    }

    /// <summary>Runs the local-commit observers of <paramref name="path"/> (after a commit that appended a local changeset).</summary>
    public static void NotifyLocalCommit(string path)
    {
        Action[] observers;
        lock (s_localCommitObservers)
        {
            if (!s_localCommitObservers.TryGetValue(System.IO.Path.GetFullPath(path), out var list))
            {
                return;
            }

            observers = list.ToArray();
        }

        foreach (var observer in observers)
        {
            observer();
        }
    }

    private void RefreshInstances(Realm? source)
    {
        Realm[] others;
        lock (s_byPath)
        {
            others = _instances.ToArray();
        }

        foreach (var realm in others)
        {
            if (!ReferenceEquals(realm, source) && !realm.IsFrozen && !realm.IsClosed)
            {
                realm.Post(() =>
                {
                    try
                    {
                        if (!realm.IsClosed)
                        {
                            realm.Refresh();
                        }
                    }
                    catch (ObjectDisposedException)
                    {
                        // Closed between the check and the refresh: nothing to update.
                    }
                    catch (Exception e) when (e is IOException or RealmException or Microsoft.Data.Sqlite.SqliteException)
                    {
                        // A background refresh must not take the app down; the next explicit use of the realm
                        // (which refreshes again) reports the problem to the caller.
                    }
                });
            }
        }
    }

    private sealed class LocalCommitSubscription(string path, Action callback) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (System.Threading.Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            lock (s_localCommitObservers)
            {
                if (s_localCommitObservers.TryGetValue(path, out var list))
                {
                    list.Remove(callback);
                    if (list.Count == 0)
                    {
                        s_localCommitObservers.Remove(path);
                    }
                }
            }
        }
    }
}
