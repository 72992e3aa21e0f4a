using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync;

public sealed partial class Realm
{
    /// <summary>Loaded objects of a class re-read their rows (after a migration step rewrote them in SQL).</summary>
    internal void ReloadLiveObjects(TableMap table)
    {
        ThrowIfClosed();
        lock (Gate)
        {
            foreach (var obj in _classes[table.Id].LiveObjects())
            {
                if (obj.Accessor is ManagedAccessor { State: AccessorState.Loaded } accessor)
                {
                    Reload(accessor, raiseChanged: false);
                }
            }
        }
    }

    /// <summary>
    /// Marks the migration realm's transaction as this flow's, so Write and BeginWrite in a migration callback fail
    /// with the nested-transaction message instead of reaching SQLite (the migration already is a write transaction).
    /// </summary>
    internal void EnterMigrationFlow() => _flowTransaction.Value = _transaction;
}
