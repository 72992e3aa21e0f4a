using System;
using System.Collections.Generic;
using System.Threading;

namespace SourceGenSync.Sync;

/// <summary>
/// Runs callbacks one at a time in the order they were queued: on a synchronization context when one was captured
/// (the realm's), else on the thread pool. Event handlers thus see state changes in order, and a throwing handler
/// cannot break the session.
/// </summary>
internal sealed class SerialDispatcher
{
    private readonly Queue<Action> _queue = new();
    private readonly SynchronizationContext? _context;
    private bool _draining;

    public SerialDispatcher(SynchronizationContext? context) => _context = context;

    public void Post(Action action)
    {
        lock (_queue)
        {
            _queue.Enqueue(action);
            if (_draining)
            {
                return;
            }

            _draining = true;
        }

        if (_context is not null)
        {
            _context.Post(static state => ((SerialDispatcher)state!).Drain(), this);
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(static d => d.Drain(), this, preferLocal: false);
        }
    }

    private void Drain()
    {
        while (true)
        {
            Action next;
            lock (_queue)
            {
                if (!_queue.TryDequeue(out next!))
                {
                    _draining = false;
                    return;
                }
            }

            try
            {
                next();
            }
            catch (Exception)
            {
                // A user's handler failed; the session and the other handlers carry on.
            }
        }
    }
}
