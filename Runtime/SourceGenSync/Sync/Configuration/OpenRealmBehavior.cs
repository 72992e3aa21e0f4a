using System;
using System.Threading;

namespace SourceGenSync.Sync;

/// <summary>What <c>Realm.OpenAsync</c> does before it returns a synced realm.</summary>
public enum OpenBehaviorType
{
    /// <summary>Download everything the server has for the realm first (bounded by <see cref="OpenRealmBehavior.Timeout"/>).</summary>
    DownloadBeforeOpen,

    /// <summary>Return the local file at once; the session syncs in the background.</summary>
    OpenImmediately,
}

/// <summary>What <c>Realm.OpenAsync</c> does when the download before opening takes longer than the timeout.</summary>
public enum TimeoutBehavior
{
    /// <summary>Return the local realm as it is; the download continues in the background.</summary>
    OpenLocalRealm,

    /// <summary>Throw a <see cref="TimeoutException"/>; the download continues in the background.</summary>
    ThrowException,
}

/// <summary>How a synced realm opens (one for new files, one for existing files; see <see cref="SyncConfiguration"/>).</summary>
public sealed class OpenRealmBehavior
{
    /// <summary>Download first (the default) or open immediately.</summary>
    public OpenBehaviorType Type { get; init; } = OpenBehaviorType.DownloadBeforeOpen;

    /// <summary>How long a download before opening may take; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</summary>
    public TimeSpan Timeout { get; init; } = System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>What happens when <see cref="Timeout"/> elapses.</summary>
    public TimeoutBehavior TimeoutBehavior { get; init; } = TimeoutBehavior.ThrowException;

    public override string ToString() => $"{Type} (timeout {(Timeout == System.Threading.Timeout.InfiniteTimeSpan ? "none" : Timeout.ToString())}, then {TimeoutBehavior})";
}
