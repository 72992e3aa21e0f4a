using System;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;

namespace SourceGenSync.Sync.Tests.Users;

/// <summary>Every credential type against the real server, and the errors a user sees for bad ones.</summary>
public sealed class CredentialTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Anonymous_log_in_returns_a_logged_in_current_user_with_tokens()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);

        var user = await app.LogInAsync(Credentials.Anonymous());

        Assert.Equal(UserState.LoggedIn, user.State);
        Assert.Equal(AuthProvider.Anonymous, user.Provider);
        Assert.False(string.IsNullOrEmpty(user.AccessToken));
        Assert.StartsWith("sgsr_", user.RefreshToken, StringComparison.Ordinal);
        Assert.Same(app, user.App);
        Assert.Same(user, app.CurrentUser);
        Assert.Equal([user], app.AllUsers);
    }

    [Fact]
    public async Task Anonymous_reuse_existing_returns_the_same_user_and_reuse_false_creates_a_new_one()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);

        var first = await app.LogInAsync(Credentials.Anonymous());
        var reused = await app.LogInAsync(Credentials.Anonymous(reuseExisting: true));
        var fresh = await app.LogInAsync(Credentials.Anonymous(reuseExisting: false));

        Assert.Same(first, reused);
        Assert.NotEqual(first.Id, fresh.Id);
        Assert.Same(fresh, app.CurrentUser);
        Assert.Equal(2, app.AllUsers.Count);
    }

    [Fact]
    public async Task Registered_email_user_logs_in_and_a_second_log_in_returns_the_same_object()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var email = TestApps.NewEmail();

        await app.EmailPasswordAuth.RegisterUserAsync(email, Password);
        var user = await app.LogInAsync(Credentials.EmailPassword(email, Password));
        var firstToken = user.RefreshToken;
        var again = await app.LogInAsync(Credentials.EmailPassword(email.ToUpperInvariant(), Password));

        Assert.Equal(AuthProvider.EmailPassword, user.Provider);
        Assert.Same(user, again);
        Assert.NotEqual(firstToken, again.RefreshToken);
        Assert.Single(app.AllUsers);
    }

    [Fact]
    public async Task Wrong_password_fails_with_InvalidCredentials_and_logs_nobody_in()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var email = TestApps.NewEmail();
        await app.EmailPasswordAuth.RegisterUserAsync(email, Password);

        var error = await Assert.ThrowsAsync<AppException>(() => app.LogInAsync(Credentials.EmailPassword(email, "wrong horse battery")));

        Assert.Equal(AppErrorCode.InvalidCredentials, error.Code);
        Assert.Null(app.CurrentUser);
        Assert.Empty(app.AllUsers);
    }

    [Fact]
    public async Task Registering_an_address_twice_fails_with_UserAlreadyExists()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var email = TestApps.NewEmail();
        await app.EmailPasswordAuth.RegisterUserAsync(email, Password);

        var error = await Assert.ThrowsAsync<AppException>(() => app.EmailPasswordAuth.RegisterUserAsync(email, "another password"));

        Assert.Equal(AppErrorCode.UserAlreadyExists, error.Code);
    }

    [Fact]
    public async Task A_short_password_or_a_bad_address_fails_with_InvalidArgument()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);

        var shortPassword = await Assert.ThrowsAsync<AppException>(() => app.EmailPasswordAuth.RegisterUserAsync(TestApps.NewEmail(), "short"));
        var badAddress = await Assert.ThrowsAsync<AppException>(() => app.EmailPasswordAuth.RegisterUserAsync("not-an-address", Password));

        Assert.Equal(AppErrorCode.InvalidArgument, shortPassword.Code);
        Assert.Contains("8 to 256", shortPassword.Message, StringComparison.Ordinal);
        Assert.Equal(AppErrorCode.InvalidArgument, badAddress.Code);
    }

    [Fact]
    public async Task Custom_jwt_logs_in_with_a_stable_user_per_subject()
    {
        await using var server = await SyncTestServer.StartAsync(CustomJwts.ServerArgs);
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);

        var alice = await app.LogInAsync(Credentials.JWT(CustomJwts.Create("alice")));
        var aliceAgain = await app.LogInAsync(Credentials.JWT(CustomJwts.Create("alice")));
        var bob = await app.LogInAsync(Credentials.JWT(CustomJwts.Create("bob")));

        Assert.Equal(AuthProvider.JWT, alice.Provider);
        Assert.Same(alice, aliceAgain);
        Assert.NotEqual(alice.Id, bob.Id);
        Assert.Same(bob, app.CurrentUser);
    }

    [Fact]
    public async Task Custom_jwt_with_a_bad_signature_a_wrong_issuer_or_expired_fails_with_InvalidCredentials()
    {
        await using var server = await SyncTestServer.StartAsync(CustomJwts.ServerArgs);
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);

        var forged = await Assert.ThrowsAsync<AppException>(() => app.LogInAsync(Credentials.JWT(CustomJwts.Create("alice", key: new byte[32]))));
        var wrongIssuer = await Assert.ThrowsAsync<AppException>(() => app.LogInAsync(Credentials.JWT(CustomJwts.Create("alice", issuer: "https://evil.example.com"))));
        var expired = await Assert.ThrowsAsync<AppException>(() => app.LogInAsync(Credentials.JWT(CustomJwts.Create("alice", expires: DateTimeOffset.UtcNow.AddHours(-1)))));

        Assert.Equal(AppErrorCode.InvalidCredentials, forged.Code);
        Assert.Contains("signature", forged.Message, StringComparison.Ordinal);
        Assert.Equal(AppErrorCode.InvalidCredentials, wrongIssuer.Code);
        Assert.Contains("issuer", wrongIssuer.Message, StringComparison.Ordinal);
        Assert.Equal(AppErrorCode.InvalidCredentials, expired.Code);
        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);
        Assert.Empty(app.AllUsers);
    }

    [Fact]
    public async Task Custom_jwt_on_a_server_without_a_signing_key_fails_with_PermissionDenied()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);

        var error = await Assert.ThrowsAsync<AppException>(() => app.LogInAsync(Credentials.JWT(CustomJwts.Create("alice"))));

        Assert.Equal(AppErrorCode.PermissionDenied, error.Code);
        Assert.Contains("Auth:CustomJwt:SigningKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_log_in_on_a_server_that_disallows_it_fails_with_PermissionDenied()
    {
        await using var server = await SyncTestServer.StartAsync("--Server:AllowAnonymous=false");
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);

        var error = await Assert.ThrowsAsync<AppException>(() => app.LogInAsync(Credentials.Anonymous()));

        Assert.Equal(AppErrorCode.PermissionDenied, error.Code);
    }
}
