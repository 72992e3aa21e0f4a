using System;
using Microsoft.Extensions.Configuration;

namespace SourceGenSync.Server.Auth;

/// <summary>
/// The custom JWT provider's settings, from the configuration section <c>Auth:CustomJwt</c>: an app's own identity
/// system signs tokens with a shared HS256 key and the server trusts their <c>sub</c>. Without a
/// <see cref="SigningKey"/> the provider is disabled.
/// </summary>
public sealed class CustomJwtOptions
{
    public const string SectionName = "Auth:CustomJwt";

    /// <summary>Shortest accepted key: HS256 needs at least 256 bits.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>The HS256 key (decoded from base64); null when the provider is disabled.</summary>
    public byte[]? SigningKey { get; init; }

    /// <summary>The required <c>iss</c>; null accepts any issuer.</summary>
    public string? Issuer { get; init; }

    /// <summary>The required <c>aud</c>; null accepts any audience.</summary>
    public string? Audience { get; init; }

    public bool Enabled => SigningKey is not null;

    /// <summary>Reads <c>Auth:CustomJwt:SigningKey|Issuer|Audience</c>; a key that is not base64 or too short
    /// stops the server at start (a provider that silently accepts nothing would be harder to diagnose).</summary>
    public static CustomJwtOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var encodedKey = section["SigningKey"];
        byte[]? key = null;
        if (!string.IsNullOrWhiteSpace(encodedKey))
        {
            try
            {
                key = Convert.FromBase64String(encodedKey.Trim());
            }
            catch (FormatException exception)
            {
                throw new InvalidOperationException($"{SectionName}:SigningKey must be base64 (an HS256 key of at least {MinimumKeyBytes} bytes).", exception);
            }

            if (key.Length < MinimumKeyBytes)
            {
                throw new InvalidOperationException($"{SectionName}:SigningKey is {key.Length} bytes; an HS256 key needs at least {MinimumKeyBytes}.");
            }
        }

        return new CustomJwtOptions
        {
            SigningKey = key,
            Issuer = NullIfEmpty(section["Issuer"]),
            Audience = NullIfEmpty(section["Audience"]),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
