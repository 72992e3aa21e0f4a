using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SourceGenSync.Internal.Collections;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Schema;

namespace SourceGenSync;

/// <summary>
/// An open realm: a local object database in one SQLite file. Objects read from it are live (refreshed in place
/// after every commit, with PropertyChanged), queries are lazy and live, and every change happens in a write
/// transaction that commits whole, together with its changeset, or not at all.
/// </summary>
/// <remarks>
/// A realm is not bound to a thread: reads are safe from any thread (they are serialized on the realm's
/// connection) and write transactions are serialized — a second writer waits for the first. Inside one flow of
/// control, beginning a write while one is open is a mistake and throws.
/// </remarks>
public sealed partial class Realm : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawStatement> _statements = new(StringComparer.Ordinal);
    private readonly ClassState[] _classes;
    private readonly SynchronizationContext? _context;
    private readonly List<Realm> _frozen = [];
    private RealmCoordinator? _coordinator;
    private int _closed;

    private Realm(RealmConfiguration config, SqliteConnection connection, StorageLayout layout, bool frozen)
    {
        Config = config;
        _connection = connection;
        Layout = layout;
        IsFrozen = frozen;
        _classes = new ClassState[layout.Tables.Count];
        foreach (var table in layout.Tables)
        {
            _classes[table.Id] = new ClassState(table);
        }

        Reader = new SqliteRowReader(this);
        Collections = new ManagedCollections(this);
        _context = SynchronizationContext.Current;
    }

    /// <summary>The configuration this realm was opened with.</summary>
    public RealmConfiguration Config { get; }

    /// <summary>The classes this realm stores.</summary>
    public IReadOnlyList<ObjectSchema> Schema => Config.Schema;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>True for a snapshot made by <see cref="Freeze"/>: it never changes and cannot be written.</summary>
    public bool IsFrozen { get; }

    /// <summary>
    /// Raised after this realm moved to a newer version: after its own commits and after refreshing to commits
    /// made by other instances on the same file. Raised on the realm's synchronization context when it has one.
    /// </summary>
    public event EventHandler? RealmChanged;

    internal StorageLayout Layout { get; }

    /// <summary>Serializes every use of the connection; held only for the duration of one operation, never across user code.</summary>
    internal Lock Gate { get; } = new();

    internal SqliteRowReader Reader { get; }

    internal ManagedCollections Collections { get; }

    internal SqliteConnection Connection => _connection;

    /// <summary>
    /// Bumped by every change this realm sees (its own writes, commits, rollbacks, refreshes): query results cache
    /// their materialized objects per generation.
    /// </summary>
    internal long Generation { get; private set; }

    /// <summary>Called by every write path (collections included) so cached query results are not reused.</summary>
    internal void NoteWrite() => Generation++;

    /// <summary>The change log version this realm's snapshot reflects.</summary>
    internal long Version { get; private set; }

    /// <summary>Opens (creating if needed) the realm described by <paramref name="config"/>; default configuration when null.</summary>
    public static Realm Open(RealmConfiguration? config = null)
    {
        config ??= new RealmConfiguration();
        return config is Sync.SyncConfiguration sync ? OpenSynced(sync) : OpenLocal(config);
    }

    /// <summary>Opens the local file (a synced realm's session is attached by OpenSynced in Realm.Sync.cs).</summary>
    private static Realm OpenLocal(RealmConfiguration config)
    {
        var layout = BuildLayout(config);
        try
        {
            return OpenCore(config, layout);
        }
        catch (SchemaManager.DeleteRequiredException)
        {
            DeleteRealm(config);
            return OpenCore(config, layout);
        }
    }

    /// <summary>Opens the realm without blocking the caller: the file work (and any migration) runs on the thread pool.</summary>
    public static Task<Realm> OpenAsync(RealmConfiguration? config = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (config is Sync.SyncConfiguration sync)
        {
            return OpenSyncedAsync(sync, cancellationToken);
        }

        return Task.Run(() => Open(config), cancellationToken);
    }

    /// <summary>Deletes a realm's files. Every realm instance on the file must be disposed first.</summary>
    public static void DeleteRealm(RealmConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (RealmCoordinator.HasOpenInstances(config.DatabasePath))
        {
            throw new RealmException($"The realm '{config.DatabasePath}' is still open. Dispose every Realm instance on it before deleting it.");
        }

        foreach (var file in RealmFile.FilesOf(config.DatabasePath))
        {
            File.Delete(file);
        }
    }

    private static StorageLayout BuildLayout(RealmConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        try
        {
            return new StorageLayout(config.Schema);
        }
        catch (KeyNotFoundException e)
        {
            throw new RealmException($"The configured schema is incomplete: {e.Message} Add the linked class to RealmConfiguration.Schema.", e);
        }
    }

    private static Realm OpenCore(RealmConfiguration config, StorageLayout layout)
    {
        var connection = RealmFile.Open(config.DatabasePath, config.IsReadOnly);
        Realm? realm = null;
        try
        {
            Realm? migrationRealm = null;
            try
            {
                SchemaManager.Prepare(connection, layout, config, () => migrationRealm = CreateMigrationRealm(config, connection, layout));
            }
            finally
            {
                migrationRealm?.DetachFromConnection();
            }

            realm = new Realm(config, connection, layout, frozen: false);
            realm.Version = realm.ReadLatestVersion();
            realm._coordinator = RealmCoordinator.Register(realm);
            return realm;
        }
        catch
        {
            if (realm is null)
            {
                connection.Dispose();
            }
            else
            {
                realm.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// An immutable snapshot of the realm: its objects and queries never change, it can be read from any thread, and
    /// writing to it throws. The realm first refreshes to the latest committed version (SQLite cannot open a
    /// second connection at an older one), so after the call this realm and the snapshot show the same data; inside a
    /// write transaction the snapshot has the last committed state. It closes with this realm.
    /// </summary>
    public Realm Freeze()
    {
        ThrowIfClosed();
        if (IsFrozen)
        {
            return this;
        }

        Refresh();

        // One frozen realm per version: freezing many objects of one state shares a connection. They close with this realm.
        lock (_frozen)
        {
            if (_frozen.Find(f => !f.IsClosed && f.Version == Version && _transaction is null) is { } existing)
            {
                return existing;
            }
        }

        var connection = RealmFile.Open(Config.DatabasePath, readOnly: true);
        var frozen = new Realm(Config, connection, Layout, frozen: true);
        lock (frozen.Gate)
        {
            // Pin the snapshot at this realm's version: a frozen realm's read transaction never ends.
            frozen.BeginRead();
            frozen.Version = frozen.ReadLatestVersion();
        }

        frozen._coordinator = RealmCoordinator.Register(frozen);
        lock (_frozen)
        {
            _frozen.Add(frozen);
        }

        return frozen;
    }

    /// <summary>Closes the realm: its objects become invalid, its queries stop notifying, and an open write transaction rolls back.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _coordinator?.Unregister(this);
        ReleaseSyncSession();
        lock (_frozen)
        {
            foreach (var frozen in _frozen)
            {
                frozen.Dispose();
            }

            _frozen.Clear();
        }

        lock (Gate)
        {
            // Cached query results belong to the open realm: the next use must throw, not return them.
            NoteWrite();
            AbandonTransactionOnClose();
            foreach (var state in _classes)
            {
                foreach (var obj in state.LiveObjects())
                {
                    if (obj.Accessor is ManagedAccessor accessor && accessor.State is AccessorState.Loaded or AccessorState.Hollow)
                    {
                        accessor.Invalidate(AccessorState.Closed);
                    }
                }

                state.DisposeCommands();
            }

            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
            DisposeStatements();
            DetachLiveCollections();
            _connection.Dispose();
        }
    }

    // Before the connection closes: SQLite keeps a connection with unfinalized statements open as a zombie.
    private void DisposeStatements()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }

    internal void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw new ObjectDisposedException(nameof(Realm), $"The realm '{Config.DatabasePath}' was disposed. Open a new instance with Realm.Open(config).");
        }
    }

    internal ClassState ClassStateOf(TableMap table) => _classes[table.Id];

    internal ClassState ClassStateOf<T>()
        where T : IRealmObjectBase
    {
        if (!Layout.TryGetTable(typeof(T), out var table))
        {
            throw new ArgumentException($"The class '{typeof(T).Name}' is not part of this realm's schema. Add it to RealmConfiguration.Schema (or leave Schema unset to use every generated class).");
        }

        return _classes[table.Id];
    }

    /// <summary>Runs <paramref name="action"/> on the realm's synchronization context if it has one, else on the thread pool.</summary>
    internal void Post(Action action)
    {
        if (_context is not null)
        {
            _context.Post(static state => ((Action)state!)(), action);
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(static a => a(), action, preferLocal: false);
        }
    }

    internal void RaiseRealmChanged() => RealmChanged?.Invoke(this, EventArgs.Empty);

    public override string ToString() => $"Realm {Config.DatabasePath}{(IsFrozen ? " (frozen)" : "")}{(IsClosed ? " (closed)" : "")}";
}
