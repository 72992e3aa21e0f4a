using SourceGenSync.Grpc;
using SourceGenSync.Server.Grpc;
using SourceGenSync.Protocol;

namespace SourceGenSync.Server.Sync;

/// <summary>Registers the Sync service's Session stream (sync.proto): adapts the gRPC stream to a <see cref="SyncSession"/>.</summary>
internal static class SyncGrpcService
{
    public static GrpcServiceBuilder AddSyncService(this GrpcServiceBuilder builder, SyncServices services, RealmRegistry realms) =>
        builder.AddDuplexStreaming(ServiceMethods.Session, async (requests, responses, context) =>
        {
            var session = new SyncSession(
                services,
                realms,
                async cancellationToken => await requests.MoveNext(cancellationToken).ConfigureAwait(false) ? requests.Current : null,
                (message, cancellationToken) => responses.WriteAsync(message, cancellationToken));
            var status = await session.RunAsync(context.CancellationToken).ConfigureAwait(false);
            if (status.StatusCode != StatusCode.OK)
            {
                throw new RpcException(status);
            }
        });
}
