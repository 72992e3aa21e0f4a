using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol;
using SourceGenSync.Protocol.Auth;

namespace SourceGenSync.Sync;

/// <summary>An API key of a user. <see cref="Key"/>, the secret to log in with, is only known in the answer of
/// <see cref="ApiKeyClient.CreateAsync"/>: the server keeps only its hash.</summary>
public sealed record ApiKey(string Id, string Name, string? Key, bool IsEnabled);

/// <summary>Creates, lists and disables the API keys of one user (<see cref="User.ApiKeys"/>). Each call is
/// authorized by the user's access token, refreshed first when needed.</summary>
public sealed class ApiKeyClient
{
    private readonly User _user;

    internal ApiKeyClient(User user) => _user = user;

    /// <summary>Creates a key named <paramref name="name"/> (1 to 200 characters); the answer holds its secret.</summary>
    public async Task<ApiKey> CreateAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        // Not repeated after a send failure: a request that reached the server would create a second key.
        var key = await CallAsync(ServiceMethods.CreateApiKey, new CreateApiKeyRequest { Name = name }, cancellationToken, repeatable: false).ConfigureAwait(false);
        return ToApiKey(key);
    }

    /// <summary>All of the user's keys, without their secrets.</summary>
    public async Task<IReadOnlyList<ApiKey>> FetchAllAsync(CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(ServiceMethods.ListApiKeys, new ListApiKeysRequest(), cancellationToken).ConfigureAwait(false);
        return response.Keys.Select(ToApiKey).ToList();
    }

    /// <summary>Disables the key <paramref name="id"/>: it can no longer log in.</summary>
    public async Task DisableAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        await CallAsync(ServiceMethods.RevokeApiKey, new RevokeApiKeyRequest { Id = id }, cancellationToken).ConfigureAwait(false);
    }

    private static ApiKey ToApiKey(Protocol.Auth.ApiKey key) => new(key.Id, key.Name, key.Key.Length == 0 ? null : key.Key, !key.Disabled);

    // A token the server refuses (expired early, clock skew) is refreshed once and the call retried.
    private async Task<TResponse> CallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken, bool repeatable = true)
    {
        var token = await _user.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _user.App.Auth.CallAsync(method, request, token, AppErrorCode.InvalidSession, cancellationToken, repeatable).ConfigureAwait(false);
        }
        catch (AppException exception) when (exception.Code == AppErrorCode.InvalidSession)
        {
            token = await _user.RefreshAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            return await _user.App.Auth.CallAsync(method, request, token, AppErrorCode.InvalidSession, cancellationToken, repeatable).ConfigureAwait(false);
        }
    }
}
