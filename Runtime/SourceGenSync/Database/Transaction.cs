using System;

namespace SourceGenSync;

/// <summary>The state of a write transaction.</summary>
public enum TransactionState
{
    Running,
    Committed,
    RolledBack,
}

/// <summary>
/// A write transaction from <see cref="Realm.BeginWrite"/>. Commit makes its changes durable and visible (with
/// one changeset in the change log); Rollback or Dispose without Commit discards them.
/// </summary>
public sealed class Transaction : IDisposable
{
    private readonly Realm _realm;

    internal Transaction(Realm realm) => _realm = realm;

    public TransactionState State { get; internal set; }

    /// <summary>Makes the changes durable. Throws if the transaction already ended.</summary>
    public void Commit()
    {
        ThrowIfEnded("commit");
        _realm.CommitTransaction(this);
    }

    /// <summary>Discards the changes; managed objects return to their values before the transaction.</summary>
    public void Rollback()
    {
        ThrowIfEnded("roll back");
        _realm.RollbackTransaction(this);
    }

    /// <summary>Rolls back unless committed: a using block whose body throws loses nothing but its own changes.</summary>
    public void Dispose()
    {
        if (State == TransactionState.Running && !_realm.IsClosed)
        {
            _realm.RollbackTransaction(this);
        }
    }

    private void ThrowIfEnded(string action)
    {
        if (State != TransactionState.Running)
        {
            throw new RealmInvalidTransactionException($"Cannot {action} a transaction that was already {(State == TransactionState.Committed ? "committed" : "rolled back")}. Begin a new one with realm.BeginWrite().");
        }
    }
}
