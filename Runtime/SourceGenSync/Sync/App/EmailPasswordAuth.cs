using System;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Protocol;
using SourceGenSync.Protocol.Auth;

namespace SourceGenSync.Sync;

/// <summary>Email/password registration (<see cref="App.EmailPasswordAuth"/>); log in with
/// <see cref="Credentials.EmailPassword"/>.</summary>
public sealed class EmailPasswordAuth
{
    private readonly App _app;

    internal EmailPasswordAuth(App app) => _app = app;

    /// <summary>Registers a new user. Fails with <see cref="AppErrorCode.UserAlreadyExists"/> when the address is
    /// taken, <see cref="AppErrorCode.InvalidArgument"/> for an invalid address or a password not of 8–256 characters.</summary>
    public async Task RegisterUserAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        // Not repeated: a registration that reached the server would come back as "already exists".
        await _app.Auth.CallAsync(ServiceMethods.Register, new RegisterRequest { Email = email, Password = password }, null, AppErrorCode.InvalidCredentials, cancellationToken, repeatable: false).ConfigureAwait(false);
    }
}
