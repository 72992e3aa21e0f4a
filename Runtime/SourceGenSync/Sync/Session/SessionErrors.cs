using System;
using ProtoCode = SourceGenSync.Protocol.Sync.SyncErrorCode;
using ProtoAction = SourceGenSync.Protocol.Sync.SyncErrorAction;

namespace SourceGenSync.Sync;

/// <summary>A SyncError the server sent (the stream ends right after it).</summary>
internal sealed class ServerSyncErrorException : Exception
{
    public ServerSyncErrorException(Protocol.Sync.SyncError error)
        : base($"The server ended the session: {error.Code} ({error.Message})")
    {
        Code = Enum.IsDefined((SyncErrorCode)(int)error.Code) && error.Code != ProtoCode.Unspecified ? (SyncErrorCode)(int)error.Code : SyncErrorCode.Unknown;
        Action = Enum.IsDefined((SyncErrorAction)(int)error.Action) ? (SyncErrorAction)(int)error.Action : SyncErrorAction.Fatal;

        // docs/protocol.md §10: an unknown code is fatal with its action; an unknown action is FATAL.
        if (error.Action == ProtoAction.Transient && Code == SyncErrorCode.Unknown)
        {
            Action = SyncErrorAction.Fatal;
        }

        ServerMessage = error.Message;
    }

    public SyncErrorCode Code { get; }

    public SyncErrorAction Action { get; }

    public string ServerMessage { get; }

    public SessionException ToSessionException(bool isFatal) =>
        new($"The server reported {Code}: {ServerMessage}", Code, Action, isFatal, this);
}

/// <summary>The connection is dead (nothing from the server within the read timeout, or the stream ended without a status).</summary>
internal sealed class ConnectionLostException : Exception
{
    public ConnectionLostException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
