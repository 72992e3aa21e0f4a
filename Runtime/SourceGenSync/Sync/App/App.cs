using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol;
using SourceGenSync.Protocol.Auth;

namespace SourceGenSync.Sync;

/// <summary>
/// The client's entry point for one sync server: logs users in (and keeps them, with their tokens, in
/// <c>&lt;BaseFilePath&gt;/sourcegensync-metadata/</c> so an app restarted offline has them back), owns the HTTP/2
/// channel its calls and sync sessions share, and the registry of its sync sessions.
/// </summary>
public sealed class App : IDisposable
{
    private const string RealmsFolderName = "sourcegensync";

    private readonly object _gate = new();
    private readonly object _saveLock = new();
    private readonly Dictionary<string, User> _users = new(StringComparer.Ordinal);
    private readonly List<User> _loggedIn = [];
    private readonly GrpcHttpChannel _channel;
    private readonly UserCache _cache;
    private User? _current;
    private int _disposed;

    private App(AppConfiguration configuration)
    {
        Configuration = configuration;
        Directory.CreateDirectory(configuration.BaseFilePath);
        _channel = new GrpcHttpChannel(configuration.BaseUri, ChannelOptions());
        Auth = new AuthCalls(_channel.CreateCallInvoker(), configuration.BaseUri, configuration.DefaultRequestTimeout);
        _cache = new UserCache(configuration.BaseFilePath, configuration.BaseUri);
        EmailPasswordAuth = new EmailPasswordAuth(this);
        Sync = new SyncClient(this);
        RestoreUsers(_cache.Load());
        Sessions = new SyncSessionRegistry(this);
    }

    /// <summary>The configuration the app was created with.</summary>
    public AppConfiguration Configuration { get; }

    /// <summary>The user sessions open for by default: the latest logged-in user, or the one chosen with
    /// <see cref="SwitchUser"/>; null when no user is logged in.</summary>
    public User? CurrentUser
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>The logged-in users, in log-in order.</summary>
    public IReadOnlyList<User> AllUsers
    {
        get
        {
            lock (_gate)
            {
                return _loggedIn.ToArray();
            }
        }
    }

    /// <summary>Email/password registration.</summary>
    public EmailPasswordAuth EmailPasswordAuth { get; }

    /// <summary>App-wide sync controls.</summary>
    public SyncClient Sync { get; }

    internal AuthCalls Auth { get; }

    /// <summary>The sync sessions of this app (one per realm file).</summary>
    internal SyncSessionRegistry Sessions { get; }

