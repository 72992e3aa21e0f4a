using System;

namespace SourceGenSync.Sync;

/// <summary>Why an app-level call (log-in, registration, token refresh, API keys) failed.</summary>
public enum AppErrorCode
{
    /// <summary>The server could not be reached (no network, wrong address, server down).</summary>
    NetworkUnavailable,

    /// <summary>The credentials were refused.</summary>
    InvalidCredentials,

    /// <summary>A user with this email address is already registered.</summary>
    UserAlreadyExists,

    /// <summary>A request argument was refused (e.g. an email address, a short password, an unknown API key id).</summary>
    InvalidArgument,

    /// <summary>The user's session is no longer valid (refresh token expired or revoked): the user was logged out.</summary>
    InvalidSession,

    /// <summary>The server does not allow this (e.g. a disabled provider).</summary>
    PermissionDenied,

    /// <summary>The server did not answer within <see cref="AppConfiguration.DefaultRequestTimeout"/>.</summary>
    Timeout,

    /// <summary>The server failed or answered something unexpected.</summary>
    ServerError,
}

/// <summary>An app-level call failed; <see cref="Code"/> says why, the message says what to do.</summary>
public class AppException : Exception
{
    /// <summary>Creates an exception with its <paramref name="code"/> and a message that says what to do.</summary>
    public AppException(AppErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>Why the call failed.</summary>
    public AppErrorCode Code { get; }
}
