using SourceGenSync.Server.Grpc;
using SourceGenSync.Protocol;

namespace SourceGenSync.Server.Auth;

/// <summary>Registers the Auth service's unary methods (auth.proto) on the gRPC hosting.</summary>
internal static class AuthGrpcService
{
    public static GrpcServiceBuilder AddAuthService(this GrpcServiceBuilder builder, AuthService auth) => builder
        .AddUnary(ServiceMethods.LogInAnonymous, (_, context) => auth.LogInAnonymousAsync(context.CancellationToken))
        .AddUnary(ServiceMethods.Register, (request, context) => auth.RegisterAsync(request, context.CancellationToken))
        .AddUnary(ServiceMethods.LogInEmailPassword, (request, context) => auth.LogInEmailPasswordAsync(request, context.CancellationToken))
        .AddUnary(ServiceMethods.LogInApiKey, (request, context) => auth.LogInApiKeyAsync(request, context.CancellationToken))
        .AddUnary(ServiceMethods.LogInCustomJwt, (request, context) => auth.LogInCustomJwtAsync(request, context.CancellationToken))
        .AddUnary(ServiceMethods.Refresh, (request, context) => auth.RefreshAsync(request, context.CancellationToken))
        .AddUnary(ServiceMethods.LogOut, (request, context) => auth.LogOutAsync(request, context.CancellationToken))
        .AddUnary(ServiceMethods.CreateApiKey, async (request, context) =>
            await auth.CreateApiKeyAsync(await auth.AuthorizeAsync(context.RequestHeaders.GetValue("authorization")).ConfigureAwait(false), request, context.CancellationToken).ConfigureAwait(false))
        .AddUnary(ServiceMethods.ListApiKeys, async (_, context) =>
            await auth.ListApiKeysAsync(await auth.AuthorizeAsync(context.RequestHeaders.GetValue("authorization")).ConfigureAwait(false), context.CancellationToken).ConfigureAwait(false))
        .AddUnary(ServiceMethods.RevokeApiKey, async (request, context) =>
            await auth.RevokeApiKeyAsync(await auth.AuthorizeAsync(context.RequestHeaders.GetValue("authorization")).ConfigureAwait(false), request, context.CancellationToken).ConfigureAwait(false));
}
