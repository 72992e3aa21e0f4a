using System;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Sync;

/// <summary>Server settings that change what is accepted: realm creation, anonymous log-in, the Bind timeout.</summary>
public sealed class ServerPolicyTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await TestServer.StartAsync("--Server:CreateRealmsOnBind=false", "--Server:AllowAnonymous=false", "--Server:BindTimeout=00:00:01");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<string> TokenAsync()
    {
        var auth = new AuthClient(_server.Invoker);
        var email = $"p-{Guid.NewGuid():N}@example.com";
        await auth.RegisterAsync(email, "a long password");
        return (await auth.LogInAsync(email, "a long password")).AccessToken;
    }

    [Fact]
    public async Task Anonymous_log_in_can_be_disabled()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => new AuthClient(_server.Invoker).LogInAnonymousAsync());

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task An_unknown_realm_is_refused_when_realms_are_not_created_on_bind()
    {
        await using var client = RawSyncClient.Open(_server.Invoker);

        Assert.Null(await client.BindAsync(await TokenAsync(), "does-not-exist"));

        Assert.Equal(SyncErrorCode.UnknownRealm, client.LastError!.Code);
        Assert.Contains("does not exist", client.LastError.Message, StringComparison.Ordinal);
        Assert.Null(await _server.Store.FindRealmAsync("does-not-exist", default));
    }

    [Fact]
    public async Task An_existing_realm_can_be_bound_when_realms_are_not_created_on_bind()
    {
        await _server.Store.GetOrCreateRealmAsync("provisioned", default);

        await using var client = await RawSyncClient.BindAsync(_server.Invoker, await TokenAsync(), "provisioned");

        Assert.Equal(1, (await client.WaitForAckAsync(await client.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "A")))).Download.UploadAck);
    }

    [Fact]
    public async Task A_stream_that_never_binds_is_ended_with_a_protocol_violation()
    {
        await using var client = RawSyncClient.Open(_server.Invoker);

        var error = await client.ExpectErrorAsync();

        Assert.Equal(SyncErrorCode.ProtocolViolation, error.Code);
        Assert.Contains("No Bind", error.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, (await client.CompletionAsync()).StatusCode);
    }

    [Fact]
    public async Task Non_increasing_client_versions_in_an_upload_are_a_protocol_violation()
    {
        await _server.Store.GetOrCreateRealmAsync("versions", default);
        await using var client = await RawSyncClient.BindAsync(_server.Invoker, await TokenAsync(), "versions");
        var upload = new Upload();
        upload.Changesets.Add(RawSyncClient.Encode(TestSchema.CreatePerson(2, 1, "A")));
        upload.Changesets.Add(RawSyncClient.Encode(TestSchema.SetName(2, 1, "B")));

        await client.SendAsync(new ClientMessage { Upload = upload });
        var error = await client.ExpectErrorAsync();

        Assert.Equal(SyncErrorCode.ProtocolViolation, error.Code);
        Assert.Equal(2, error.ClientVersion);
        Assert.Equal(0, (await _server.Store.FindRealmAsync("versions", default))!.Head);
    }
}
