using System;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Internal.Transactions;

namespace SourceGenSync;

public sealed partial class Realm
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly AsyncLocal<Transaction?> _flowTransaction = new();
    private Transaction? _transaction;
    private ChangeRecorder? _recorder;
    private bool _inRead;
    private bool _migrationMode;

    // Checkpoints after large commits, off the commit path (made by the first one).
    private WalCheckpointer? _checkpointer;

    /// <summary>True while a write transaction is open on this realm.</summary>
    public bool IsInTransaction => _transaction is not null;

    internal ChangeRecorder Recorder => _recorder ?? throw new RealmInvalidTransactionException("No write transaction is open.");

    /// <summary>Begins a write transaction, waiting for any other writer on this file to finish.</summary>
    public Transaction BeginWrite()
    {
        ThrowIfCannotWrite();
        _writeLock.Wait();
        return StartTransaction();
    }

    /// <summary>Runs <paramref name="action"/> in a write transaction and commits; if it throws, nothing it did is kept.</summary>
    public void Write(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var transaction = BeginWrite();
        action();
        transaction.Commit();
    }

    /// <summary>Runs <paramref name="function"/> in a write transaction, commits, and returns its result.</summary>
    public T Write<T>(Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        using var transaction = BeginWrite();
        var result = function();
        transaction.Commit();
        return result;
    }

    /// <summary>Like <see cref="Write(Action)"/>, but waits for other writers without blocking the caller.</summary>
    public async Task WriteAsync(Action action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        await WriteAsync<object?>(() =>
        {
            action();
            return null;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Like <see cref="Write{T}(Func{T})"/>, but waits for other writers without blocking the caller.</summary>
    public async Task<T> WriteAsync<T>(Func<T> function, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        ThrowIfCannotWrite();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = StartTransaction();
        var result = function();
        transaction.Commit();
        return result;
    }

    /// <summary>
    /// Moves this realm to the latest version of its file (commits by other instances), refreshing live objects and
    /// notifying queries. Returns false when there was nothing new. Happens automatically after other instances in
    /// this process commit; call it to pick up commits from other processes.
    /// </summary>
    public bool Refresh()
    {
        ThrowIfClosed();
        if (IsFrozen || _transaction is not null)
        {
            return false;
        }

        ChangeSummary summary;
        lock (Gate)
        {
            if (IsClosed || _transaction is not null)
            {
                return false;
            }

            EndRead();
            BeginRead();
            summary = CatchUp();
        }

        if (summary.IsEmpty)
        {
            return false;
        }

        DeliverNotifications(summary, null);
        return true;
    }

    internal void EnsureInWriteTransaction(ManagedAccessor accessor)
    {
        if (_transaction is null)
        {
            throw IsFrozen
                ? new RealmReadOnlyException($"This {accessor.Table.ClassName} object belongs to a frozen realm, which never changes. Write through the live realm it was frozen from.")
                : new RealmInvalidTransactionException($"Cannot modify a managed {accessor.Table.ClassName} object outside a write transaction. Wrap the change in realm.Write(() => ...) or realm.BeginWrite().");
        }
    }

    internal void EnsureInWriteTransaction()
    {
        ThrowIfClosed();
        if (_transaction is null)
        {
            throw new RealmInvalidTransactionException("This change needs a write transaction. Wrap it in realm.Write(() => ...) or realm.BeginWrite().");
        }
    }

    /// <summary>Starts the read transaction that pins this realm's snapshot (call under <see cref="Gate"/>).</summary>
    internal void BeginRead()
    {
        if (!_inRead && _transaction is null)
        {
            RealmFile.Execute(_connection, "BEGIN");
            _inRead = true;
        }
    }

    private void EndRead()
    {
        if (_inRead)
        {
            RealmFile.Execute(_connection, "COMMIT");
            _inRead = false;
        }
    }

    private void ThrowIfCannotWrite()
    {
        ThrowIfClosed();
        if (IsFrozen)
        {
            throw new RealmReadOnlyException("A frozen realm cannot be written. Write through the live realm it was frozen from.");
        }

        if (Config.IsReadOnly)
        {
            throw new RealmReadOnlyException($"The realm '{Config.DatabasePath}' was opened read-only. Open it without IsReadOnly to write.");
        }

        if (_flowTransaction.Value is { State: TransactionState.Running })
        {
            throw new RealmInvalidTransactionException("A write transaction is already open in this flow: write transactions cannot be nested. Do all the changes in the outer transaction.");
        }
    }

    private Transaction StartTransaction()
    {
        ChangeSummary summary;
        var transaction = new Transaction(this);
        try
        {
            lock (Gate)
            {
                ThrowIfClosed();
                EndRead();
                RealmFile.Execute(_connection, "BEGIN IMMEDIATE");
                try
                {
                    // Writes start from the latest version: catch up with commits made by other instances first.
                    summary = CatchUp();
                }
                catch
                {
                    RealmFile.Execute(_connection, "ROLLBACK");
                    throw;
                }

                _recorder = new ChangeRecorder();
                _transaction = transaction;
            }
        }
        catch
        {
            _writeLock.Release();
            throw;
        }

        _flowTransaction.Value = transaction;
        if (!summary.IsEmpty)
        {
            DeliverNotifications(summary, null);
        }

        return transaction;
    }

    internal void CommitTransaction(Transaction transaction)
    {
        ThrowIfClosed();
        var recorder = _recorder!;
        lock (Gate)
        {
            if (recorder.InstructionCount > 0)
            {
                AppendChangeset(recorder);
            }

            if (recorder.RecordedBytes >= WalCheckpointer.LargeCommitBytes && !_migrationMode)
            {
                (_checkpointer ??= new WalCheckpointer(Config.DatabasePath)).CommitLarge(_connection, () => RealmFile.Execute(_connection, "COMMIT"));
            }
            else
            {
                RealmFile.Execute(_connection, "COMMIT");
            }

            NoteWrite();
            transaction.State = TransactionState.Committed;
            EndTransaction();
        }

        DeliverNotifications(recorder.Summary, recorder);
        _coordinator?.Committed(this);
    }

    internal void RollbackTransaction(Transaction transaction)
    {
        var recorder = _recorder!;
        lock (Gate)
        {
            RealmFile.Execute(_connection, "ROLLBACK");
            NoteWrite();
            transaction.State = TransactionState.RolledBack;
            EndTransaction();
            BeginRead();
            RevertObjects(recorder);
        }
    }

    private void EndTransaction()
    {
        _transaction = null;
        _recorder = null;
        if (_flowTransaction.Value is { State: not TransactionState.Running })
        {
            _flowTransaction.Value = null;
        }

        _writeLock.Release();
    }

    /// <summary>After a rollback: objects created in it are invalid, removed ones live again, touched ones re-read.</summary>
    private void RevertObjects(ChangeRecorder recorder)
    {
        // Created objects are found through the keys the transaction inserted: the recorder keeps no reference to
        // them (a bulk insert's objects the app dropped are collected before the commit). One that is gone needs nothing.
        foreach (var (tableId, changes) in recorder.Summary.Tables)
        {
            var state = _classes[tableId];
            foreach (var key in changes.Inserted)
            {
                if (state.TryGetByKey(key, out var obj) && obj.Accessor is ManagedAccessor accessor)
                {
                    state.Unregister(accessor);
                    accessor.Invalidate(AccessorState.Removed);
                }
            }
        }

        foreach (var accessor in recorder.Removed)
        {
            accessor.MarkLoaded();
            accessor.ClassState.Register(accessor, accessor.Object);
        }

        foreach (var accessor in recorder.Touched)
        {
            if (accessor.State == AccessorState.Loaded)
            {
                Reload(accessor, raiseChanged: false);
            }
        }
    }

    private void AbandonTransactionOnClose()
    {
        if (_transaction is { } transaction)
        {
            if (!_migrationMode)
            {
                RealmFile.Execute(_connection, "ROLLBACK");
                _writeLock.Release();
            }

            transaction.State = TransactionState.RolledBack;
            _transaction = null;
            _recorder = null;
        }

        EndReadQuietly();

        // Nothing may touch the file once the realm is closed (tests and users delete or copy it next).
        _checkpointer?.Close();
    }

    private void EndReadQuietly()
    {
        if (_inRead)
        {
            try
            {
                EndRead();
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // Closing anyway: the connection's disposal ends the read transaction too.
                _inRead = false;
            }
        }
    }

    /// <summary>A realm over the connection of a realm being opened, inside its schema transaction (for migration callbacks).</summary>
    private static Realm CreateMigrationRealm(RealmConfiguration config, Microsoft.Data.Sqlite.SqliteConnection connection, StorageLayout layout)
    {
        var realm = new Realm(config, connection, layout, frozen: false) { _migrationMode = true };
        realm._transaction = new Transaction(realm);
        realm._recorder = new ChangeRecorder();
        return realm;
    }

    /// <summary>Ends a migration realm without touching the connection it borrowed.</summary>
    private void DetachFromConnection()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        foreach (var state in _classes)
        {
            foreach (var obj in state.LiveObjects())
            {
                if (obj.Accessor is ManagedAccessor accessor)
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

        DisposeStatements();
        _transaction = null;
        _recorder = null;
    }
}
