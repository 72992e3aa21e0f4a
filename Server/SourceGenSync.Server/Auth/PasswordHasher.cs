using System;
using System.Security.Cryptography;
using System.Text;

namespace SourceGenSync.Server.Auth;

/// <summary>
/// PBKDF2-HMAC-SHA256 with a random 16-byte salt per user. The iteration count is stored with each hash, so raising
/// the default later does not invalidate existing passwords.
/// </summary>
internal static class PasswordHasher
{
    public const int SaltLength = 16;
    public const int HashLength = 32;

    public static (byte[] Hash, byte[] Salt) Hash(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        return (Derive(password, salt, iterations), salt);
    }

    public static bool Verify(string password, byte[] hash, byte[] salt, int iterations) =>
        CryptographicOperations.FixedTimeEquals(Derive(password, salt, iterations), hash);

    /// <summary>Spends the same time as a real verification, so an unknown email cannot be told from a wrong password by timing.</summary>
    public static void Waste(string password, int iterations) => _ = Derive(password, new byte[SaltLength], iterations);

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Math.Max(1, iterations), HashAlgorithmName.SHA256, HashLength);
}
