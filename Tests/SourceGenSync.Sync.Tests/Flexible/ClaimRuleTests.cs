using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SourceGenSync.Sync.Tests.Infrastructure;
using SourceGenSync.Sync.Tests.Models;
using SourceGenSync.Sync.Tests.Sessions;
using SourceGenSync.Sync.Tests.Users;

namespace SourceGenSync.Sync.Tests.Flexible;

/// <summary>Rules on token claims end to end: a custom JWT's <c>team</c> claim decides what each user receives.</summary>
public sealed class ClaimRuleTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // The note's OwnerId stands for its team here.
    private static readonly string[] ServerArgs =
    [
        .. CustomJwts.ServerArgs,
        "--Rules:Classes:Note:Read=OwnerId == $user.team",
        "--Rules:Classes:Note:Write=OwnerId == $user.team",
    ];

    [Fact]
    public async Task Each_user_receives_exactly_its_teams_notes_and_a_user_without_the_claim_receives_none()
    {
        await using var server = await SyncTestServer.StartAsync(ServerArgs);
        var members = new List<Member>();
        try
        {
            // Writers first: each team's notes come from one of its members.
            var alice = await Member.LogInAsync(server, "alice", team: "red");
            var bob = await Member.LogInAsync(server, "bob", team: "blue");
            members.AddRange([alice, bob]);
            await alice.WriteAsync("red-1", "red-2", "red-3");
            await bob.WriteAsync("blue-1", "blue-2");

            var carol = await Member.LogInAsync(server, "carol", team: "red");
            var dave = await Member.LogInAsync(server, "dave", team: null);
            members.AddRange([carol, dave]);

            foreach (var member in members)
            {
                Assert.True(await member.Realm.SyncSession.WaitForDownloadAsync(Deadline));
            }

            Assert.Equal(["red-1", "red-2", "red-3"], FlexibleDevice.Ids(alice.Realm));
            Assert.Equal(["blue-1", "blue-2"], FlexibleDevice.Ids(bob.Realm));
            Assert.Equal(["red-1", "red-2", "red-3"], FlexibleDevice.Ids(carol.Realm));
            Assert.Empty(FlexibleDevice.Ids(dave.Realm));
            Assert.All(members, static m => Assert.Empty(m.Errors));

            // Later writes follow the same rule.
            await bob.WriteAsync("blue-3");
            await Eventually.WaitAsync(() => FlexibleDevice.Ids(bob.Realm).Contains("blue-3"), Deadline, "bob's own note stayed");
            Assert.True(await carol.Realm.SyncSession.WaitForDownloadAsync(Deadline));
            Assert.True(await dave.Realm.SyncSession.WaitForDownloadAsync(Deadline));
            Assert.DoesNotContain("blue-3", FlexibleDevice.Ids(carol.Realm));
            Assert.Empty(FlexibleDevice.Ids(dave.Realm));
        }
        finally
        {
            foreach (var member in members)
            {
                await member.DisposeAsync();
            }
        }
    }

    /// <summary>A user of the custom JWT provider on its own app and folder, with one flexible realm subscribed to all notes.</summary>
    private sealed class Member : IAsyncDisposable
    {
        private Member(App app, TestFolder folder, Realm realm, ConcurrentQueue<SessionException> errors)
        {
            App = app;
            Folder = folder;
            Realm = realm;
            Errors = errors;
        }

        public App App { get; }

        public TestFolder Folder { get; }

        public Realm Realm { get; }

        /// <summary>Every error the realm's session reported, in order.</summary>
        public ConcurrentQueue<SessionException> Errors { get; }

        public static async Task<Member> LogInAsync(SyncTestServer server, string subject, string? team)
        {
            var folder = new TestFolder();
            var app = Device.CreateApp(server, folder, new DeviceOptions());
            var user = await app.LogInAsync(Credentials.JWT(Token(subject, team)));
            var errors = new ConcurrentQueue<SessionException>();
            var realm = Realm.Open(new FlexibleSyncConfiguration(user)
            {
                ObjectClasses = FlexibleDevice.Classes,
                OnSessionError = (_, error) => errors.Enqueue(error),
            });
            var member = new Member(app, folder, realm, errors);
            await realm.All<Note>().SubscribeAsync().WaitAsync(Deadline);
            return member;
        }

        public async Task WriteAsync(params string[] ids)
        {
            var team = ids[0][..ids[0].IndexOf('-', StringComparison.Ordinal)];
            Realm.Write(() =>
            {
                foreach (var id in ids)
                {
                    Realm.Add(new Note { Id = id, OwnerId = team, Title = id });
                }
            });
            Assert.True(await Realm.SyncSession.WaitForUploadAsync(Deadline));
        }

        public async ValueTask DisposeAsync()
        {
            Realm.Dispose();
            App.Dispose();
            await Task.Yield();
            Folder.Dispose();
        }

        // What the app's own identity system would sign: sub, and the team claim when the user has one.
        private static string Token(string subject, string? team)
        {
            var claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = subject };
            if (team is not null)
            {
                claims["team"] = team;
            }

            var now = DateTimeOffset.UtcNow;
            return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = CustomJwts.Issuer,
                Audience = CustomJwts.Audience,
                IssuedAt = now.UtcDateTime,
                NotBefore = now.UtcDateTime,
                Expires = now.AddMinutes(10).UtcDateTime,
                SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(CustomJwts.Key), SecurityAlgorithms.HmacSha256),
                Claims = claims,
            });
        }
    }
}
