using System;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Server.Auth;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Auth;

public sealed class AuthServiceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly AuthClient _auth = new(fixture.Server.Invoker);

    private static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task Anonymous_log_in_returns_a_valid_access_token_and_a_refresh_token()
    {
        var tokens = await _auth.LogInAnonymousAsync();

        Assert.Equal("anonymous", tokens.Provider);
        Assert.NotEmpty(tokens.UserId);
        Assert.StartsWith("sgsr_", tokens.RefreshToken);
        Assert.True(tokens.AccessTokenExpiresAt > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var (identity, problem, _) = await fixture.Server.Service<TokenService>().ValidateAsync(tokens.AccessToken);
        Assert.Equal(TokenProblem.None, problem);
        Assert.Equal(tokens.UserId, identity!.UserId);
    }

    [Fact]
    public async Task Each_anonymous_log_in_is_a_new_user()
    {
        var first = await _auth.LogInAnonymousAsync();
        var second = await _auth.LogInAnonymousAsync();

        Assert.NotEqual(first.UserId, second.UserId);
    }

    [Fact]
    public async Task Register_then_log_in_returns_the_registered_user()
    {
        var email = NewEmail();
        var registered = await _auth.RegisterAsync(email, "correct horse battery");

        var tokens = await _auth.LogInAsync(email.ToUpperInvariant(), "correct horse battery");

        Assert.Equal(registered.UserId, tokens.UserId);
        Assert.Equal("email-password", tokens.Provider);
    }

    [Fact]
    public async Task Wrong_password_is_unauthenticated_without_saying_which_part_was_wrong()
    {
        var email = NewEmail();
        await _auth.RegisterAsync(email, "correct horse battery");

        var wrongPassword = await Assert.ThrowsAsync<RpcException>(() => _auth.LogInAsync(email, "wrong horse battery"));
        var unknownEmail = await Assert.ThrowsAsync<RpcException>(() => _auth.LogInAsync(NewEmail(), "correct horse battery"));

        Assert.Equal(StatusCode.Unauthenticated, wrongPassword.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, unknownEmail.StatusCode);
        Assert.Equal(wrongPassword.Status.Detail, unknownEmail.Status.Detail);
    }

    [Fact]
    public async Task Registering_an_email_twice_is_already_exists()
    {
        var email = NewEmail();
        await _auth.RegisterAsync(email, "correct horse battery");

        var error = await Assert.ThrowsAsync<RpcException>(() => _auth.RegisterAsync(email, "another password"));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }

    [Theory]
    [InlineData("not-an-email", "long enough password")]
    [InlineData("a@b.c", "short")]
    public async Task Register_rejects_invalid_email_or_short_password(string email, string password)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _auth.RegisterAsync(email, password));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.NotEmpty(error.Status.Detail);
    }

    [Fact]
    public async Task Passwords_are_stored_as_salted_pbkdf2_hashes()
    {
        var email = NewEmail();
        await _auth.RegisterAsync(email, "correct horse battery");
        await _auth.RegisterAsync(NewEmail(), "correct horse battery");

        var user = await fixture.Server.Store.FindUserByEmailAsync(email, default);

        Assert.NotNull(user!.PasswordHash);
        Assert.Equal(32, user.PasswordHash!.Length);
        Assert.Equal(16, user.PasswordSalt!.Length);
        Assert.Equal(1000, user.PasswordIterations);
        Assert.False(user.PasswordHash.SequenceEqual(System.Text.Encoding.UTF8.GetBytes("correct horse battery")));
    }

    [Fact]
    public async Task Refresh_issues_a_new_access_token_for_the_same_user()
    {
        var tokens = await _auth.LogInAnonymousAsync();

        var refreshed = await _auth.RefreshAsync(tokens.RefreshToken);

        Assert.Equal(tokens.UserId, refreshed.UserId);
        Assert.Equal("anonymous", refreshed.Provider);
        Assert.NotEqual(tokens.AccessToken, refreshed.AccessToken);
    }

    [Fact]
    public async Task Log_out_revokes_the_refresh_token()
    {
        var tokens = await _auth.LogInAnonymousAsync();

        await _auth.LogOutAsync(tokens.RefreshToken);
        var error = await Assert.ThrowsAsync<RpcException>(() => _auth.RefreshAsync(tokens.RefreshToken));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        await _auth.LogOutAsync(tokens.RefreshToken); // idempotent
    }

    [Fact]
    public async Task An_unknown_refresh_token_is_unauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _auth.RefreshAsync("sgsr_not-a-real-token"));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Refresh_tokens_are_stored_hashed()
    {
        var tokens = await _auth.LogInAnonymousAsync();

        var byHash = await fixture.Server.Store.FindRefreshTokenAsync(Secrets.Hash(tokens.RefreshToken), default);
        var byPlain = await fixture.Server.Store.FindRefreshTokenAsync(System.Text.Encoding.UTF8.GetBytes(tokens.RefreshToken), default);

        Assert.NotNull(byHash);
        Assert.Null(byPlain);
    }

    [Fact]
    public async Task Api_keys_can_be_created_listed_used_and_revoked()
    {
        var owner = await _auth.LogInAnonymousAsync();

        var key = await _auth.CreateApiKeyAsync(owner.AccessToken, "build server");
        var listed = await _auth.ListApiKeysAsync(owner.AccessToken);
        var viaKey = await _auth.LogInApiKeyAsync(key.Key);

        Assert.StartsWith("sgsk_", key.Key);
        var entry = Assert.Single(listed.Keys);
        Assert.Equal(key.Id, entry.Id);
        Assert.Equal("build server", entry.Name);
        Assert.Empty(entry.Key); // the secret is shown once
        Assert.Equal(owner.UserId, viaKey.UserId);
        Assert.Equal("api-key", viaKey.Provider);

        await _auth.RevokeApiKeyAsync(owner.AccessToken, key.Id);
        var error = await Assert.ThrowsAsync<RpcException>(() => _auth.LogInApiKeyAsync(key.Key));
        var afterRevoke = await _auth.ListApiKeysAsync(owner.AccessToken);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.True(Assert.Single(afterRevoke.Keys).Disabled);
    }

    [Fact]
    public async Task Api_key_management_needs_a_valid_access_token()
    {
        var missing = await Assert.ThrowsAsync<RpcException>(() => _auth.CreateApiKeyAsync(null, "key"));
        var forged = await Assert.ThrowsAsync<RpcException>(() => _auth.ListApiKeysAsync("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"));

        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        Assert.Contains("authorization", missing.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unauthenticated, forged.StatusCode);
    }

    [Fact]
    public async Task A_user_cannot_revoke_another_users_api_key()
    {
        var owner = await _auth.LogInAnonymousAsync();
        var other = await _auth.LogInAnonymousAsync();
        var key = await _auth.CreateApiKeyAsync(owner.AccessToken, "mine");

        var error = await Assert.ThrowsAsync<RpcException>(() => _auth.RevokeApiKeyAsync(other.AccessToken, key.Id));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal(owner.UserId, (await _auth.LogInApiKeyAsync(key.Key)).UserId);
    }
}
