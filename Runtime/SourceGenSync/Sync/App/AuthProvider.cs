namespace SourceGenSync.Sync;

/// <summary>How a user logged in.</summary>
public enum AuthProvider
{
    /// <summary>An anonymous user (a new server user, kept on this device).</summary>
    Anonymous,

    /// <summary>Email address and password.</summary>
    EmailPassword,

    /// <summary>An API key created by a user.</summary>
    ApiKey,

    /// <summary>A JWT signed by the app's own identity system (server option <c>Auth:CustomJwt</c>).</summary>
    JWT,
}

/// <summary>Where a user is in its life cycle.</summary>
public enum UserState
{
    /// <summary>Has tokens; can sync.</summary>
    LoggedIn,

    /// <summary>Logged out (or its session was revoked); log in again to use it.</summary>
    LoggedOut,

    /// <summary>Removed from the app; its local files are gone.</summary>
    Removed,
}