    /// <summary>Creates an app for <paramref name="configuration"/>, with the users cached by an earlier run.</summary>
    public static App Create(AppConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration.BaseFilePath))
        {
            throw new ArgumentException("AppConfiguration.BaseFilePath must name a folder.", nameof(configuration));
        }

        if (configuration.DefaultRequestTimeout <= TimeSpan.Zero && configuration.DefaultRequestTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("AppConfiguration.DefaultRequestTimeout must be positive (or Timeout.InfiniteTimeSpan).", nameof(configuration));
        }

        ArgumentNullException.ThrowIfNull(configuration.ReconnectBackoff);
        return new App(configuration);
    }

    /// <summary>Creates an app for the server at <paramref name="baseUri"/> with default settings.</summary>
    public static App Create(Uri baseUri) => Create(new AppConfiguration(baseUri));

    /// <summary>Logs a user in and makes it the <see cref="CurrentUser"/>. Logging in a user already known to this
    /// app returns the same <see cref="User"/> object. Throws <see cref="AppException"/>
    /// (<see cref="AppErrorCode.NetworkUnavailable"/> when the server cannot be reached: the first log-in needs the network).</summary>
    public async Task<User> LogInAsync(Credentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ThrowIfDisposed();
        if (credentials is { Provider: AuthProvider.Anonymous, ReuseExisting: true } && ExistingAnonymousUser() is { } existing)
        {
            MakeCurrent(existing);
            return existing;
        }

        var tokens = await LogInCallAsync(credentials, cancellationToken).ConfigureAwait(false);
        User user;
        lock (_gate)
        {
            if (!_users.TryGetValue(tokens.UserId, out user!))
            {
                user = new User(this, tokens.UserId, credentials.Provider);
                _users.Add(user.Id, user);
            }
        }

        user.SetLoggedIn(ProviderOf(tokens.Provider, credentials.Provider), tokens.AccessToken, tokens.RefreshToken, DateTimeOffset.FromUnixTimeSeconds(tokens.AccessTokenExpiresAt));
        MakeCurrent(user);
        return user;
    }

    /// <summary>Makes <paramref name="user"/> (logged in, of this app) the <see cref="CurrentUser"/>.</summary>
    public void SwitchUser(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        ThrowIfNotMine(user);
        if (user.State != UserState.LoggedIn)
        {
            throw new InvalidOperationException($"{user} is not logged in: only a logged-in user can become the current user.");
        }

        MakeCurrent(user);
    }

    /// <summary>Logs <paramref name="user"/> out (when logged in), forgets it and deletes its default realm folder
    /// with every realm file in it. Its <see cref="User.State"/> becomes <see cref="UserState.Removed"/>.</summary>
    public async Task RemoveUserAsync(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        ThrowIfNotMine(user);
        var refreshToken = LogOutLocally(user, UserState.Removed);
        user.SetLoggedOut(UserState.Removed);
        lock (_gate)
        {
            _users.Remove(user.Id);
        }

        DeleteRealmFolder(user);
        await RevokeQuietlyAsync(refreshToken).ConfigureAwait(false);
    }

    /// <summary>Stops every sync session and closes the connection. Cached users stay on disk for the next run.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Sessions.Dispose();
        _channel.Dispose();
    }

    /// <summary>The invoker a new sync session opens its stream on: the shared channel's when sessions are
    /// multiplexed (<paramref name="ownedChannel"/> null), otherwise one on a new channel (its own HTTP/2
    /// connection) that the session disposes when it ends.</summary>
    internal CallInvoker InvokerForSession(out IDisposable? ownedChannel)
    {
        ThrowIfDisposed();
        if (Configuration.MultiplexSessions)
        {
            ownedChannel = null;
            return _channel.CreateCallInvoker();
        }

        var channel = new GrpcHttpChannel(Configuration.BaseUri, ChannelOptions());
        ownedChannel = channel;
        return channel.CreateCallInvoker();
    }

    /// <summary><c>&lt;BaseFilePath&gt;/sourcegensync/&lt;user id&gt;</c>, created on demand: where a user's realms
    /// go by default (and what <see cref="RemoveUserAsync"/> deletes).</summary>
    internal string DefaultRealmFolder(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var folder = RealmFolderOf(user);
        Directory.CreateDirectory(folder);
        return folder;
    }

    internal async Task LogOutAsync(User user)
    {
        ThrowIfNotMine(user);
        if (user.Provider == AuthProvider.Anonymous)
        {
            // An anonymous user cannot log in again: logging it out removes it with its data (as in Realm).
            await RemoveUserAsync(user).ConfigureAwait(false);
            return;
        }

        var refreshToken = LogOutLocally(user, UserState.LoggedOut);
        await RevokeQuietlyAsync(refreshToken).ConfigureAwait(false);
    }

    /// <summary>The server refused the user's refresh token: it is logged out here too (an anonymous user, which
    /// cannot log in again, is forgotten; its files stay until the app deletes them).</summary>
    internal void SessionRevoked(User user)
    {
        var anonymous = user.Provider == AuthProvider.Anonymous;
        LogOutLocally(user, anonymous ? UserState.Removed : UserState.LoggedOut);
        if (anonymous)
        {
            lock (_gate)
            {
                _users.Remove(user.Id);
            }
        }
    }

    /// <summary>Writes the logged-in users and their tokens to the cache.</summary>
    internal void SaveUsers()
    {
        lock (_saveLock)
        {
            CachedUsers content;
            lock (_gate)
            {
                content = new CachedUsers(_current?.Id, _loggedIn.Select(user => user.ToCached()).OfType<CachedUser>().ToList());
            }

            _cache.Save(content);
        }
    }

    private Task<Tokens> LogInCallAsync(Credentials credentials, CancellationToken cancellationToken) => credentials.Provider switch
    {
        AuthProvider.Anonymous => Auth.CallAsync(ServiceMethods.LogInAnonymous, new LogInAnonymousRequest(), null, AppErrorCode.InvalidCredentials, cancellationToken),
        AuthProvider.EmailPassword => Auth.CallAsync(ServiceMethods.LogInEmailPassword, new LogInEmailPasswordRequest { Email = credentials.Email, Password = credentials.Password }, null, AppErrorCode.InvalidCredentials, cancellationToken),
        AuthProvider.ApiKey => Auth.CallAsync(ServiceMethods.LogInApiKey, new LogInApiKeyRequest { Key = credentials.Secret }, null, AppErrorCode.InvalidCredentials, cancellationToken),
        AuthProvider.JWT => Auth.CallAsync(ServiceMethods.LogInCustomJwt, new LogInCustomJwtRequest { Token = credentials.Secret }, null, AppErrorCode.InvalidCredentials, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(credentials), credentials.Provider, "Unknown authentication provider."),
    };

    private static AuthProvider ProviderOf(string provider, AuthProvider fallback) => provider switch
    {
        "anonymous" => AuthProvider.Anonymous,
        "email-password" => AuthProvider.EmailPassword,
        "api-key" => AuthProvider.ApiKey,
        "custom-jwt" => AuthProvider.JWT,
        _ => fallback,
    };

    private User? ExistingAnonymousUser()
    {
        lock (_gate)
        {
            return _current is { Provider: AuthProvider.Anonymous } current
                ? current
                : _loggedIn.LastOrDefault(user => user.Provider == AuthProvider.Anonymous);
        }
    }

    private void MakeCurrent(User user)
    {
        lock (_gate)
        {
            if (user.State == UserState.LoggedIn && !_loggedIn.Contains(user))
            {
                _loggedIn.Add(user);
            }

            _current = user;
        }

        SaveUsers();
    }

    /// <summary>Leaves LoggedIn for <paramref name="state"/>, takes the user off <see cref="AllUsers"/> (another
    /// logged-in user becomes current), stops its sessions; returns the refresh token to revoke.</summary>
    private string? LogOutLocally(User user, UserState state)
    {
        var refreshToken = user.SetLoggedOut(state);
        lock (_gate)
        {
            _loggedIn.Remove(user);
            if (Equals(_current, user))
            {
                _current = _loggedIn.LastOrDefault();
            }
        }

        SaveUsers();
        if (refreshToken is not null && Volatile.Read(ref _disposed) == 0)
        {
            Sessions.UserLoggedOut(user);
        }

        return refreshToken;
    }

    // Logging out must work offline: the server revokes the token when it can be reached, otherwise the token
    // simply expires there (the device has already forgotten it).
    private async Task RevokeQuietlyAsync(string? refreshToken)
    {
        if (refreshToken is null || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        try
        {
            await Auth.CallAsync(ServiceMethods.LogOut, new LogOutRequest { RefreshToken = refreshToken }, null, AppErrorCode.InvalidSession, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AppException)
        {
            // Unreachable or failing server: see above.
        }
        catch (ObjectDisposedException)
        {
            // The app was disposed meanwhile.
        }
    }

    private void RestoreUsers(CachedUsers cached)
    {
        foreach (var entry in cached.Users)
        {
            var user = new User(this, entry.Id, entry.Provider);
            user.SetLoggedIn(entry.Provider, entry.AccessToken, entry.RefreshToken, DateTimeOffset.FromUnixTimeSeconds(entry.AccessTokenExpiresAt));
            _users[user.Id] = user;
            _loggedIn.Add(user);
        }

        _current = _loggedIn.FirstOrDefault(user => user.Id == cached.CurrentUserId) ?? _loggedIn.LastOrDefault();
    }

    private void DeleteRealmFolder(User user)
    {
        var folder = RealmFolderOf(user);
        if (Directory.Exists(folder))
        {
            // Pooled SQLite connections may still hold the user's files open (Windows refuses to delete those).
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private string RealmFolderOf(User user) => Path.Combine(Configuration.BaseFilePath, RealmsFolderName, user.Id);

    private static readonly TimeSpan DefaultKeepAlivePingTimeout = TimeSpan.FromSeconds(20);

    private GrpcChannelOptions ChannelOptions() => new()
    {
        KeepAlivePingDelay = Configuration.KeepAliveInterval,

        // A shared connection that died silently must be dropped as soon as a session would give up on it,
        // otherwise every session's reconnect reuses the dead connection until HTTP/2's own timeout.
        KeepAlivePingTimeout = Configuration.ReadTimeout < DefaultKeepAlivePingTimeout ? Configuration.ReadTimeout : DefaultKeepAlivePingTimeout,
        HttpHandler = Configuration.HttpHandler,
        DisposeHttpHandler = false,
    };

    private void ThrowIfNotMine(User user)
    {
        if (!ReferenceEquals(user.App, this))
        {
            throw new ArgumentException($"{user} belongs to another App instance.", nameof(user));
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
