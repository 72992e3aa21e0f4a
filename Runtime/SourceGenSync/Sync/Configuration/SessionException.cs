using System;

namespace SourceGenSync.Sync;

/// <summary>Why the server refused or ended a sync session (docs/protocol.md §8), or <see cref="Unknown"/> for a code this client does not know.</summary>
public enum SyncErrorCode
{
    Unknown = 0,
    ProtocolViolation = 1,
    UnsupportedProtocolVersion = 2,
    BadAuthentication = 3,
    TokenExpired = 4,
    PermissionDenied = 5,
    UnknownRealm = 6,
    BadClientFile = 7,
    BadChangeset = 8,
    BadTimestamp = 9,
    BadSchema = 10,
    ClientResetRequired = 11,
    Internal = 12,

    /// <summary>Some writes were not applied by the server (flexible sync): see <see cref="CompensatingWriteException"/>.</summary>
    CompensatingWrite = 13,

    /// <summary>The server has permission rules and serves flexible-sync sessions only.</summary>
    FlexibleSyncRequired = 14,

    /// <summary>Reported by this client: a flexible-sync realm is syncing without any subscription, so it receives nothing.</summary>
    NoSubscriptions = 1000,
}

/// <summary>What a session does about an error (docs/protocol.md §8).</summary>
public enum SyncErrorAction
{
    /// <summary>Reconnect with backoff.</summary>
    Transient = 0,

    /// <summary>The local file must start over from the server's state (see <see cref="ClientResetHandlerBase"/>).</summary>
    ClientReset = 1,

    /// <summary>Refresh the access token and reconnect.</summary>
    RefreshToken = 2,

    /// <summary>The user must log in again.</summary>
    LogOut = 3,

    /// <summary>A bug or misuse: the session stops (<see cref="SessionState.Invalid"/>).</summary>
    Fatal = 4,

    /// <summary>Information only: the session continues (for example a compensating write).</summary>
    Warning = 5,
}

/// <summary>Called for errors of a session (server errors, fatal local failures).</summary>
public delegate void SessionErrorCallback(Session session, SessionException error);

/// <summary>
/// An error of a sync session: a server error (<see cref="ServerCode"/>) or a local failure. Waits fail with it when
/// the session cannot continue (<see cref="IsFatal"/>), and with a non-fatal one when
/// <see cref="SyncConfiguration.CancelAsyncOperationsOnNonFatalErrors"/> is set.
/// </summary>
public class SessionException : Exception
{
    public SessionException(string message, SyncErrorCode? serverCode = null, SyncErrorAction action = SyncErrorAction.Fatal, bool isFatal = true, Exception? innerException = null)
        : base(message, innerException)
    {
        ServerCode = serverCode;
        Action = action;
        IsFatal = isFatal;
    }

    /// <summary>The server's error code, or null when the error happened on this side (e.g. the connection was lost).</summary>
    public SyncErrorCode? ServerCode { get; }

    /// <summary>What the session does about it.</summary>
    public SyncErrorAction Action { get; }

    /// <summary>True when the session stopped (<see cref="SessionState.Invalid"/> or a user logged out); false when it retries.</summary>
    public bool IsFatal { get; }
}
