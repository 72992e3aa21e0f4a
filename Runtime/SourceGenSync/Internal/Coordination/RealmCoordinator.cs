using System;
using System.Collections.Generic;
using System.IO;

namespace SourceGenSync;

/// <summary>
/// The realm instances open on one file in this process. A commit in one makes the others refresh (on their own
/// synchronization context, or the thread pool), so their live objects and queries see it without polling.
/// </summary>
internal sealed class RealmCoordinator
{
    private static readonly Dictionary<string, RealmCoordinator> s_byPath = new(PathComparer);
    private readonly List<Realm> _instances = [];

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
            if (_instances.Count == 0)
            {
                s_byPath.Remove(Path);
            }
        }
    }

    /// <summary>Tells every other live (not frozen) instance on the file to refresh.</summary>
    public void Committed(Realm source)
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
}
