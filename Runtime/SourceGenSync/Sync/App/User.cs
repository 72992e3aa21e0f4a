using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Protocol.Auth;

namespace SourceGenSync.Sync;

/// <summary>
/// A user of an <see cref="App"/>: its identity and tokens. One object per user id per app, so the user returned by
/// a second log-in is the same instance. Its access token is refreshed transparently when it nears expiry.
/// </summary>
public sealed class User : INotifyPropertyChanged, IEquatable<User>
{
    /// <summary>An access token expiring within this margin is refreshed before use (sessions bind with it and
    /// the server checks it only at Bind, so it only needs to be valid at that moment).</summary>
    internal static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

    private readonly object _gate = new();
    private UserState _state;
    private string? _accessToken;
    private string? _refreshToken;
    private DateTimeOffset _accessTokenExpiresAt;
    private AuthProvider _provider;
    private Task<string>? _refresh;

    internal User(App app, string id, AuthProvider provider)
    {
        App = app;
        Id = id;
        _provider = provider;
        _state = UserState.LoggedOut;
        ApiKeys = new ApiKeyClient(this);
    }

    /// <inheritdoc/>
    public event PropertyChangedEventHandler? PropertyChanged;

    /// <summary>Raised once each time <see cref="State"/> leaves <see cref="UserState.LoggedIn"/>.</summary>
    internal event EventHandler? LoggedOut;

    /// <summary>The server's id of this user.</summary>
    public string Id { get; }

    /// <summary>The provider of the user's latest log-in.</summary>
    public AuthProvider Provider
    {
        get
        {
            lock (_gate)
            {
                return _provider;
            }
        }
    }

    /// <summary>Whether the user is logged in, logged out or removed.</summary>
    public UserState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>The current access token (null when not logged in).</summary>
    public string? AccessToken
    {
        get
        {
            lock (_gate)
            {
                return _accessToken;
            }
        }
    }

    /// <summary>The refresh token (null when not logged in).</summary>
    public string? RefreshToken
    {
        get
        {
            lock (_gate)
            {
                return _refreshToken;
            }
        }
    }

    /// <summary>The app this user belongs to.</summary>
    public App App { get; }

    /// <summary>Manages this user's API keys on the server.</summary>
    public ApiKeyClient ApiKeys { get; }

    internal DateTimeOffset AccessTokenExpiresAt
    {
        get
        {
            lock (_gate)
            {
                return _accessTokenExpiresAt;
            }
        }
    }

    /// <summary>Logs the user out: the server revokes its refresh token (when reachable), its sessions stop and it
    /// leaves <see cref="App.AllUsers"/>. An anonymous user cannot log in again and becomes <see cref="UserState.Removed"/>.</summary>
    public Task LogOutAsync() => App.LogOutAsync(this);

    /// <summary>A valid access token: the cached one, or a refreshed one when it expires within
    /// <see cref="RefreshMargin"/>. When the server cannot be reached and the cached token has not expired yet it
    /// is returned anyway. Throws <see cref="AppException"/> (<see cref="AppErrorCode.InvalidSession"/> when the user
    /// is logged out or the server refused the refresh token).</summary>
    internal async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        string token;
        DateTimeOffset expiresAt;
        lock (_gate)
        {
            ThrowIfNotLoggedIn();
            token = _accessToken!;
            expiresAt = _accessTokenExpiresAt;
        }

        if (expiresAt - DateTimeOffset.UtcNow > RefreshMargin)
        {
            return token;
        }

