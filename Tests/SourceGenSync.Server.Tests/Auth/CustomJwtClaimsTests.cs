using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol;
using SourceGenSync.Protocol.Auth;
using SourceGenSync.Server.Auth;
using SourceGenSync.Server.Storage;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Auth;

/// <summary>A custom JWT's claims become the user's claims: stored, refreshed, and carried in access tokens.</summary>
public sealed class CustomJwtClaimsTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private static string[] EnabledArgs => [$"--Auth:CustomJwt:SigningKey={Convert.ToBase64String(Key)}"];

    [Fact]
    public async Task The_tokens_scalar_claims_are_stored_with_the_user_and_carried_in_its_access_token()
    {
        await using var server = await TestServer.StartAsync(EnabledArgs);

        var tokens = await LogInAsync(server, Token("alice", """
            "team":"red","level":3,"admin":false,"roles":["a"],"org":{"id":"o"},"cl":{"team":"admins"},"prv":"anonymous"
            """));

        var identity = await ValidateAsync(server, tokens.AccessToken);
        var expected = new Dictionary<string, string> { ["team"] = "red", ["level"] = "3", ["admin"] = "false", ["prv"] = "anonymous" };
        Assert.Equal("custom-jwt", identity.Provider);
        Assert.Equal(expected, identity.Claims);
        var user = await server.Store.FindUserAsync(tokens.UserId, default);
        Assert.Equal(expected, UserClaims.FromJson(user!.ClaimsJson));
    }

    [Fact]
    public async Task Each_log_in_replaces_the_claims_and_a_refresh_carries_the_latest()
    {
        await using var server = await TestServer.StartAsync(EnabledArgs);
        var auth = new AuthClient(server.Invoker);
        var first = await LogInAsync(server, Token("alice", "\"team\":\"red\",\"floor\":\"2\""));

        var second = await LogInAsync(server, Token("alice", "\"team\":\"blue\""));
        var refreshedFirst = await auth.RefreshAsync(first.RefreshToken);
        var withoutClaims = await LogInAsync(server, Token("alice", null));
        var refreshedSecond = await auth.RefreshAsync(second.RefreshToken);

        Assert.Equal(first.UserId, second.UserId);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "red", ["floor"] = "2" }, (await ValidateAsync(server, first.AccessToken)).Claims);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "blue" }, (await ValidateAsync(server, second.AccessToken)).Claims);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "blue" }, (await ValidateAsync(server, refreshedFirst.AccessToken)).Claims);
        Assert.Empty((await ValidateAsync(server, withoutClaims.AccessToken)).Claims);
        Assert.Empty((await ValidateAsync(server, refreshedSecond.AccessToken)).Claims);
        Assert.Null((await server.Store.FindUserAsync(first.UserId, default))!.ClaimsJson);
    }

    [Fact]
    public async Task Excess_claims_are_ignored_and_the_log_in_still_succeeds()
    {
        await using var server = await TestServer.StartAsync(EnabledArgs);
        var fields = new List<string> { $"\"{new string('n', 65)}\":\"x\"", $"\"long\":\"{new string('v', 257)}\"" };
        for (var i = 0; i < 50; i++)
        {
            fields.Add($"\"c{i:D2}\":\"{new string('v', 20)}\"");
        }

        var tokens = await LogInAsync(server, Token("alice", string.Join(',', fields)));

        var claims = (await ValidateAsync(server, tokens.AccessToken)).Claims;
        Assert.Equal(UserClaims.MaxCount, claims.Count);
        Assert.All(claims, static c => Assert.Equal((3, 20), (c.Key.Length, c.Value.Length)));
    }

    [Fact]
    public async Task Other_providers_have_no_claims_even_for_a_user_who_has_some()
    {
        await using var server = await TestServer.StartAsync(EnabledArgs);
        var auth = new AuthClient(server.Invoker);
        var jwt = await LogInAsync(server, Token("alice", "\"team\":\"red\""));
        var key = await auth.CreateApiKeyAsync(jwt.AccessToken, "ci");

        var viaKey = await auth.LogInApiKeyAsync(key.Key);
        var refreshed = await auth.RefreshAsync(viaKey.RefreshToken);
        var anonymous = await auth.LogInAnonymousAsync();

        Assert.Equal(jwt.UserId, viaKey.UserId);
        Assert.Empty((await ValidateAsync(server, viaKey.AccessToken)).Claims);
        Assert.Empty((await ValidateAsync(server, refreshed.AccessToken)).Claims);
        Assert.Empty((await ValidateAsync(server, anonymous.AccessToken)).Claims);
    }

    [Fact]
    public async Task A_store_created_before_claims_gets_the_column_and_keeps_its_users()
    {
        var data = TestServer.NewDataPath();
        try
        {
            // The users table as earlier versions created it (no claims_json), with one user in it.
            System.IO.Directory.CreateDirectory(data);
            await using (var connection = new SqliteConnection($"Data Source={System.IO.Path.Combine(data, "sync.db")};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    CREATE TABLE users (
                        id TEXT PRIMARY KEY, email TEXT UNIQUE, provider TEXT NOT NULL,
                        password_hash BLOB, password_salt BLOB, password_iterations INTEGER NOT NULL DEFAULT 0,
                        created_at INTEGER NOT NULL) WITHOUT ROWID;
                    INSERT INTO users(id, provider, created_at) VALUES ('old-user', 'anonymous', 1);
                    """;
                await command.ExecuteNonQueryAsync();
            }

            for (var start = 0; start < 2; start++)
            {
                using var store = new SqliteSyncStore(data);
                await store.InitializeAsync(default);
                Assert.Equal("anonymous", (await store.FindUserAsync("old-user", default))!.Provider);
                Assert.True(await store.SetUserClaimsAsync("old-user", """{"team":"red"}""", default));
                Assert.Equal("""{"team":"red"}""", (await store.FindUserAsync("old-user", default))!.ClaimsJson);
                Assert.False(await store.SetUserClaimsAsync("nobody", null, default));
            }
        }
        finally
        {
            TestServer.DeleteFolder(data);
        }
    }

    private static async Task<AccessIdentity> ValidateAsync(TestServer server, string accessToken)
    {
        var (identity, problem, reason) = await server.Service<TokenService>().ValidateAsync(accessToken);
        Assert.True(problem == TokenProblem.None, reason);
        return identity!;
    }

    private static async Task<Tokens> LogInAsync(TestServer server, string token)
    {
        using var call = server.Invoker.AsyncUnaryCall(ServiceMethods.LogInCustomJwt, new CallOptions(null, DateTime.UtcNow.AddSeconds(30)), new LogInCustomJwtRequest { Token = token });
        return await call.ResponseAsync;
    }

    // A token whose payload has sub, exp and the given extra JSON members (written as is, duplicates and all).
    private static string Token(string subject, string? extraMembers)
    {
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var payload = $$"""{"sub":"{{subject}}","exp":{{exp}}{{(extraMembers is null ? "" : "," + extraMembers.Trim())}}}""";
        return new JsonWebTokenHandler().CreateToken(payload, new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256));
    }
}
