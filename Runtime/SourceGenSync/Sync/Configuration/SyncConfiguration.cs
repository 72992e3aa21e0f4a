using System;
using System.IO;

namespace SourceGenSync.Sync;

/// <summary>
/// A realm that syncs with a server realm as <see cref="User"/>. Open it with <c>Realm.OpenAsync(config)</c>
/// (honours <see cref="NewRealmFileBehavior"/> / <see cref="ExistingRealmFileBehavior"/>) or <c>Realm.Open(config)</c>
/// (opens the local file at once). Every top-level class of a synced schema needs a primary key.
/// </summary>
public class SyncConfiguration : RealmConfiguration
{
    /// <summary>Creates the configuration of a synced realm.</summary>
    /// <param name="user">The logged-in user the session authenticates as.</param>
    /// <param name="optionalPath">
    /// Unset: <c>default.realm</c> in the user's folder under <see cref="AppConfiguration.BaseFilePath"/>; relative:
    /// to <see cref="AppConfiguration.BaseFilePath"/>; absolute: used as is.
    /// </param>
    public SyncConfiguration(User user, string? optionalPath = null)
        : base(ResolveSyncPath(user, optionalPath), isResolved: true)
    {
        User = user;
    }

    /// <summary>The user the session authenticates as.</summary>
    public User User { get; }

    /// <summary>The server realm (data set) this file syncs with.</summary>
    public string ServerRealm { get; init; } = "default";

    /// <summary>How <c>Realm.OpenAsync</c> opens a file that does not exist yet: download everything first, no timeout.</summary>
    public OpenRealmBehavior NewRealmFileBehavior { get; init; } = new()
    {
        Type = OpenBehaviorType.DownloadBeforeOpen,
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        TimeoutBehavior = TimeoutBehavior.ThrowException,
    };

    /// <summary>How <c>Realm.OpenAsync</c> opens an existing file: download first for up to 10 s, then open what is local.</summary>
    public OpenRealmBehavior ExistingRealmFileBehavior { get; init; } = new()
    {
        Type = OpenBehaviorType.DownloadBeforeOpen,
        Timeout = TimeSpan.FromSeconds(10),
        TimeoutBehavior = TimeoutBehavior.OpenLocalRealm,
    };

    /// <summary>Progress of the download <c>Realm.OpenAsync</c> waits for.</summary>
    public Action<SyncProgress>? OnProgress { get; init; }

    /// <summary>
    /// When true, waits (<see cref="Session.WaitForUploadAsync(System.Threading.CancellationToken)"/> and friends, and
    /// <c>OpenAsync</c>'s download) fail with a non-fatal <see cref="SessionException"/> when the connection is lost
    /// or the server reports a transient error, instead of waiting for the reconnection. Fatal errors always fail them.
    /// </summary>
    public bool CancelAsyncOperationsOnNonFatalErrors { get; init; }

    /// <summary>Called for session errors (on the thread pool).</summary>
    public SessionErrorCallback? OnSessionError { get; init; }

    /// <summary>What happens when the server requires a client reset; recover unsynced changes, else discard them, by default.</summary>
    public ClientResetHandlerBase ClientResetHandler { get; init; } = new RecoverOrDiscardUnsyncedChangesHandler();

    private static string ResolveSyncPath(User user, string? optionalPath)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(optionalPath))
        {
            return Path.Combine(user.App.DefaultRealmFolder(user), DefaultFileName);
        }

        return ResolvePath(optionalPath, user.App.Configuration.BaseFilePath);
    }
}
