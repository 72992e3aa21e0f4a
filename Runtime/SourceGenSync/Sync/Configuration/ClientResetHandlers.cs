namespace SourceGenSync.Sync;

/// <summary>Called before an automatic client reset with a frozen copy of the realm as it was (unsynced changes included).</summary>
public delegate void BeforeResetCallback(Realm beforeFrozen);

/// <summary>Called after an automatic client reset: the frozen state before, and the realm as it is now.</summary>
public delegate void AfterResetCallback(Realm beforeFrozen, Realm after);

/// <summary>Called when a client reset is left to the app (manual mode, or an automatic reset that failed).</summary>
public delegate void ClientResetCallback(ClientResetException clientResetException);

/// <summary>
/// What a session does when the server requires a client reset (docs/protocol.md §7–8): the file starts over from
/// the server's state. Before it does, a backup of the old file is written next to it.
/// </summary>
public abstract class ClientResetHandlerBase
{
    private protected ClientResetHandlerBase()
    {
    }

    /// <summary>Whether unsynced local changes are re-applied on top of the server's state.</summary>
    internal abstract ClientResetMode Mode { get; }

    /// <summary>Called when the automatic reset fails (or a callback throws): the reset is then left to the app.</summary>
    public ClientResetCallback? ManualResetFallback { get; init; }
}

internal enum ClientResetMode
{
    Manual,
    Discard,
    Recover,
    RecoverOrDiscard,
}

/// <summary>Client reset that drops unsynced local changes: the file becomes a copy of the server's state.</summary>
public sealed class DiscardUnsyncedChangesHandler : ClientResetHandlerBase
{
    internal override ClientResetMode Mode => ClientResetMode.Discard;

    /// <summary>Before the reset, with the old state frozen.</summary>
    public BeforeResetCallback? OnBeforeReset { get; init; }

    /// <summary>After the reset.</summary>
    public AfterResetCallback? OnAfterReset { get; init; }
}

/// <summary>Client reset that re-applies unsynced local changes on top of the server's state (what no longer fits is dropped).</summary>
public sealed class RecoverUnsyncedChangesHandler : ClientResetHandlerBase
{
    internal override ClientResetMode Mode => ClientResetMode.Recover;

    /// <summary>Before the reset, with the old state frozen.</summary>
    public BeforeResetCallback? OnBeforeReset { get; init; }

    /// <summary>After the reset and the recovery.</summary>
    public AfterResetCallback? OnAfterReset { get; init; }
}

/// <summary>The default: recover unsynced changes; if recovery fails, discard them.</summary>
public sealed class RecoverOrDiscardUnsyncedChangesHandler : ClientResetHandlerBase
{
    internal override ClientResetMode Mode => ClientResetMode.RecoverOrDiscard;

    /// <summary>Before the reset, with the old state frozen.</summary>
    public BeforeResetCallback? OnBeforeReset { get; init; }

    /// <summary>After a reset whose unsynced changes were recovered.</summary>
    public AfterResetCallback? OnAfterRecovery { get; init; }

    /// <summary>After a reset whose unsynced changes could not be recovered and were discarded.</summary>
    public AfterResetCallback? OnAfterDiscard { get; init; }
}

/// <summary>The app handles client resets itself: the session stops and the callback gets a <see cref="ClientResetException"/>.</summary>
public sealed class ManualRecoveryHandler : ClientResetHandlerBase
{
    public ManualRecoveryHandler(ClientResetCallback onClientReset)
    {
        System.ArgumentNullException.ThrowIfNull(onClientReset);
        OnClientReset = onClientReset;
    }

    internal override ClientResetMode Mode => ClientResetMode.Manual;

    /// <summary>Called with the reset to perform (<see cref="ClientResetException.InitiateClientReset"/>).</summary>
    public ClientResetCallback OnClientReset { get; }
}
