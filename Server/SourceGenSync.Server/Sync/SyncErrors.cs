using System;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol.Sync;

namespace SourceGenSync.Server.Sync;

/// <summary>A session ends with this error (sent as a SyncError, then as the call's status).</summary>
internal sealed class SyncSessionException : Exception
{
    public SyncSessionException(SyncErrorCode code, string message, long clientVersion = 0)
        : base(message)
    {
        Code = code;
        ClientVersion = clientVersion;
    }

    public SyncErrorCode Code { get; }

    public long ClientVersion { get; }
}

/// <summary>What each error code tells the client to do, and the gRPC status the stream ends with (docs/protocol.md, "Errors").</summary>
internal static class SyncErrors
{
    public static SyncErrorAction ActionOf(SyncErrorCode code) => code switch
    {
        SyncErrorCode.BadAuthentication => SyncErrorAction.LogOut,
        SyncErrorCode.TokenExpired => SyncErrorAction.RefreshToken,
        SyncErrorCode.BadClientFile or SyncErrorCode.ClientResetRequired or SyncErrorCode.BadChangeset => SyncErrorAction.ClientReset,
        SyncErrorCode.Internal or SyncErrorCode.BadTimestamp => SyncErrorAction.Transient,
        SyncErrorCode.CompensatingWrite => SyncErrorAction.Warning,
        _ => SyncErrorAction.Fatal,
    };

    public static StatusCode StatusOf(SyncErrorCode code) => code switch
    {
        SyncErrorCode.BadAuthentication or SyncErrorCode.TokenExpired => StatusCode.Unauthenticated,
        SyncErrorCode.PermissionDenied or SyncErrorCode.FlexibleSyncRequired => StatusCode.PermissionDenied,
        SyncErrorCode.UnknownRealm => StatusCode.NotFound,
        SyncErrorCode.BadChangeset or SyncErrorCode.BadTimestamp or SyncErrorCode.BadSchema => StatusCode.InvalidArgument,
        SyncErrorCode.UnsupportedProtocolVersion => StatusCode.Unimplemented,
        SyncErrorCode.Internal => StatusCode.Internal,
        _ => StatusCode.FailedPrecondition,
    };

    public static SyncError ToMessage(SyncSessionException exception) => new()
    {
        Code = exception.Code,
        Message = exception.Message,
        Fatal = true,
        Action = ActionOf(exception.Code),
        ClientVersion = exception.ClientVersion,
    };
}
