using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SourceGenSync.Server.Auth;

/// <summary>
/// Checks tokens of the custom JWT provider (<see cref="CustomJwtOptions"/>) and maps their subject to a stable
/// user id. The id is derived from issuer and subject rather than stored, so the same <c>sub</c> is always the
/// same user and two issuers cannot claim each other's users. The token's other scalar claims become the user's
/// claims for permission rules (<see cref="UserClaims"/>).
/// </summary>
internal sealed class CustomJwtValidator
{
    private const int MaxTokenLength = 8192;

    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters? _validation;

    public CustomJwtValidator(CustomJwtOptions options, TimeSpan clockSkew)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SigningKey is null)
        {
            return;
        }

        _validation = new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(options.SigningKey),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = options.Issuer is not null,
            ValidIssuer = options.Issuer,
            ValidateAudience = options.Audience is not null,
            ValidAudience = options.Audience,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = clockSkew,
        };
    }

    public bool Enabled => _validation is not null;

    /// <summary>The user id and claims for a valid token, or the reason it was refused (said to the client: the
    /// token is the caller's own, so naming what is wrong with it helps and reveals nothing).</summary>
    public async Task<(string? UserId, IReadOnlyDictionary<string, string> Claims, string Reason)> ValidateAsync(string token)
    {
        if (_validation is null)
        {
            throw new InvalidOperationException("The custom JWT provider is disabled.");
        }

        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return (null, UserClaims.None, "the token is empty or too long");
        }

        var result = await _handler.ValidateTokenAsync(token, _validation).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return (null, UserClaims.None, result.Exception switch
            {
                SecurityTokenExpiredException => "the token has expired",
                SecurityTokenNoExpirationException => "the token has no expiry (exp)",
                SecurityTokenInvalidIssuerException => "the token's issuer is not accepted",
                SecurityTokenInvalidAudienceException => "the token's audience is not accepted",
                SecurityTokenNotYetValidException => "the token is not valid yet",
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature is not valid",
                SecurityTokenInvalidAlgorithmException => "the token is not signed with HS256",
                _ => "the token is malformed or its signature is not valid",
            });
        }

        var subject = result.Claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var sub) ? sub as string : null;
        if (string.IsNullOrEmpty(subject) || subject.Length > 256)
        {
            return (null, UserClaims.None, "the token has no subject (sub)");
        }

        var issuer = result.Claims.TryGetValue(JwtRegisteredClaimNames.Iss, out var iss) ? iss as string : null;
        var claims = result.SecurityToken is JsonWebToken jwt ? UserClaims.FromCustomJwtPayload(jwt.EncodedPayload) : UserClaims.None;
        return (UserIdFor(issuer ?? string.Empty, subject), claims, string.Empty);
    }

    /// <summary>32 hex characters like every other user id, from SHA-256 over provider, issuer and subject.</summary>
    public static string UserIdFor(string issuer, string subject) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{AuthService.CustomJwtProvider}\n{issuer}\n{subject}")))[..32];
}
