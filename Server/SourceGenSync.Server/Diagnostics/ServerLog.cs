using System;
using Microsoft.Extensions.Logging;

namespace SourceGenSync.Server.Diagnostics;

/// <summary>
/// Every log line the server writes, with stable event ids so operators can filter and alert on them.
/// Ranges: 1–99 hosting and store, 100–199 sync sessions, 200–299 integration and compaction, 300–399 auth.
/// </summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Sync server listening on {Urls} with data folder {DataPath} (development mode: {DevelopmentMode})")]
    public static partial void ServerStarted(ILogger logger, string urls, string dataPath, bool developmentMode);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Opened SQLite store {Path} (store format {FormatVersion})")]
    public static partial void StoreOpened(ILogger logger, string path, long formatVersion);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Generated a new token signing key and saved it in the store")]
    public static partial void SigningKeyCreated(ILogger logger);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Session bound: realm {Realm}, client file {FileIdent}, user {UserId}, download cursor {DownloadCursor}")]
    public static partial void SessionBound(ILogger logger, string realm, long fileIdent, string userId, long downloadCursor);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Session ended: realm {Realm}, client file {FileIdent}")]
    public static partial void SessionEnded(ILogger logger, string? realm, long fileIdent);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Session error sent: realm {Realm}, client file {FileIdent}, {Code} (fatal: {Fatal}): {Message}")]
    public static partial void SessionError(ILogger logger, string? realm, long fileIdent, string code, bool fatal, string message);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Session failed unexpectedly: realm {Realm}, client file {FileIdent}")]
    public static partial void SessionFailed(ILogger logger, string? realm, long fileIdent, Exception exception);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "New client file {FileIdent} for realm {Realm}, user {UserId}")]
    public static partial void ClientFileCreated(ILogger logger, long fileIdent, string realm, string userId);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Schema of realm {Realm} changed: {Change}")]
    public static partial void SchemaChanged(ILogger logger, string realm, string change);

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Integrated {Count} changesets from client file {FileIdent} into realm {Realm}: server versions {From}..{To}")]
    public static partial void UploadIntegrated(ILogger logger, int count, long fileIdent, string realm, long from, long to);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "Integration into realm {Realm} failed; nothing was acknowledged")]
    public static partial void IntegrationFailed(ILogger logger, string realm, Exception exception);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Compacted realm {Realm}: removed {Removed} history entries through server version {Through}")]
    public static partial void Compacted(ILogger logger, string realm, long removed, long through);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "Compaction failed")]
    public static partial void CompactionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "User {UserId} registered with email/password")]
    public static partial void UserRegistered(ILogger logger, string userId);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Log-in failed ({Provider}): {Reason}")]
    public static partial void LogInFailed(ILogger logger, string provider, string reason);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "API key {KeyId} created for user {UserId}")]
    public static partial void ApiKeyCreated(ILogger logger, string keyId, string userId);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "API key {KeyId} of user {UserId} revoked")]
    public static partial void ApiKeyRevoked(ILogger logger, string keyId, string userId);

    [LoggerMessage(EventId = 304, Level = LogLevel.Debug, Message = "Access token rejected: {Reason}")]
    public static partial void TokenRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Subscription set {QueryVersion} of client file {FileIdent} in realm {Realm} refused: {Reason}")]
    public static partial void SubscriptionRefused(ILogger logger, string? realm, long fileIdent, long queryVersion, string reason);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "{Count} write(s) of client file {FileIdent} in realm {Realm} denied: {Reason}")]
    public static partial void WritesDenied(ILogger logger, string? realm, long fileIdent, int count, string reason);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "Permission rule problem in realm {Realm}: {Problem}")]
    public static partial void RuleProblem(ILogger logger, string realm, string problem);
}
