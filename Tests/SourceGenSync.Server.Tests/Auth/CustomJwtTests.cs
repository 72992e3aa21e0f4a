using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol;
using SourceGenSync.Protocol.Auth;
using SourceGenSync.Server.Auth;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Auth;

/// <summary>The custom JWT provider (option Auth:CustomJwt): tokens signed by the app's own identity system.</summary>
public sealed class CustomJwtTests
{
    private const string Issuer = "https://id.example.com";
    private const string Audience = "my-app";
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private static string[] EnabledArgs =>
        [$"--Auth:CustomJwt:SigningKey={Convert.ToBase64String(Key)}", $"--Auth:CustomJwt:Issuer={Issuer}", $"--Auth:CustomJwt:Audience={Audience}"];

    [Fact]
    public async Task A_valid_token_logs_in_a_stable_user_per_subject_with_provider_custom_jwt()
    {
        await using var server = await TestServer.StartAsync(EnabledArgs);

        var first = await LogInAsync(server, Token("alice"));
        var again = await LogInAsync(server, Token("alice"));
        var other = await LogInAsync(server, Token("bob"));

        Assert.Equal("custom-jwt", first.Provider);
        Assert.Equal(first.UserId, again.UserId);
        Assert.NotEqual(first.UserId, other.UserId);
        Assert.Equal(CustomJwtValidator.UserIdFor(Issuer, "alice"), first.UserId);
        var (identity, problem, _) = await server.Service<TokenService>().ValidateAsync(first.AccessToken);
        Assert.Equal(TokenProblem.None, problem);
        Assert.Equal((first.UserId, "custom-jwt"), (identity!.UserId, identity.Provider));
    }

    [Fact]
    public async Task Its_refresh_token_works_like_any_other()
    {
        await using var server = await TestServer.StartAsync(EnabledArgs);
        var tokens = await LogInAsync(server, Token("alice"));

        var refreshed = await new AuthClient(server.Invoker).RefreshAsync(tokens.RefreshToken);

        Assert.Equal(tokens.UserId, refreshed.UserId);
        Assert.Equal("custom-jwt", refreshed.Provider);
    }

    [Theory]
    [InlineData("signature", "signature")]
    [InlineData("expired", "expired")]
    [InlineData("issuer", "issuer")]
    [InlineData("audience", "audience")]
    [InlineData("no-subject", "subject")]
    [InlineData("garbage", "malformed")]
    public async Task A_bad_token_is_unauthenticated_with_the_reason(string flaw, string reason)
    {
        await using var server = await TestServer.StartAsync(EnabledArgs);
        var token = flaw switch
        {
            "signature" => Token("alice", key: RandomNumberGenerator.GetBytes(32)),
            "expired" => Token("alice", expires: DateTimeOffset.UtcNow.AddHours(-1)),
            "issuer" => Token("alice", issuer: "https://other.example.com"),
            "audience" => Token("alice", audience: "another-app"),
            "no-subject" => Token(null),
            _ => "not.a.jwt",
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => LogInAsync(server, token));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains(reason, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_signing_key_the_provider_is_disabled_with_a_clear_message()
    {
        await using var server = await TestServer.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => LogInAsync(server, Token("alice")));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("Auth:CustomJwt:SigningKey", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issuer_and_audience_are_optional()
    {
        await using var server = await TestServer.StartAsync($"--Auth:CustomJwt:SigningKey={Convert.ToBase64String(Key)}");

        var tokens = await LogInAsync(server, Token("carol", issuer: "anyone", audience: "anything"));

        Assert.Equal(CustomJwtValidator.UserIdFor("anyone", "carol"), tokens.UserId);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public async Task A_bad_signing_key_stops_the_server_at_start(string key)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestServer.StartAsync($"--Auth:CustomJwt:SigningKey={key}"));

        Assert.Contains("Auth:CustomJwt:SigningKey", error.Message, StringComparison.Ordinal);
    }

    private static async Task<Tokens> LogInAsync(TestServer server, string token)
    {
        using var call = server.Invoker.AsyncUnaryCall(ServiceMethods.LogInCustomJwt, new CallOptions(null, DateTime.UtcNow.AddSeconds(30)), new LogInCustomJwtRequest { Token = token });
        return await call.ResponseAsync;
    }

    private static string Token(string? subject, byte[]? key = null, string issuer = Issuer, string audience = Audience, DateTimeOffset? expires = null)
    {
        var expiry = expires ?? DateTimeOffset.UtcNow.AddMinutes(10);
        var issuedAt = expiry.AddMinutes(-20);
        var claims = new Dictionary<string, object>();
        if (subject is not null)
        {
            claims[JwtRegisteredClaimNames.Sub] = subject;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expiry.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? Key), SecurityAlgorithms.HmacSha256),
            Claims = claims,
        });
    }
}
