using System;
using System.Threading.Tasks;

namespace SourceGenSync.Sync.Tests.Infrastructure;

/// <summary>Shortcuts for client apps against a <see cref="SyncTestServer"/>.</summary>
internal static class TestApps
{
    /// <summary>An app for <paramref name="server"/> keeping its files in <paramref name="folder"/> (for other
    /// settings write <c>new AppConfiguration(server.Address) { BaseFilePath = folder.Path, ... }</c>).</summary>
    public static App Create(SyncTestServer server, TestFolder folder)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(folder);
        return App.Create(new AppConfiguration(server.Address) { BaseFilePath = folder.Path });
    }

    /// <summary>A new email address nobody registered yet.</summary>
    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    /// <summary>Registers and logs in a new email/password user.</summary>
    public static async Task<User> LogInNewUserAsync(App app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var email = NewEmail();
        const string password = "correct horse battery";
        await app.EmailPasswordAuth.RegisterUserAsync(email, password);
        return await app.LogInAsync(Credentials.EmailPassword(email, password));
    }
}
