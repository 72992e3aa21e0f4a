using System;
using System.Security.Cryptography;
using System.Text;

namespace SourceGenSync.Server.Auth;

/// <summary>
/// Opaque secrets (refresh tokens, API keys): 32 random bytes, base64url, with a readable prefix. The store keeps
/// only their SHA-256: they are high-entropy, so a fast hash suffices and a leaked database reveals no usable secret.
/// </summary>
internal static class Secrets
{
    public const string RefreshTokenPrefix = "sgsr_";
    public const string ApiKeyPrefix = "sgsk_";

    public static string New(string prefix) => prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>A random identifier (user ids, API key ids): 16 random bytes as lower-case hex.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
