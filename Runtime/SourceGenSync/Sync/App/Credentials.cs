using System;

namespace SourceGenSync.Sync;

/// <summary>What <see cref="App.LogInAsync"/> logs in with.</summary>
public sealed class Credentials
{
    private Credentials(AuthProvider provider) => Provider = provider;

    /// <summary>The provider these credentials are for.</summary>
    public AuthProvider Provider { get; }

    internal bool ReuseExisting { get; private init; }

    internal string? Email { get; private init; }

    internal string? Password { get; private init; }

    internal string? Secret { get; private init; }

    /// <summary>An anonymous user. With <paramref name="reuseExisting"/> (the default) a logged-in anonymous user of
    /// this app is returned again, even offline; otherwise a new anonymous user is created on the server.</summary>
    public static Credentials Anonymous(bool reuseExisting = true) => new(AuthProvider.Anonymous) { ReuseExisting = reuseExisting };

    /// <summary>A user registered with <see cref="EmailPasswordAuth.RegisterUserAsync"/>.</summary>
    public static Credentials EmailPassword(string email, string password)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        return new(AuthProvider.EmailPassword) { Email = email, Password = password };
    }

    /// <summary>An API key (the secret returned once by <see cref="ApiKeyClient.CreateAsync"/>).</summary>
    public static Credentials ApiKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new(AuthProvider.ApiKey) { Secret = key };
    }

    /// <summary>A JWT signed by the app's own identity system; its <c>sub</c> names the user.</summary>
    public static Credentials JWT(string customToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(customToken);
        return new(AuthProvider.JWT) { Secret = customToken };
    }
}
