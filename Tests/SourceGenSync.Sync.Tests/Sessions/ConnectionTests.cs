using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;
using static SourceGenSync.Sync.Tests.Sessions.SyncHelpers;

namespace SourceGenSync.Sync.Tests.Sessions;

public sealed class ConnectionTests
{
    /// <summary>A backoff so long that a reconnection within a test can only come from skipping it.</summary>
    private static readonly DeviceOptions TenMinuteBackoff = new() { MinimumBackoff = TimeSpan.FromMinutes(10), MaximumBackoff = TimeSpan.FromMinutes(10) };

    private sealed class StateLog : IObserver<ConnectionStateChangedEventArgs>
    {
        private readonly List<ConnectionStateChangedEventArgs> _changes = [];

        public ConnectionStateChangedEventArgs[] Changes
        {
            get
            {
                lock (_changes)
                {
                    return [.. _changes];
                }
            }
        }

        public void Add(ConnectionStateChangedEventArgs e)
        {
            lock (_changes)
            {
                _changes.Add(e);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(ConnectionStateChangedEventArgs value) => Add(value);
    }

    [Fact]
    public async Task Server_stopped_then_restarted_goes_Disconnected_then_Connected_and_syncs_what_was_written_meanwhile()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmA = a.Open();
        using var realmB = b.Open();
        await SyncAllAsync(realmA, realmB);
        var log = new StateLog();
        realmA.SyncSession.ConnectionStateChanged += (_, e) => log.Add(e);

        await server.StopAsync();
        await Eventually.WaitAsync(() => realmA.SyncSession.ConnectionState != ConnectionState.Connected, "A notices the server is gone");
        AddItem(realmA, "written while the server was down");
        await server.RestartAsync();

        await SyncAllAsync(realmA, realmB);
        Assert.Equal(["written while the server was down"], Names(realmB));
        await Eventually.WaitAsync(() => log.Changes.Any(c => c.NewState == ConnectionState.Connected), "the reconnection is reported");
        var changes = log.Changes;
        Assert.Equal(ConnectionState.Connected, changes[0].OldState);
        Assert.Equal(ConnectionState.Disconnected, changes[0].NewState);
        Assert.Contains(changes, c => c is { OldState: ConnectionState.Disconnected, NewState: ConnectionState.Connecting });
        Assert.Equal(ConnectionState.Connected, changes[^1].NewState);
        for (var i = 1; i < changes.Length; i++)
        {
            Assert.Equal(changes[i - 1].NewState, changes[i].OldState);
        }
    }

    [Fact]
    public async Task Connection_state_is_observable_as_events_IObservable_and_PropertyChanged()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        using var realm = a.Open();
        var session = realm.SyncSession;
        await Eventually.WaitAsync(() => session.IsConnected, "the session connects");
        var observed = new StateLog();
        var properties = new List<string?>();
        using var subscription = session.GetConnectionStateObservable().Subscribe(observed);
        PropertyChangedEventHandler onProperty = (_, e) => { lock (properties) { properties.Add(e.PropertyName); } };
        session.PropertyChanged += onProperty;

        session.Pause();
        await Eventually.WaitAsync(() => observed.Changes.Any(c => c.NewState == ConnectionState.Disconnected), "the observable reports Disconnected");
        session.Resume();
        await Eventually.WaitAsync(() => observed.Changes.Any(c => c.NewState == ConnectionState.Connected), "the observable reports Connected");

        await Eventually.WaitAsync(() => { lock (properties) { return properties.Contains(nameof(Session.IsConnected)) && properties.Contains(nameof(Session.State)); } }, "PropertyChanged names State and IsConnected");
        lock (properties)
        {
            Assert.Contains(nameof(Session.ConnectionState), properties);
        }

        session.PropertyChanged -= onProperty;
    }

