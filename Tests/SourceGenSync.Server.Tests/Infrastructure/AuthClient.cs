using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol.Auth;
using SourceGenSync.Protocol;

namespace SourceGenSync.Server.Tests.Infrastructure;

/// <summary>Calls the Auth service over our gRPC client, as an app would.</summary>
internal sealed class AuthClient(CallInvoker invoker)
{
    public Task<Tokens> LogInAnonymousAsync() => Call(ServiceMethods.LogInAnonymous, new LogInAnonymousRequest());

    public Task<RegisterResponse> RegisterAsync(string email, string password) => Call(ServiceMethods.Register, new RegisterRequest { Email = email, Password = password });

    public Task<Tokens> LogInAsync(string email, string password) => Call(ServiceMethods.LogInEmailPassword, new LogInEmailPasswordRequest { Email = email, Password = password });

    public Task<Tokens> LogInApiKeyAsync(string key) => Call(ServiceMethods.LogInApiKey, new LogInApiKeyRequest { Key = key });

    public Task<Tokens> RefreshAsync(string refreshToken) => Call(ServiceMethods.Refresh, new RefreshRequest { RefreshToken = refreshToken });

    public Task<LogOutResponse> LogOutAsync(string refreshToken) => Call(ServiceMethods.LogOut, new LogOutRequest { RefreshToken = refreshToken });

    public Task<ApiKey> CreateApiKeyAsync(string? accessToken, string name) => Call(ServiceMethods.CreateApiKey, new CreateApiKeyRequest { Name = name }, accessToken);

    public Task<ListApiKeysResponse> ListApiKeysAsync(string? accessToken) => Call(ServiceMethods.ListApiKeys, new ListApiKeysRequest(), accessToken);

    public Task<RevokeApiKeyResponse> RevokeApiKeyAsync(string? accessToken, string id) => Call(ServiceMethods.RevokeApiKey, new RevokeApiKeyRequest { Id = id }, accessToken);

    private async Task<TResponse> Call<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, string? accessToken = null)
    {
        var headers = accessToken is null ? null : new Metadata().Add("authorization", "Bearer " + accessToken);
        using var call = invoker.AsyncUnaryCall(method, new CallOptions(headers, System.DateTime.UtcNow.AddSeconds(30)), request);
        return await call.ResponseAsync;
    }
}
