using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol.Auth;
using SourceGenSync.Server.Diagnostics;
using SourceGenSync.Server.Hosting;
using SourceGenSync.Server.Storage;

namespace SourceGenSync.Server.Auth;

/// <summary>
/// The Auth service's logic (auth.proto), independent of the transport: every failure is an
/// <see cref="RpcException"/> whose status the gRPC layer sends as is. Messages never say which half of a
/// credential was wrong.
/// </summary>
internal sealed class AuthService
{
    public const string AnonymousProvider = "anonymous";
    public const string EmailPasswordProvider = "email-password";
    public const string ApiKeyProvider = "api-key";
    public const string CustomJwtProvider = "custom-jwt";

    private readonly ISyncStore _store;
    private readonly TokenService _tokens;
    private readonly SyncServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CustomJwtValidator _customJwt;

    public AuthService(ISyncStore store, TokenService tokens, SyncServerOptions options, CustomJwtOptions customJwt, TimeProvider time, ILogger<AuthService> logger)
    {
        _customJwt = new CustomJwtValidator(customJwt, options.TokenClockSkew);
        _store = store;
        _tokens = tokens;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task<Tokens> LogInAnonymousAsync(CancellationToken cancellationToken)
    {
        if (!_options.AllowAnonymous)
        {
            throw Fail(StatusCode.PermissionDenied, "Anonymous log-in is disabled on this server.");
        }

        var user = new UserRecord(Secrets.NewId(), null, AnonymousProvider, null, null, 0, Now());
        await _store.TryCreateUserAsync(user, cancellationToken).ConfigureAwait(false);
        return await IssueAsync(user.Id, AnonymousProvider, UserClaims.None, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RegisterResponse> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken)
    {
        var email = NormalizeEmail(request.Email);
        ValidatePassword(request.Password);
        var (hash, salt) = PasswordHasher.Hash(request.Password, _options.PasswordIterations);
        var user = new UserRecord(Secrets.NewId(), email, EmailPasswordProvider, hash, salt, _options.PasswordIterations, Now());
        if (!await _store.TryCreateUserAsync(user, cancellationToken).ConfigureAwait(false))
        {
            throw Fail(StatusCode.AlreadyExists, "A user with this email address is already registered.");
        }

        ServerLog.UserRegistered(_logger, user.Id);
        return new RegisterResponse { UserId = user.Id };
    }

    public async Task<Tokens> LogInEmailPasswordAsync(LogInEmailPasswordRequest request, CancellationToken cancellationToken)
    {
        var email = request.Email.Trim().ToLowerInvariant();
        var user = email.Length is > 0 and <= 254 ? await _store.FindUserByEmailAsync(email, cancellationToken).ConfigureAwait(false) : null;
        if (user?.PasswordHash is null || user.PasswordSalt is null)
        {
            PasswordHasher.Waste(request.Password, _options.PasswordIterations);
            throw LogInFailed(EmailPasswordProvider, "unknown email");
        }

        if (!PasswordHasher.Verify(request.Password, user.PasswordHash, user.PasswordSalt, user.PasswordIterations))
        {
            throw LogInFailed(EmailPasswordProvider, "wrong password");
        }

        return await IssueAsync(user.Id, EmailPasswordProvider, UserClaims.None, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Tokens> LogInApiKeyAsync(LogInApiKeyRequest request, CancellationToken cancellationToken)
    {
        var key = request.Key.Length <= 256 ? await _store.FindApiKeyAsync(Secrets.Hash(request.Key), cancellationToken).ConfigureAwait(false) : null;
        if (key is null || key.Disabled)
        {
            throw LogInFailed(ApiKeyProvider, key is null ? "unknown key" : "revoked key");
        }

        return await IssueAsync(key.UserId, ApiKeyProvider, UserClaims.None, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Tokens> LogInCustomJwtAsync(LogInCustomJwtRequest request, CancellationToken cancellationToken)
    {
        if (!_customJwt.Enabled)
        {
            throw Fail(StatusCode.PermissionDenied, "Custom JWT log-in is not enabled on this server (it needs the option Auth:CustomJwt:SigningKey).");
        }

        var (userId, claims, reason) = await _customJwt.ValidateAsync(request.Token).ConfigureAwait(false);
        if (userId is null)
        {
            ServerLog.LogInFailed(_logger, CustomJwtProvider, reason);
            throw Fail(StatusCode.Unauthenticated, $"The custom JWT is not valid: {reason}.");
        }

        // The first log-in of a subject creates its user; later ones find it (same derived id, insert ignored) and
        // replace its claims with the token's: the app's identity system stays the source of truth, and a refresh
        // carries what the last log-in brought.
        var claimsJson = UserClaims.ToJson(claims);
        if (!await _store.TryCreateUserAsync(new UserRecord(userId, null, CustomJwtProvider, null, null, 0, Now(), claimsJson), cancellationToken).ConfigureAwait(false))
        {
            await _store.SetUserClaimsAsync(userId, claimsJson, cancellationToken).ConfigureAwait(false);
        }

        return await IssueAsync(userId, CustomJwtProvider, claims, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Tokens> RefreshAsync(RefreshRequest request, CancellationToken cancellationToken)
    {
        var record = await _store.FindRefreshTokenAsync(Secrets.Hash(request.RefreshToken), cancellationToken).ConfigureAwait(false);
        if (record is null || record.Revoked || record.ExpiresAt <= Now())
        {
            throw LogInFailed("refresh", record is null ? "unknown refresh token" : record.Revoked ? "revoked refresh token" : "expired refresh token");
        }

        // Only custom-JWT sessions have claims (a user's API-key or other log-ins never did).
        var claims = record.Provider == CustomJwtProvider
            ? UserClaims.FromJson((await _store.FindUserAsync(record.UserId, cancellationToken).ConfigureAwait(false))?.ClaimsJson)
            : UserClaims.None;
        var (access, expires) = _tokens.Issue(record.UserId, record.Provider, claims);
        return new Tokens
        {
            UserId = record.UserId,
            AccessToken = access,
            RefreshToken = request.RefreshToken,
            AccessTokenExpiresAt = expires.ToUnixTimeSeconds(),
            Provider = record.Provider,
        };
    }

    public async Task<LogOutResponse> LogOutAsync(LogOutRequest request, CancellationToken cancellationToken)
    {
        // Idempotent: logging out twice, or with an unknown token, is not an error (nothing is left to revoke).
        await _store.RevokeRefreshTokenAsync(Secrets.Hash(request.RefreshToken), cancellationToken).ConfigureAwait(false);
        return new LogOutResponse();
    }

    public async Task<ApiKey> CreateApiKeyAsync(AccessIdentity caller, CreateApiKeyRequest request, CancellationToken cancellationToken)
    {
        var name = request.Name.Trim();
        if (name.Length is 0 or > 200)
        {
            throw Fail(StatusCode.InvalidArgument, "An API key needs a name of 1 to 200 characters.");
        }

        var secret = Secrets.New(Secrets.ApiKeyPrefix);
        var record = new ApiKeyRecord(Secrets.NewId(), caller.UserId, name, false, Now());
        await _store.AddApiKeyAsync(Secrets.Hash(secret), record, cancellationToken).ConfigureAwait(false);
        ServerLog.ApiKeyCreated(_logger, record.Id, caller.UserId);
        var result = ToMessage(record);
        result.Key = secret;
        return result;
    }

    public async Task<ListApiKeysResponse> ListApiKeysAsync(AccessIdentity caller, CancellationToken cancellationToken)
    {
        var keys = await _store.ListApiKeysAsync(caller.UserId, cancellationToken).ConfigureAwait(false);
        var response = new ListApiKeysResponse();
        response.Keys.AddRange(keys.Select(ToMessage));
        return response;
    }

    public async Task<RevokeApiKeyResponse> RevokeApiKeyAsync(AccessIdentity caller, RevokeApiKeyRequest request, CancellationToken cancellationToken)
    {
        if (!await _store.DisableApiKeyAsync(caller.UserId, request.Id, cancellationToken).ConfigureAwait(false))
        {
            throw Fail(StatusCode.NotFound, $"You have no API key with id '{request.Id}'.");
        }

        ServerLog.ApiKeyRevoked(_logger, request.Id, caller.UserId);
        return new RevokeApiKeyResponse();
    }

    /// <summary>Checks the bearer token of an API-key management call.</summary>
    public async Task<AccessIdentity> AuthorizeAsync(string? authorizationHeader)
    {
        const string Bearer = "Bearer ";
        var token = authorizationHeader is not null && authorizationHeader.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            ? authorizationHeader[Bearer.Length..].Trim()
            : null;
        var (identity, problem, reason) = await _tokens.ValidateAsync(token).ConfigureAwait(false);
        if (identity is null)
        {
            ServerLog.TokenRejected(_logger, reason);
            throw Fail(StatusCode.Unauthenticated, problem == TokenProblem.Missing
                ? "This call needs an access token in the header 'authorization: Bearer <token>'."
                : $"Access denied: {reason}.");
        }

        return identity;
    }

    private async Task<Tokens> IssueAsync(string userId, string provider, IReadOnlyDictionary<string, string> claims, CancellationToken cancellationToken)
    {
        var refresh = Secrets.New(Secrets.RefreshTokenPrefix);
        var expiresAt = _time.GetUtcNow().Add(_options.RefreshTokenLifetime).ToUnixTimeSeconds();
        await _store.AddRefreshTokenAsync(Secrets.Hash(refresh), new RefreshTokenRecord(userId, provider, expiresAt, false), cancellationToken).ConfigureAwait(false);
        var (access, expires) = _tokens.Issue(userId, provider, claims);
        return new Tokens
        {
            UserId = userId,
            AccessToken = access,
            RefreshToken = refresh,
            AccessTokenExpiresAt = expires.ToUnixTimeSeconds(),
            Provider = provider,
        };
    }

    private static string NormalizeEmail(string email)
    {
        var trimmed = email.Trim().ToLowerInvariant();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (trimmed.Length > 254 || at <= 0 || at != trimmed.LastIndexOf('@') || at == trimmed.Length - 1 || trimmed.Any(char.IsWhiteSpace))
        {
            throw Fail(StatusCode.InvalidArgument, "The email address is not valid.");
        }

        return trimmed;
    }

    private static void ValidatePassword(string password)
    {
        if (password.Length is < 8 or > 256)
        {
            throw Fail(StatusCode.InvalidArgument, "A password must have 8 to 256 characters.");
        }
    }

    private RpcException LogInFailed(string provider, string reason)
    {
        ServerLog.LogInFailed(_logger, provider, reason);
        return Fail(StatusCode.Unauthenticated, provider == "refresh"
            ? "The refresh token is not valid (unknown, expired or revoked): log in again."
            : "The credentials are not valid.");
    }

    private static ApiKey ToMessage(ApiKeyRecord record) =>
        new() { Id = record.Id, Name = record.Name, Disabled = record.Disabled, CreatedAt = record.CreatedAt };

    private long Now() => _time.GetUtcNow().ToUnixTimeSeconds();

    private static RpcException Fail(StatusCode code, string message) => new(new Status(code, message), message);
}
