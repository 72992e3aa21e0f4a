using System;
using System.Threading.Tasks;
using SourceGenSync.Server.Auth;

namespace SourceGenSync.Server.Tests.Auth;

public sealed class TokenServiceTests
{
    private static TokenService NewService(byte[]? key = null) =>
        new(key ?? TokenService.GenerateKey(), TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(30), TimeProvider.System);

    [Fact]
    public async Task An_issued_token_validates_with_its_user_and_provider()
    {
        var service = NewService();
        var (token, expires) = service.Issue("user-1", "anonymous");

        var (identity, problem, _) = await service.ValidateAsync(token);

        Assert.Equal(TokenProblem.None, problem);
        Assert.Equal(("user-1", "anonymous"), (identity!.UserId, identity.Provider));
        Assert.Empty(identity.Claims);
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddMinutes(29), DateTimeOffset.UtcNow.AddMinutes(31));
    }

    [Fact]
    public async Task An_expired_token_is_reported_as_expired()
    {
        var service = NewService();
        var (token, _) = service.Issue("user-1", "anonymous", DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromMinutes(30));

        var (identity, problem, reason) = await service.ValidateAsync(token);

        Assert.Null(identity);
        Assert.Equal(TokenProblem.Expired, problem);
        Assert.Contains("expired", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_invalid()
    {
        var (token, _) = NewService().Issue("user-1", "anonymous");

        var (identity, problem, _) = await NewService().ValidateAsync(token);

        Assert.Null(identity);
        Assert.Equal(TokenProblem.Invalid, problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a jwt")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task Missing_or_malformed_tokens_are_rejected(string token)
    {
        var (identity, problem, _) = await NewService().ValidateAsync(token);

        Assert.Null(identity);
        Assert.NotEqual(TokenProblem.None, problem);
    }

    [Fact]
    public void Password_hashes_verify_only_the_right_password_and_differ_by_salt()
    {
        var (hash, salt) = PasswordHasher.Hash("correct horse", 1000);
        var (otherHash, otherSalt) = PasswordHasher.Hash("correct horse", 1000);

        Assert.True(PasswordHasher.Verify("correct horse", hash, salt, 1000));
        Assert.False(PasswordHasher.Verify("correct horsf", hash, salt, 1000));
        Assert.False(PasswordHasher.Verify("correct horse", hash, salt, 1001));
        Assert.NotEqual(Convert.ToHexString(salt), Convert.ToHexString(otherSalt));
        Assert.NotEqual(Convert.ToHexString(hash), Convert.ToHexString(otherHash));
    }
}
