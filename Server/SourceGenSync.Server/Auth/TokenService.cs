using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SourceGenSync.Server.Auth;

/// <summary>The identity an access token proves; <see cref="Claims"/> are the user's claims for permission rules
/// (empty unless they logged in with a custom JWT).</summary>
internal sealed record AccessIdentity(string UserId, string Provider, IReadOnlyDictionary<string, string> Claims);

internal enum TokenProblem
{
    None,
    Missing,
    Invalid,
    Expired,
}

/// <summary>
/// Issues and validates the short-lived access tokens: JWT, HS256, issuer and audience "sourcegensync", claims
/// <c>sub</c> (user id), <c>prv</c> (provider) and, when the user has claims, <c>cl</c> (an object of claim name →
/// string value, <see cref="UserClaims"/>). The signature is what makes the claims trustworthy. The key comes from the store (generated on first start), so
/// tokens stay valid across restarts and are useless against another server.
/// </summary>
internal sealed class TokenService
{
    public const string Issuer = "sourcegensync";
    public const string Audience = "sourcegensync";
    private const string ProviderClaim = "prv";
    private const string ClaimsClaim = "cl";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SymmetricSecurityKey _key;
    private readonly SigningCredentials _credentials;
    private readonly TokenValidationParameters _validation;
    private readonly TimeProvider _time;

    public TokenService(byte[] signingKey, TimeSpan lifetime, TimeSpan clockSkew, TimeProvider time)
    {
        _key = new SymmetricSecurityKey(signingKey);
        _credentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256);
        _time = time;
        Lifetime = lifetime;
        _validation = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = clockSkew,
        };
    }

    public TimeSpan Lifetime { get; }

    /// <summary>A new 512-bit HS256 key (the store saves it on first start).</summary>
    public static byte[] GenerateKey() => RandomNumberGenerator.GetBytes(64);

    public (string Token, DateTimeOffset ExpiresAt) Issue(string userId, string provider, IReadOnlyDictionary<string, string>? claims = null) =>
        Issue(userId, provider, _time.GetUtcNow(), Lifetime, claims);

    /// <summary>Issues a token as if at <paramref name="issuedAt"/> (tests forge expired tokens with a past time).</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(string userId, string provider, DateTimeOffset issuedAt, TimeSpan lifetime, IReadOnlyDictionary<string, string>? claims = null)
    {
        var expires = issuedAt + lifetime;
        var payload = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = userId,
            [ProviderClaim] = provider,
            [JwtRegisteredClaimNames.Jti] = Secrets.NewId(),
        };
        if (claims is { Count: > 0 })
        {
            payload[ClaimsClaim] = UserClaims.ToJsonElement(claims);
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
            Claims = payload,
        });
        return (token, DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    public async Task<(AccessIdentity? Identity, TokenProblem Problem, string Reason)> ValidateAsync(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (null, TokenProblem.Missing, "no access token was given");
        }

        // Bound the work an attacker can cause before any signature check.
        if (token.Length > 8192)
        {
            return (null, TokenProblem.Invalid, "the access token is too long");
        }

        var result = await _handler.ValidateTokenAsync(token, _validation).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return result.Exception is SecurityTokenExpiredException
                ? (null, TokenProblem.Expired, "the access token has expired")
                : (null, TokenProblem.Invalid, "the access token is malformed or its signature is not valid");
        }

        var subject = result.Claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var sub) ? sub as string : null;
        var provider = result.Claims.TryGetValue(ProviderClaim, out var prv) ? prv as string : null;
        if (string.IsNullOrEmpty(subject) || provider is null)
        {
            return (null, TokenProblem.Invalid, "the access token has no subject");
        }

        var claims = result.SecurityToken is JsonWebToken jwt && jwt.TryGetPayloadValue<JsonElement>(ClaimsClaim, out var element)
            ? UserClaims.FromJsonObject(element)
            : UserClaims.None;
        return (new AccessIdentity(subject, provider, claims), TokenProblem.None, string.Empty);
    }
}
