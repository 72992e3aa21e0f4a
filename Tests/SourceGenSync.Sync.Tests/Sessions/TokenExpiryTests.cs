using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using SourceGenSync.Server.Auth;
using SourceGenSync.Sync.Tests.Infrastructure;
using static SourceGenSync.Sync.Tests.Sessions.SyncHelpers;

namespace SourceGenSync.Sync.Tests.Sessions;

/// <summary>
/// TOKEN_EXPIRED at Bind (docs/protocol.md §10, action REFRESH_TOKEN): the session refreshes the access token and
/// binds again once; when the fresh token is refused too, the error goes to OnSessionError and the session waits out
/// its reconnect backoff instead of retrying in a loop. Session streams and refresh calls are counted on the wire.
/// </summary>
public sealed class TokenExpiryTests
{
    [Fact]
    public async Task An_expired_token_the_client_believes_valid_is_refreshed_once_and_the_session_syncs()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var wire = new CallCounter();
        using var folder = new TestFolder();
        using var app = CreateApp(server, folder, wire, TimeSpan.FromMilliseconds(100));
        var user = await app.LogInAsync(Credentials.Anonymous());

        // A token the server signed but that expired an hour ago, held by a client that believes it valid for
        // another hour (as after the device slept, or its clock jumped): nothing refreshes it before Bind.
        var provider = new JsonWebToken(user.AccessToken).GetClaim("prv").Value;
        var (expired, _) = server.Service<TokenService>().Issue(user.Id, provider, DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromHours(1));
        user.SetLoggedIn(user.Provider, expired, user.RefreshToken!, DateTimeOffset.UtcNow.AddHours(1));

        await using var b = await Device.CreateAsync(server);
        using var realmB = b.Open();
        AddItem(realmB, "from B");
        await SyncAllAsync(realmB);
        var errors = new ConcurrentQueue<SessionException>();
        using var realm = Realm.Open(new SyncConfiguration(user) { ObjectClasses = Device.Classes, OnSessionError = (_, e) => errors.Enqueue(e) });
        AddItem(realm, "from A");

        await SyncAllAsync(realm, realmB);

        Assert.Equal(["from A", "from B"], Names(realm));
        Assert.Equal(["from A", "from B"], Names(realmB));
        Assert.Equal(ConnectionState.Connected, realm.SyncSession.ConnectionState);
        Assert.Equal(SessionState.Active, realm.SyncSession.State);
        Assert.NotEqual(expired, user.AccessToken);
        Assert.Equal(UserState.LoggedIn, user.State);
        Assert.Equal(2, wire.SessionCalls); // refused with TOKEN_EXPIRED, then bound with the refreshed token
        Assert.Equal(1, wire.RefreshCalls);
        Assert.Equal(0, realm.SyncSession.BackoffWaits); // reconnected at once, not after a backoff
        Assert.Empty(errors); // a refresh that worked is not an error the app hears about
    }

    [Fact]
    public async Task A_second_TOKEN_EXPIRED_in_a_row_is_reported_and_the_session_backs_off()
    {
        // Every token this server issues is already expired when it arrives (zero lifetime, no clock skew): the
        // refreshed token is refused as well.
        await using var server = await SyncTestServer.StartAsync("--Server:AccessTokenLifetime=00:00:00", "--Server:TokenClockSkew=00:00:00");
        using var wire = new CallCounter();
        using var folder = new TestFolder();
        using var app = CreateApp(server, folder, wire, TimeSpan.FromMinutes(10));
        var user = await app.LogInAsync(Credentials.Anonymous());
        var errors = new ConcurrentQueue<SessionException>();
        using var realm = Realm.Open(new SyncConfiguration(user) { ObjectClasses = Device.Classes, OnSessionError = (_, e) => errors.Enqueue(e) });
        var session = realm.SyncSession;

        await Eventually.WaitAsync(() => !errors.IsEmpty && session.BackoffWaits == 1, "the second TOKEN_EXPIRED is reported and the session waits out its backoff");

        var error = Assert.Single(errors);
        Assert.Equal(SyncErrorCode.TokenExpired, error.ServerCode);
        Assert.False(error.IsFatal);
        Assert.Equal(2, wire.SessionCalls); // the first Bind, and one retry with a refreshed token: no more
        Assert.Equal(SessionState.Active, session.State);
        Assert.Equal(ConnectionState.Disconnected, session.ConnectionState);
        Assert.Equal(UserState.LoggedIn, user.State);

        // Reconnect skips the backoff: one more refresh-and-retry round, which again ends in a backoff.
        app.Sync.Reconnect();
        await Eventually.WaitAsync(() => errors.Count == 2 && session.BackoffWaits == 2, "the next round is reported and backs off too");

        Assert.Equal(4, wire.SessionCalls);
        Assert.All(errors, e => Assert.Equal(SyncErrorCode.TokenExpired, e.ServerCode));
        Assert.Equal(SessionState.Active, session.State);
    }

    private static App CreateApp(SyncTestServer server, TestFolder folder, CallCounter wire, TimeSpan backoff) => App.Create(new AppConfiguration(server.Address)
    {
        BaseFilePath = folder.Path,
        HttpHandler = wire,
        DefaultRequestTimeout = TimeSpan.FromSeconds(10),
        ReconnectBackoff = new ReconnectBackoffOptions { MinimumDelay = backoff, MaximumDelay = backoff },
    });

    /// <summary>Counts the gRPC calls the app makes, by method (the request path ends with the method name).</summary>
    private sealed class CallCounter : DelegatingHandler
    {
        private int _sessionCalls;
        private int _refreshCalls;

        public CallCounter()
            : base(new SocketsHttpHandler())
        {
        }

        public int SessionCalls => Volatile.Read(ref _sessionCalls);

        public int RefreshCalls => Volatile.Read(ref _refreshCalls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri?.AbsolutePath ?? string.Empty;
            if (path.EndsWith("/Session", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _sessionCalls);
            }
            else if (path.EndsWith("/Refresh", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _refreshCalls);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
