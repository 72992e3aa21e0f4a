using System.Collections.Concurrent;
using System.Collections.Generic;

namespace SourceGenSync.Server.Sync;

/// <summary>
/// The live session of each client file. A file that binds again (the client reconnected after its old stream
/// went quiet, or restarted) ends its previous session first, so an upload still sitting in the old stream can
/// never be read after the new Bound told the client its ack — which would make the client's next upload look
/// like a second one in flight (docs/protocol.md §4, "Reconnecting with an ack not yet seen").
/// </summary>
internal sealed class FileSessions
{
    private readonly ConcurrentDictionary<long, SyncSession> _live = new();

    /// <summary>Makes <paramref name="session"/> the file's live session; returns the one it replaces, if any.</summary>
    public SyncSession? Replace(long fileIdent, SyncSession session)
    {
        while (true)
        {
            if (_live.TryGetValue(fileIdent, out var previous))
            {
                if (_live.TryUpdate(fileIdent, session, previous))
                {
                    return ReferenceEquals(previous, session) ? null : previous;
                }
            }
            else if (_live.TryAdd(fileIdent, session))
            {
                return null;
            }
        }
    }

    /// <summary>Forgets <paramref name="session"/> when it is still the file's live session.</summary>
    public void Remove(long fileIdent, SyncSession session) =>
        _live.TryRemove(new KeyValuePair<long, SyncSession>(fileIdent, session));
}
