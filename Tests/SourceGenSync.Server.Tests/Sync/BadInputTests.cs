using System;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Google.Protobuf;
using SourceGenSync.Changesets;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Auth;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Sync;

/// <summary>
/// Hostile or broken input: each case gets the right SyncError (code, action, a message) and gRPC status, the
/// realm's history is unchanged, and the server goes on serving another client.
/// </summary>
public sealed class BadInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly AuthClient _auth = new(fixture.Server.Invoker);

    private async Task<string> TokenAsync() => (await _auth.LogInAnonymousAsync()).AccessToken;

    private static string NewRealm() => "bad-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Malformed_changeset_bytes_are_a_bad_changeset()
    {
        var bytes = ChangesetCodec.Encode(TestSchema.CreatePerson(1, 1, "A"));
        bytes[^1] ^= 0xFF; // checksum
        await AssertUploadRefusedAsync(new UploadChangeset { ClientVersion = 1, OriginTimestamp = TestSchema.Now(), Data = ByteString.CopyFrom(bytes) },
            SyncErrorCode.BadChangeset, SyncErrorAction.ClientReset, StatusCode.InvalidArgument, "cannot be decoded");
    }

    [Fact]
    public async Task Random_garbage_as_changeset_is_a_bad_changeset()
    {
        await AssertUploadRefusedAsync(new UploadChangeset { ClientVersion = 1, OriginTimestamp = TestSchema.Now(), Data = ByteString.CopyFromUtf8("definitely not a changeset") },
            SyncErrorCode.BadChangeset, SyncErrorAction.ClientReset, StatusCode.InvalidArgument, "cannot be decoded");
    }

    [Fact]
    public async Task An_unknown_class_is_a_bad_changeset()
    {
        var changeset = TestSchema.Changeset(1, new CreateObject(ObjectRef.TopLevel("Spaceship", 1)));
        await AssertUploadRefusedAsync(RawSyncClient.Encode(changeset), SyncErrorCode.BadChangeset, SyncErrorAction.ClientReset, StatusCode.InvalidArgument, "'Spaceship' is not in the realm's schema");
    }

    [Fact]
    public async Task An_unknown_property_is_a_bad_changeset()
    {
        var changeset = TestSchema.Changeset(1, new SetField(TestSchema.Person(1), "Wingspan", Payload.Of(3)));
        await AssertUploadRefusedAsync(RawSyncClient.Encode(changeset), SyncErrorCode.BadChangeset, SyncErrorAction.ClientReset, StatusCode.InvalidArgument, "has no property 'Wingspan'");
    }

    [Fact]
    public async Task A_wrongly_typed_value_is_a_bad_changeset()
    {
        var changeset = TestSchema.Changeset(1, new SetField(TestSchema.Person(1), "Age", Payload.Of("forty")));
        await AssertUploadRefusedAsync(RawSyncClient.Encode(changeset), SyncErrorCode.BadChangeset, SyncErrorAction.ClientReset, StatusCode.InvalidArgument, "cannot hold a String value");
    }

    [Fact]
    public async Task A_wrongly_typed_primary_key_is_a_bad_changeset()
    {
        var changeset = TestSchema.Changeset(1, new CreateObject(ObjectRef.TopLevel("Person", "one")));
        await AssertUploadRefusedAsync(RawSyncClient.Encode(changeset), SyncErrorCode.BadChangeset, SyncErrorAction.ClientReset, StatusCode.InvalidArgument, "primary key");
    }

    [Fact]
    public async Task A_list_instruction_on_a_scalar_field_is_a_bad_changeset()
    {
        var changeset = TestSchema.Changeset(1, new ListInsert(TestSchema.Person(1), "Name", 0, Payload.Of("x")));
        await AssertUploadRefusedAsync(RawSyncClient.Encode(changeset), SyncErrorCode.BadChangeset, SyncErrorAction.ClientReset, StatusCode.InvalidArgument, "'Person.Name'");
    }

    [Fact]
    public async Task A_link_to_the_wrong_class_is_a_bad_changeset()
    {
        var changeset = TestSchema.Changeset(1, new SetField(TestSchema.Person(1), "Dog", Payload.Link("Person", 2)));
        await AssertUploadRefusedAsync(RawSyncClient.Encode(changeset), SyncErrorCode.BadChangeset, SyncErrorAction.ClientReset, StatusCode.InvalidArgument, "cannot hold a link");
    }

    [Fact]
    public async Task An_embedded_path_through_a_non_embedded_property_is_a_bad_changeset()
    {
        var target = new ObjectRef("Person", 1, ImmutableArray.Create(new PathElement("Name")));
        var changeset = TestSchema.Changeset(1, new SetField(target, "City", Payload.Of("Oslo")));
        await AssertUploadRefusedAsync(RawSyncClient.Encode(changeset), SyncErrorCode.BadChangeset, SyncErrorAction.ClientReset, StatusCode.InvalidArgument, "not an embedded-object property");
    }

    [Fact]
    public async Task A_version_mismatch_between_upload_and_changeset_is_a_bad_changeset()
    {
        var encoded = RawSyncClient.Encode(TestSchema.CreatePerson(5, 1, "A"));
        encoded.ClientVersion = 1;
        await AssertUploadRefusedAsync(encoded, SyncErrorCode.BadChangeset, SyncErrorAction.ClientReset, StatusCode.InvalidArgument, "says it is version 5");
    }

    [Fact]
    public async Task A_far_future_timestamp_is_a_bad_timestamp()
    {
        var future = (DateTimeOffset.UtcNow.AddDays(3).ToUnixTimeMilliseconds() << 16);
        var changeset = new Changeset(1, future, [new CreateObject(TestSchema.Person(1))]);
        await AssertUploadRefusedAsync(RawSyncClient.Encode(changeset), SyncErrorCode.BadTimestamp, SyncErrorAction.Transient, StatusCode.InvalidArgument, "ahead of the server's clock");
    }

    [Fact]
    public async Task An_upload_while_one_is_in_flight_is_a_protocol_violation()
    {
        var realm = NewRealm();
        await using var client = await RawSyncClient.BindAsync(fixture.Server.Invoker, await TokenAsync(), realm);
        var first = new Upload { BaseServerVersion = 0 };
        first.Changesets.Add(RawSyncClient.Encode(TestSchema.CreatePerson(1, 1, "A")));
        var second = new Upload { BaseServerVersion = 0 };
        second.Changesets.Add(RawSyncClient.Encode(TestSchema.CreatePerson(2, 2, "B")));

        // Both before reading anything: the second certainly arrives before the first one's ack was read.
        await client.SendAsync(new ClientMessage { Upload = first });
        await client.SendAsync(new ClientMessage { Upload = second });
        var error = await client.ExpectErrorAsync();

        // The session refuses it while the first is in flight; if the first's ack already went out, the integrator
        // refuses it for its stale base. Either way the message says to wait for the acknowledgement.
        Assert.Equal(SyncErrorCode.ProtocolViolation, error.Code);
        Assert.Contains("acknowledg", error.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, (await client.CompletionAsync()).StatusCode);
        Assert.Equal(1, await HistoryCountAsync(realm)); // the first one, acknowledged or not, was integrated
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task A_message_before_bind_is_a_protocol_violation()
    {
        await using var client = RawSyncClient.Open(fixture.Server.Invoker);

        await client.SendAsync(new ClientMessage { Ping = new Ping { Timestamp = 1 } });
        var error = await client.ExpectErrorAsync();

        Assert.Equal(SyncErrorCode.ProtocolViolation, error.Code);
        Assert.Equal(SyncErrorAction.Fatal, error.Action);
        Assert.True(error.Fatal);
        Assert.Contains("must be Bind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_bind_is_a_protocol_violation()
    {
        var token = await TokenAsync();
        await using var client = await RawSyncClient.BindAsync(fixture.Server.Invoker, token, NewRealm());

        await client.SendAsync(new ClientMessage { Bind = new Bind { ProtocolVersion = 1, Realm = "x", AccessToken = token } });

        Assert.Equal(SyncErrorCode.ProtocolViolation, (await client.ExpectErrorAsync()).Code);
    }

    [Fact]
    public async Task An_unsupported_protocol_version_is_refused()
    {
        await using var client = RawSyncClient.Open(fixture.Server.Invoker);

        Assert.Null(await client.BindAsync(await TokenAsync(), NewRealm(), protocolVersion: 2));

        Assert.Equal(SyncErrorCode.UnsupportedProtocolVersion, client.LastError!.Code);
        Assert.Equal(StatusCode.Unimplemented, (await client.CompletionAsync()).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has spaces")]
    [InlineData("../../etc/passwd")]
    [InlineData("-starts-with-dash")]
    public async Task A_malformed_realm_name_is_an_unknown_realm(string realm)
    {
        await using var client = RawSyncClient.Open(fixture.Server.Invoker);

        Assert.Null(await client.BindAsync(await TokenAsync(), realm));

        Assert.Equal(SyncErrorCode.UnknownRealm, client.LastError!.Code);
        Assert.Equal(StatusCode.NotFound, (await client.CompletionAsync()).StatusCode);
    }

    [Fact]
    public async Task A_missing_token_is_bad_authentication()
    {
        await using var client = RawSyncClient.Open(fixture.Server.Invoker);

        Assert.Null(await client.BindAsync("", NewRealm()));

        Assert.Equal(SyncErrorCode.BadAuthentication, client.LastError!.Code);
        Assert.Equal(SyncErrorAction.LogOut, client.LastError.Action);
        Assert.Equal(StatusCode.Unauthenticated, (await client.CompletionAsync()).StatusCode);
    }

    [Fact]
    public async Task A_forged_token_is_bad_authentication()
    {
        var forged = new TokenService(TokenService.GenerateKey(), TimeSpan.FromMinutes(5), TimeSpan.Zero, TimeProvider.System).Issue("intruder", "anonymous").Token;
        await using var client = RawSyncClient.Open(fixture.Server.Invoker);

        Assert.Null(await client.BindAsync(forged, NewRealm()));

        Assert.Equal(SyncErrorCode.BadAuthentication, client.LastError!.Code);
    }

    [Fact]
    public async Task An_expired_token_asks_for_a_refresh()
    {
        var expired = fixture.Server.Service<TokenService>().Issue("someone", "anonymous", DateTimeOffset.UtcNow.AddHours(-3), TimeSpan.FromMinutes(30)).Token;
        await using var client = RawSyncClient.Open(fixture.Server.Invoker);

        Assert.Null(await client.BindAsync(expired, NewRealm()));

        Assert.Equal(SyncErrorCode.TokenExpired, client.LastError!.Code);
        Assert.Equal(SyncErrorAction.RefreshToken, client.LastError.Action);
    }

    [Fact]
    public async Task A_wrong_salt_is_a_bad_client_file()
    {
        var token = await TokenAsync();
        var realm = NewRealm();
        ClientFileIdent file;
        await using (var first = await RawSyncClient.BindAsync(fixture.Server.Invoker, token, realm))
        {
            file = first.File!;
        }

        await using var client = RawSyncClient.Open(fixture.Server.Invoker);
        Assert.Null(await client.BindAsync(token, realm, new ClientFileIdent { Ident = file.Ident, Salt = file.Salt + 1 }));

        Assert.Equal(SyncErrorCode.BadClientFile, client.LastError!.Code);
        Assert.Equal(SyncErrorAction.ClientReset, client.LastError.Action);
        Assert.Contains("salt", client.LastError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_client_file_is_a_bad_client_file()
    {
        await using var client = RawSyncClient.Open(fixture.Server.Invoker);

        Assert.Null(await client.BindAsync(await TokenAsync(), NewRealm(), new ClientFileIdent { Ident = 987654321, Salt = 5 }));

        Assert.Equal(SyncErrorCode.BadClientFile, client.LastError!.Code);
    }

    [Fact]
    public async Task A_client_file_of_another_user_is_permission_denied()
    {
        var realm = NewRealm();
        ClientFileIdent file;
        await using (var first = await RawSyncClient.BindAsync(fixture.Server.Invoker, await TokenAsync(), realm))
        {
            file = first.File!;
        }

        await using var client = RawSyncClient.Open(fixture.Server.Invoker);
        Assert.Null(await client.BindAsync(await TokenAsync(), realm, file));

        Assert.Equal(SyncErrorCode.PermissionDenied, client.LastError!.Code);
    }

    [Fact]
    public async Task A_download_cursor_ahead_of_the_server_requires_a_client_reset()
    {
        await using var client = RawSyncClient.Open(fixture.Server.Invoker);

        Assert.Null(await client.BindAsync(await TokenAsync(), NewRealm(), downloadCursor: 1000));

        Assert.Equal(SyncErrorCode.ClientResetRequired, client.LastError!.Code);
    }

    [Fact]
    public async Task An_upload_based_below_its_own_last_integration_is_a_protocol_violation()
    {
        var realm = NewRealm();
        await using var client = await RawSyncClient.BindAsync(fixture.Server.Invoker, await TokenAsync(), realm);
        await client.WaitForAckAsync(await client.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "A")));

        var stale = new Upload { BaseServerVersion = 0 };
        stale.Changesets.Add(RawSyncClient.Encode(TestSchema.SetName(2, 1, "B")));
        await client.SendAsync(new ClientMessage { Upload = stale });
        var error = await client.ExpectErrorAsync();

        Assert.Equal(SyncErrorCode.ProtocolViolation, error.Code);
        Assert.Contains("base_server_version", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await HistoryCountAsync(realm));
    }

    private async Task AssertUploadRefusedAsync(UploadChangeset changeset, SyncErrorCode code, SyncErrorAction action, StatusCode status, string messagePart)
    {
        var realm = NewRealm();
        await using var client = await RawSyncClient.BindAsync(fixture.Server.Invoker, await TokenAsync(), realm);
        var upload = new Upload { BaseServerVersion = 0 };
        upload.Changesets.Add(changeset);

        await client.SendAsync(new ClientMessage { Upload = upload });
        var error = await client.ExpectErrorAsync();

        Assert.Equal(code, error.Code);
        Assert.Equal(action, error.Action);
        Assert.True(error.Fatal);
        Assert.Equal(changeset.ClientVersion, error.ClientVersion);
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
        var end = await client.CompletionAsync();
        Assert.Equal(status, end.StatusCode);
        Assert.Equal(error.Message, end.Detail);
        Assert.Equal(0, await HistoryCountAsync(realm));
        await AssertServerStillServesAsync();
    }

    private async Task<int> HistoryCountAsync(string realm)
    {
        var record = await fixture.Server.Store.FindRealmAsync(realm, default);
        return record is null ? 0 : (await fixture.Server.Store.ReadHistoryAsync(record.Id, 0, long.MaxValue, long.MaxValue, default)).Count;
    }

    private async Task AssertServerStillServesAsync()
    {
        await using var other = await RawSyncClient.BindAsync(fixture.Server.Invoker, await TokenAsync(), NewRealm());
        var version = await other.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "still here"));
        Assert.Equal(version, (await other.WaitForAckAsync(version)).Download.UploadAck);
    }
}
