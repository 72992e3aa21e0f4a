using System;
using System.Linq;
using System.Threading.Tasks;
using Google.Protobuf;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Sync;

/// <summary>Schema handling at Bind: additive changes in development mode, breaking changes never; oversized messages.</summary>
public sealed class SchemaTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly AuthClient _auth = new(fixture.Server.Invoker);

    private static string NewRealm() => "schema-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Development_mode_adds_new_classes_and_properties_to_the_realm_schema()
    {
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using (var first = await RawSyncClient.BindAsync(fixture.Server.Invoker, token, realm))
        {
        }

        var extended = TestSchema.Default.Select(c => c.Clone()).ToList();
        extended[0].Properties.Add(new PropertySchema { Name = "Email", Type = "string?" });
        extended.Add(TestSchema.Class("Cat", "_id", ClassKind.TopLevel, ("_id", "objectid"), ("Lives", "int")));
        await using var second = RawSyncClient.Open(fixture.Server.Invoker);

        Assert.NotNull(await second.BindAsync(token, realm, schema: extended));

        var stored = (await fixture.Server.Store.FindRealmAsync(realm, default))!.SchemaJson;
        Assert.Contains("\"Email\"", stored, StringComparison.Ordinal);
        Assert.Contains("\"Cat\"", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_a_property_type_is_a_bad_schema()
    {
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using (await RawSyncClient.BindAsync(fixture.Server.Invoker, token, realm))
        {
        }

        var changed = TestSchema.Default.Select(c => c.Clone()).ToList();
        changed[0].Properties.Single(p => p.Name == "Age").Type = "string?";
        await using var client = RawSyncClient.Open(fixture.Server.Invoker);

        Assert.Null(await client.BindAsync(token, realm, schema: changed));

        Assert.Equal(SyncErrorCode.BadSchema, client.LastError!.Code);
        Assert.Contains("Person.Age", client.LastError.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, (await client.CompletionAsync()).StatusCode);
    }

    [Fact]
    public async Task Changing_a_primary_key_is_a_bad_schema()
    {
        var realm = NewRealm();
        var token = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using (await RawSyncClient.BindAsync(fixture.Server.Invoker, token, realm))
        {
        }

        var changed = TestSchema.Default.Select(c => c.Clone()).ToList();
        changed[1].PrimaryKey = "Name";
        changed[1].Properties.Single(p => p.Name == "Name").Type = "string";
        await using var client = RawSyncClient.Open(fixture.Server.Invoker);

        Assert.Null(await client.BindAsync(token, realm, schema: changed));
        Assert.Equal(SyncErrorCode.BadSchema, client.LastError!.Code);
    }

    [Fact]
    public async Task An_unknown_type_name_is_a_bad_schema()
    {
        var schema = TestSchema.Default.Select(c => c.Clone()).ToList();
        schema[0].Properties.Add(new PropertySchema { Name = "Weird", Type = "quaternion" });
        await using var client = RawSyncClient.Open(fixture.Server.Invoker);

        Assert.Null(await client.BindAsync((await _auth.LogInAnonymousAsync()).AccessToken, NewRealm(), schema: schema));

        Assert.Equal(SyncErrorCode.BadSchema, client.LastError!.Code);
        Assert.Contains("quaternion", client.LastError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_development_mode_additive_changes_are_refused()
    {
        await using var server = await TestServer.StartAsync("--Server:DevelopmentMode=false");
        var token = (await new AuthClient(server.Invoker).LogInAnonymousAsync()).AccessToken;
        await using var client = RawSyncClient.Open(server.Invoker);

        Assert.Null(await client.BindAsync(token, "production"));

        Assert.Equal(SyncErrorCode.BadSchema, client.LastError!.Code);
        Assert.Contains("development mode", client.LastError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_message_is_resource_exhausted_and_nothing_is_stored()
    {
        var realm = NewRealm();
        // A client without a send limit, so the oversized message reaches the server.
        using var unlimited = new GrpcHttpChannel(fixture.Server.Address, new GrpcChannelOptions { MaxSendMessageSize = null });
        await using var client = await RawSyncClient.BindAsync(unlimited.CreateCallInvoker(), (await _auth.LogInAnonymousAsync()).AccessToken, realm);
        var upload = new Upload { BaseServerVersion = 0 };
        upload.Changesets.Add(new UploadChangeset { ClientVersion = 1, OriginTimestamp = TestSchema.Now(), Data = ByteString.CopyFrom(new byte[5 * 1024 * 1024]) });

        await client.SendAsync(new ClientMessage { Upload = upload });
        var status = await client.CompletionAsync();

        Assert.Equal(StatusCode.ResourceExhausted, status.StatusCode);
        Assert.NotEmpty(status.Detail);
        Assert.Equal(0, (await fixture.Server.Store.FindRealmAsync(realm, default))!.Head);
        await using var other = await RawSyncClient.BindAsync(fixture.Server.Invoker, (await _auth.LogInAnonymousAsync()).AccessToken, realm);
        Assert.Equal(1, (await other.WaitForAckAsync(await other.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "ok")))).Download.UploadAck);
    }
}
