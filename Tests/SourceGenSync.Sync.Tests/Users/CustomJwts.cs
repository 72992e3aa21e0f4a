using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SourceGenSync.Sync.Tests.Users;

/// <summary>Signs JWTs as an app's own identity system would for the custom JWT provider.</summary>
internal static class CustomJwts
{
    public const string Issuer = "https://id.example.com";
    public const string Audience = "sgs-tests";

    public static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    /// <summary>The server options enabling the provider with <see cref="Key"/>, <see cref="Issuer"/> and <see cref="Audience"/>.</summary>
    public static string[] ServerArgs =>
        [$"--Auth:CustomJwt:SigningKey={Convert.ToBase64String(Key)}", $"--Auth:CustomJwt:Issuer={Issuer}", $"--Auth:CustomJwt:Audience={Audience}"];

    public static string Create(string subject, byte[]? key = null, string issuer = Issuer, DateTimeOffset? expires = null)
    {
        var now = DateTimeOffset.UtcNow;
        var expiry = expires ?? now.AddMinutes(10);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = Audience,
            IssuedAt = (expiry < now ? expiry.AddMinutes(-10) : now).UtcDateTime,
            NotBefore = (expiry < now ? expiry.AddMinutes(-10) : now).UtcDateTime,
            Expires = expiry.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? Key), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = subject },
        });
    }
}