    [Fact]
    public async Task App_Sync_Reconnect_skips_the_backoff_wait()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server, TenMinuteBackoff);
        using var realm = a.Open();
        await BackOffAcrossAServerRestartAsync(server, realm);

        // The next attempt would be 10 minutes away; Reconnect makes it now.
        a.App.Sync.Reconnect();

        await Eventually.WaitAsync(() => realm.SyncSession.IsConnected, "the session reconnects at once");
    }

    [Fact]
    public async Task Resume_connects_without_waiting_for_the_backoff()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server, TenMinuteBackoff);
        using var realm = a.Open();
        await BackOffAcrossAServerRestartAsync(server, realm);

        realm.SyncSession.Pause();
        realm.SyncSession.Resume();

        await Eventually.WaitAsync(() => realm.SyncSession.IsConnected, "the resumed session connects at once");
    }

    [Fact]
    public async Task Session_reports_its_user_server_and_configuration()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        var config = a.Config();
        using var realm = Realm.Open(config);

        var session = realm.SyncSession;

        Assert.Same(a.User, session.User);
        Assert.Equal(server.Address, session.ServerUri);
        Assert.Same(config, session.Configuration);
        Assert.Equal(config.DatabasePath, session.Path);
    }

    [Fact]
    public async Task Connection_events_are_raised_on_the_synchronization_context_of_the_realm_that_opened_the_session()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        var context = new MarkingContext();
        Realm realm;
        var previous = System.Threading.SynchronizationContext.Current;
        System.Threading.SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            realm = a.Open();
        }
        finally
        {
            System.Threading.SynchronizationContext.SetSynchronizationContext(previous);
        }

        using (realm)
        {
            var raisedOn = new TaskCompletionSource<System.Threading.SynchronizationContext?>(TaskCreationOptions.RunContinuationsAsynchronously);
            realm.SyncSession.ConnectionStateChanged += (_, e) =>
            {
                if (e.NewState == ConnectionState.Disconnected)
                {
                    raisedOn.TrySetResult(System.Threading.SynchronizationContext.Current);
                }
            };
            await Eventually.WaitAsync(() => realm.SyncSession.IsConnected, "the session connects");

            realm.SyncSession.Pause();

            Assert.Same(context, await raisedOn.Task.WaitAsync(Deadline));
        }
    }

    [Fact]
    public async Task A_session_created_by_OpenAsync_raises_its_events_on_the_callers_synchronization_context()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        var context = new MarkingContext();
        Task<Realm> opening;
        var previous = System.Threading.SynchronizationContext.Current;
        System.Threading.SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            opening = Realm.OpenAsync(a.Config());
        }
        finally
        {
            System.Threading.SynchronizationContext.SetSynchronizationContext(previous);
        }

        using var realm = await opening;
        var raisedOn = new TaskCompletionSource<System.Threading.SynchronizationContext?>(TaskCreationOptions.RunContinuationsAsynchronously);
        realm.SyncSession.ConnectionStateChanged += (_, e) => raisedOn.TrySetResult(System.Threading.SynchronizationContext.Current);

        realm.SyncSession.Pause();

        Assert.Same(context, await raisedOn.Task.WaitAsync(Deadline));
    }

    [Fact]
    public async Task A_reconnect_after_the_access_token_expired_binds_with_a_refreshed_token()
    {
        await using var server = await SyncTestServer.StartAsync("--Server:AccessTokenLifetime=00:00:02", "--Server:TokenClockSkew=00:00:00");
        await using var a = await Device.CreateAsync(server);
        using var realm = a.Open();
        await SyncAllAsync(realm);
        var expiry = a.User.AccessTokenExpiresAt;
        await server.StopAsync();
        await Eventually.WaitAsync(() => DateTimeOffset.UtcNow > expiry.AddSeconds(1), "the first access token has expired");
        AddItem(realm, "uploaded with a new token");

        await server.RestartAsync();

        Assert.True(await realm.SyncSession.WaitForUploadAsync(Deadline));
        Assert.True(a.User.AccessTokenExpiresAt > expiry);
        Assert.Equal(SessionState.Active, realm.SyncSession.State);
    }

    /// <summary>Runs posted callbacks on the thread pool with itself as the current context.</summary>
    private sealed class MarkingContext : System.Threading.SynchronizationContext
    {
        public override void Post(System.Threading.SendOrPostCallback d, object? state) =>
            System.Threading.ThreadPool.QueueUserWorkItem(_ =>
            {
                SetSynchronizationContext(this);
                d(state);
            });
    }

    /// <summary>Lets <paramref name="realm"/>'s session connect, stops the server until the session is disconnected
    /// and backing off, then starts the server again (the session still waits out its backoff).</summary>
    private static async Task BackOffAcrossAServerRestartAsync(SyncTestServer server, Realm realm)
    {
        await Eventually.WaitAsync(() => realm.SyncSession.IsConnected, "the session connects");
        await server.StopAsync();
        await Eventually.WaitAsync(() => realm.SyncSession.ConnectionState == ConnectionState.Disconnected, "the session is disconnected and backing off");
        await server.RestartAsync();
    }
}
