using System;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Internal.Sync.Subscriptions;

namespace SourceGenSync.Sync;

// Waiting for the server: the session marks sets Complete/Error in the file and signals; waits re-read the state.
public sealed partial class SubscriptionSet
{
    /// <summary>
    /// Waits until the server has processed the current <see cref="Version"/>: returns when it is Complete (the realm
    /// is refreshed first, so its queries show the synced objects) or Superseded by a newer Complete set; throws
    /// <see cref="SubscriptionException"/> with the server's message when it is Error. Offline it waits for the
    /// connection. Returns at once when the set is already Complete.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The realm is (or gets) disposed before the set is processed: the wait ends with it.</exception>
    /// <exception cref="InvalidOperationException">Called inside an Update callback (the set being waited for is not committed yet).</exception>
    public async Task WaitForSynchronizationAsync(CancellationToken cancellationToken = default)
    {
        if (s_draft.Value is not null)
        {
            throw new InvalidOperationException("WaitForSynchronizationAsync cannot run inside a Subscriptions.Update callback: await it after the Update.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var version = Current().Stored.Version;
        await WaitForVersionAsync(version, cancellationToken).ConfigureAwait(false);
    }

    internal async Task WaitForVersionAsync(long version, CancellationToken cancellationToken)
    {
        while (true)
        {
            ThrowIfDisposedWhileWaiting();

            // Take the next signal before reading, so a change between the read and the await is not missed.
            var changed = _signals.NextChange();
            var set = ReadFromFile(c => SubscriptionTables.ReadVersion(c, version));
            switch (set?.State ?? SubscriptionSetState.Pending)
            {
                case SubscriptionSetState.Complete:
                case SubscriptionSetState.Superseded:
                    RefreshQuietly();
                    return;
                case SubscriptionSetState.Error:
                    throw new SubscriptionException(set!.Error ?? $"The server refused subscription set version {version}.");
            }

            await Task.WhenAny(changed, _closed.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void ThrowIfDisposedWhileWaiting()
    {
        if (_closed.Task.IsCompleted || _realm.IsClosed)
        {
            throw new ObjectDisposedException(nameof(Realm), $"The realm '{_realm.Config.DatabasePath}' was disposed while waiting for its subscriptions to synchronize.");
        }
    }

    /// <summary>Shows what the session integrated before returning (objects a removed subscription dropped are gone).</summary>
    private void RefreshQuietly()
    {
        try
        {
            _realm.Refresh();
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile: nothing left to refresh.
        }
    }
}
