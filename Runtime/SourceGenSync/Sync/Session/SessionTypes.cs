using System;

namespace SourceGenSync.Sync;

/// <summary>The life of a sync session.</summary>
public enum SessionState
{
    /// <summary>Syncing (or trying to connect).</summary>
    Active,

    /// <summary>The last realm instance was closed: pending uploads are still being sent, for up to <see cref="AppConfiguration.SessionLingerTime"/>.</summary>
    Dying,

    /// <summary>Paused, stopped after closing, or its user logged out.</summary>
    Inactive,

    /// <summary>A fatal error stopped it; open the realm again after fixing the cause.</summary>
    Invalid,
}

/// <summary>The state of a session's connection to the server.</summary>
public enum ConnectionState
{
    Disconnected,
    Connecting,
    Connected,
}

/// <summary>Which transfers a progress notifier reports.</summary>
public enum ProgressDirection
{
    Upload,
    Download,
}

/// <summary>How long a progress notifier reports.</summary>
public enum ProgressMode
{
    /// <summary>Until unregistered; transferable grows with new work.</summary>
    ReportIndefinitely,

    /// <summary>Until the work known at registration is transferred (the last report has transferred == transferable).</summary>
    ForCurrentlyOutstandingWork,
}

/// <summary>A progress report: bytes transferred, bytes transferable (transferred plus what is still to come) and an estimate 0..1.</summary>
public readonly record struct SyncProgress(ulong TransferredBytes, ulong TransferableBytes, double ProgressEstimate)
{
    /// <summary>Everything known is transferred.</summary>
    public bool IsComplete => TransferredBytes >= TransferableBytes;
}

/// <summary>A change of <see cref="Session.ConnectionState"/>.</summary>
public sealed class ConnectionStateChangedEventArgs : EventArgs
{
    public ConnectionStateChangedEventArgs(ConnectionState oldState, ConnectionState newState)
    {
        OldState = oldState;
        NewState = newState;
    }

    public ConnectionState OldState { get; }

    public ConnectionState NewState { get; }

    public override string ToString() => $"{OldState} -> {NewState}";
}
