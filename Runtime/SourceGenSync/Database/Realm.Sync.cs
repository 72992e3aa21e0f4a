using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Sync;

namespace SourceGenSync;

// Synced realms: opening through a SyncConfiguration attaches the file's sync session (one per file per App, shared
// by every instance); OpenAsync honours the configuration's open behaviours; Dispose releases the session.
public sealed partial class Realm
{
    private Session? _syncSession;

    /// <summary>The sync session of a synced realm (shared by every instance on the file).</summary>
    /// <exception cref="NotSupportedException">The realm is local (not opened with a <see cref="SyncConfiguration"/>).</exception>
    public Session SyncSession
    {
        get
        {
            if (Config is not SyncConfiguration sync)
            {
                throw new NotSupportedException($"The realm '{Config.DatabasePath}' is local: only a realm opened with a SyncConfiguration has a sync session.");
            }

            return Volatile.Read(ref _syncSession)
                ?? sync.User.App.Sessions.Find(sync.DatabasePath)
                ?? throw new InvalidOperationException($"The realm '{Config.DatabasePath}' has no running sync session (it was closed). Open it again with Realm.Open(config).");
        }
    }

    /// <summary>A realm opened without its session (client reset callbacks): it must not keep the session alive.</summary>
    internal static Realm OpenWithoutSession(RealmConfiguration config) => OpenLocal(config);

    private static Realm OpenSynced(SyncConfiguration config) => OpenSynced(config, SynchronizationContext.Current);

    /// <param name="config">The synced realm.</param>
    /// <param name="context">Where the session raises its events when it is created by this open (the caller's context).</param>
    private static Realm OpenSynced(SyncConfiguration config, SynchronizationContext? context)
    {
        SyncSchema.Validate(config.Schema);
        if (config.User.State != UserState.LoggedIn)
        {
            throw new InvalidOperationException($"The user '{config.User.Id}' is {config.User.State}: log in before opening its synced realms.");
        }

        var realm = OpenLocal(config);
        try
        {
            // Before the session starts, so its first Bind carries the initial subscriptions.
            (config as FlexibleSyncConfiguration)?.RunInitialSubscriptions(realm);
            realm._syncSession = config.User.App.Sessions.Acquire(config, context);
            return realm;
        }
        catch
        {
            realm.Dispose();
            throw;
        }
    }

    private void ReleaseSyncSession() => Interlocked.Exchange(ref _syncSession, null)?.Release();

    private static async Task<Realm> OpenSyncedAsync(SyncConfiguration config, CancellationToken cancellationToken)
    {
        var isNew = !File.Exists(config.DatabasePath);
        var behavior = isNew ? config.NewRealmFileBehavior : config.ExistingRealmFileBehavior;

        // A new flexible realm's initial subscriptions are awaited whatever the behaviour (with its timeout).
        var awaitSubscriptions = isNew && config is FlexibleSyncConfiguration { PopulateInitialSubscriptions: not null };
        if (awaitSubscriptions && behavior.Type == OpenBehaviorType.OpenImmediately)
        {
            behavior = new OpenRealmBehavior { Type = OpenBehaviorType.DownloadBeforeOpen, Timeout = behavior.Timeout, TimeoutBehavior = behavior.TimeoutBehavior };
        }

        // The file work runs on the thread pool; the session's events still go to the caller's context.
        var context = SynchronizationContext.Current;
        var realm = await Task.Run(() => OpenSynced(config, context), cancellationToken).ConfigureAwait(false);
        if (behavior.Type == OpenBehaviorType.OpenImmediately)
        {
            return realm;
        }

        var session = realm._syncSession!;
        var progress = config.OnProgress is { } onProgress
            ? session.RegisterProgressNotifier(onProgress, ProgressDirection.Download, ProgressMode.ForCurrentlyOutstandingWork)
            : null;

        // The download itself is not cancelled by the timeout or the token: it continues in the background.
        var download = config is FlexibleSyncConfiguration
            ? DownloadWithSubscriptionsAsync(realm, session)
            : session.WaitForDownloadAsync(CancellationToken.None);
        _ = download.ContinueWith(_ => progress?.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        using var timeout = behavior.Timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(behavior.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await download.WaitAsync(linked.Token).ConfigureAwait(false);

            // The download was integrated through the session's own connection: show it before returning.
            realm.Refresh();
            return realm;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            if (behavior.TimeoutBehavior == TimeoutBehavior.OpenLocalRealm)
            {
                return realm;
            }

            // Keep the session alive until the download is done, though the realm closes now.
            if (session.TryAcquire())
            {
                _ = download.ContinueWith(_ => session.Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            realm.Dispose();
            throw new TimeoutException($"The realm '{config.DatabasePath}' could not be downloaded within {behavior.Timeout.TotalSeconds:0.###} s; the download continues in the background. Use TimeoutBehavior.OpenLocalRealm to open what is local instead.");
        }
        catch
        {
            realm.Dispose();
            throw;
        }
    }

    // A flexible realm is downloaded when its latest subscription set is complete (its objects are in the file)
    // and everything else the server had when asked has arrived.
    // The open may give up (timeout) and dispose the realm while this continues in the background: that ends it
    // quietly instead of leaving an unobserved ObjectDisposedException.
    private static async Task<bool> DownloadWithSubscriptionsAsync(Realm realm, Session session)
    {
        try
        {
            var subscriptions = realm.Subscriptions;
            await subscriptions.WaitForSynchronizationAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDisposedException) when (realm.IsClosed)
        {
            return false;
        }

        return await session.WaitForDownloadAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
