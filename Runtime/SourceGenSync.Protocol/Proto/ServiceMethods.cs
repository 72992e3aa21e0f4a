using SourceGenSync.Grpc;
using SourceGenSync.Protocol.Auth;
using SourceGenSync.Protocol.Sync;

namespace SourceGenSync.Protocol;

/// <summary>The gRPC method descriptors of sync.proto and auth.proto, one definition for the server and the client (paths <c>/sourcegensync.sync.v1.Sync/Session</c>, <c>/sourcegensync.auth.v1.Auth/&lt;Rpc&gt;</c>).</summary>
internal static class ServiceMethods
{
    public const string SyncService = "sourcegensync.sync.v1.Sync";
    public const string AuthService = "sourcegensync.auth.v1.Auth";

    public static readonly Method<ClientMessage, ServerMessage> Session = new(MethodType.DuplexStreaming, SyncService, "Session", ProtobufMarshaller.Create(ClientMessage.Parser), ProtobufMarshaller.Create(ServerMessage.Parser));

    public static readonly Method<LogInAnonymousRequest, Tokens> LogInAnonymous = Unary(nameof(LogInAnonymous), LogInAnonymousRequest.Parser, Tokens.Parser);
    public static readonly Method<RegisterRequest, RegisterResponse> Register = Unary(nameof(Register), RegisterRequest.Parser, RegisterResponse.Parser);
    public static readonly Method<LogInEmailPasswordRequest, Tokens> LogInEmailPassword = Unary(nameof(LogInEmailPassword), LogInEmailPasswordRequest.Parser, Tokens.Parser);
    public static readonly Method<LogInApiKeyRequest, Tokens> LogInApiKey = Unary(nameof(LogInApiKey), LogInApiKeyRequest.Parser, Tokens.Parser);
    public static readonly Method<LogInCustomJwtRequest, Tokens> LogInCustomJwt = Unary(nameof(LogInCustomJwt), LogInCustomJwtRequest.Parser, Tokens.Parser);
    public static readonly Method<RefreshRequest, Tokens> Refresh = Unary(nameof(Refresh), RefreshRequest.Parser, Tokens.Parser);
    public static readonly Method<LogOutRequest, LogOutResponse> LogOut = Unary(nameof(LogOut), LogOutRequest.Parser, LogOutResponse.Parser);
    public static readonly Method<CreateApiKeyRequest, ApiKey> CreateApiKey = Unary(nameof(CreateApiKey), CreateApiKeyRequest.Parser, ApiKey.Parser);
    public static readonly Method<ListApiKeysRequest, ListApiKeysResponse> ListApiKeys = Unary(nameof(ListApiKeys), ListApiKeysRequest.Parser, ListApiKeysResponse.Parser);
    public static readonly Method<RevokeApiKeyRequest, RevokeApiKeyResponse> RevokeApiKey = Unary(nameof(RevokeApiKey), RevokeApiKeyRequest.Parser, RevokeApiKeyResponse.Parser);

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string name, Google.Protobuf.MessageParser<TRequest> request, Google.Protobuf.MessageParser<TResponse> response)
        where TRequest : Google.Protobuf.IMessage<TRequest>
        where TResponse : Google.Protobuf.IMessage<TResponse> =>
        new(MethodType.Unary, AuthService, name, ProtobufMarshaller.Create(request), ProtobufMarshaller.Create(response));
}