        try
        {
            return await RefreshAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AppException exception) when (exception.Code is AppErrorCode.NetworkUnavailable or AppErrorCode.Timeout && expiresAt > DateTimeOffset.UtcNow)
        {
            return token;
        }
    }

    /// <summary>Asks the server for a new access token now (e.g. after a session's TOKEN_EXPIRED). Concurrent
    /// callers share one refresh call; cancelling one caller does not cancel it for the others.</summary>
    internal Task<string> RefreshAccessTokenAsync(CancellationToken cancellationToken)
    {
        Task<string> refresh;
        lock (_gate)
        {
            ThrowIfNotLoggedIn();
            refresh = _refresh ??= Task.Run(RefreshCoreAsync, CancellationToken.None);
        }

        return refresh.WaitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public bool Equals(User? other) => other is not null && Id == other.Id && ReferenceEquals(App, other.App);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as User);

    /// <inheritdoc/>
    public override int GetHashCode() => Id.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => $"User {Id} ({Provider}, {State})";

    /// <summary>Takes the tokens of a log-in (or of the cache): the user is logged in.</summary>
    internal void SetLoggedIn(AuthProvider provider, string accessToken, string refreshToken, DateTimeOffset accessTokenExpiresAt)
    {
        UserState before;
        lock (_gate)
        {
            before = _state;
            _provider = provider;
            _state = UserState.LoggedIn;
            _accessToken = accessToken;
            _refreshToken = refreshToken;
            _accessTokenExpiresAt = accessTokenExpiresAt;
        }

        Changed(nameof(AccessToken), nameof(RefreshToken), nameof(Provider));
        if (before != UserState.LoggedIn)
        {
            Changed(nameof(State));
        }
    }

    /// <summary>Leaves <see cref="UserState.LoggedIn"/> for <paramref name="state"/>; returns the refresh token it
    /// held (to revoke on the server), or null when it was not logged in.</summary>
    internal string? SetLoggedOut(UserState state)
    {
        string? refreshToken;
        bool wasLoggedIn;
        lock (_gate)
        {
            if (_state == state)
            {
                return null;
            }

            wasLoggedIn = _state == UserState.LoggedIn;
            refreshToken = _refreshToken;
            _state = state;
            _accessToken = null;
            _refreshToken = null;
            _accessTokenExpiresAt = default;
        }

        Changed(nameof(State), nameof(AccessToken), nameof(RefreshToken));
        if (wasLoggedIn)
        {
            LoggedOut?.Invoke(this, EventArgs.Empty);
        }

        return wasLoggedIn ? refreshToken : null;
    }

    internal CachedUser? ToCached()
    {
        lock (_gate)
        {
            return _state == UserState.LoggedIn
                ? new CachedUser(Id, _provider, _accessToken!, _refreshToken!, _accessTokenExpiresAt.ToUnixTimeSeconds())
                : null;
        }
    }

    private async Task<string> RefreshCoreAsync()
    {
        try
        {
            var refreshToken = RefreshToken ?? throw NotLoggedIn();
            Tokens tokens;
            try
            {
                tokens = await App.Auth.CallAsync(
                    Protocol.ServiceMethods.Refresh, new RefreshRequest { RefreshToken = refreshToken }, null, AppErrorCode.InvalidSession, CancellationToken.None).ConfigureAwait(false);
            }
            catch (AppException exception) when (exception.Code == AppErrorCode.InvalidSession)
            {
                if (RefreshToken is { } current && current != refreshToken)
                {
                    // A new log-in replaced the session while this call ran: its token is the answer.
                    return AccessToken ?? throw NotLoggedIn();
                }

                // The server no longer knows this session (refresh token expired or revoked): as in Realm, the user
                // is logged out and must log in again.
                App.SessionRevoked(this);
                throw new AppException(AppErrorCode.InvalidSession, $"The session of user {Id} is no longer valid ({exception.Message}); the user was logged out: log in again.", exception);
            }

            lock (_gate)
            {
                // A log-out (or a new log-in) while the call ran wins over this answer.
                if (_state != UserState.LoggedIn || _refreshToken != refreshToken)
                {
                    return _accessToken ?? throw NotLoggedIn();
                }

                _accessToken = tokens.AccessToken;
                _accessTokenExpiresAt = DateTimeOffset.FromUnixTimeSeconds(tokens.AccessTokenExpiresAt);
            }

            Changed(nameof(AccessToken));
            App.SaveUsers();
            return tokens.AccessToken;
        }
        finally
        {
            lock (_gate)
            {
                _refresh = null;
            }
        }
    }

    private void ThrowIfNotLoggedIn()
    {
        if (_state != UserState.LoggedIn)
        {
            throw NotLoggedIn();
        }
    }

    private AppException NotLoggedIn() =>
        new(AppErrorCode.InvalidSession, $"User {Id} is {State}: log in again to use it.");

    private void Changed(params string[] properties)
    {
        var handler = PropertyChanged;
        if (handler is null)
        {
            return;
        }

        foreach (var property in properties)
        {
            handler(this, new PropertyChangedEventArgs(property));
        }
    }
}
