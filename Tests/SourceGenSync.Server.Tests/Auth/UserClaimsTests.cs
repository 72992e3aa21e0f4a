using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SourceGenSync.Server.Auth;

namespace SourceGenSync.Server.Tests.Auth;

/// <summary>Which claims of a custom JWT become the user's claims, and how access tokens carry them.</summary>
public sealed class UserClaimsTests
{
    private static IReadOnlyDictionary<string, string> Kept(string payloadJson) =>
        UserClaims.FromCustomJwtPayload(Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payloadJson)));

    private static TokenService NewService(byte[]? key = null) =>
        new(key ?? TokenService.GenerateKey(), TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(30), TimeProvider.System);

    [Fact]
    public void Strings_numbers_and_booleans_are_kept_as_invariant_text()
    {
        var claims = Kept("""{"team":"red","level":42,"ratio":1.5,"big":1e3,"admin":true,"guest":false,"empty":""}""");

        Assert.Equal(
            [("team", "red"), ("level", "42"), ("ratio", "1.5"), ("big", "1000"), ("admin", "true"), ("guest", "false"), ("empty", "")],
            claims.Select(static c => (c.Key, c.Value)));
    }

    [Fact]
    public void Registered_nested_and_null_claims_are_ignored()
    {
        var claims = Kept("""
            {"iss":"i","sub":"s","aud":"a","exp":1,"nbf":1,"iat":1,"jti":"j",
             "roles":["admin"],"profile":{"team":"red"},"cl":{"team":"blue"},"nothing":null,"team":"green"}
            """);

        Assert.Equal([("team", "green")], claims.Select(static c => (c.Key, c.Value)));
    }

    [Fact]
    public void The_count_is_capped_and_too_long_names_or_values_are_dropped_not_cut()
    {
        var fields = Enumerable.Range(0, 40).Select(static i => $"\"c{i:D2}\":\"v{i}\"");
        var many = Kept("{" + string.Join(',', fields) + "}");
        var longOnes = Kept($$"""
            {"{{new string('n', 65)}}":"x","{{new string('m', 64)}}":"ok","long":"{{new string('v', 257)}}","edge":"{{new string('w', 256)}}"}
            """);

        Assert.Equal(UserClaims.MaxCount, many.Count);
        Assert.Equal(Enumerable.Range(0, 32).Select(static i => $"c{i:D2}"), many.Keys);
        Assert.Equal([new string('m', 64), "edge"], longOnes.Keys);
        Assert.Equal(256, longOnes["edge"].Length);
    }

    [Fact]
    public async Task The_total_size_is_capped_so_the_largest_claims_still_fit_in_an_access_token()
    {
        // Values that escape to six bytes a character under the strictest encoder.
        var fields = Enumerable.Range(0, 32).Select(static i => $"\"{i:D2}{new string('é', 62)}\":\"{new string('<', 256)}\"");
        var claims = Kept("{" + string.Join(',', fields) + "}");
        var service = NewService();

        var (token, _) = service.Issue("user-1", "custom-jwt", claims);
        var (identity, problem, reason) = await service.ValidateAsync(token);

        Assert.InRange(claims.Count, 1, 31);
        Assert.True(UserClaims.ToJson(claims)!.Length <= UserClaims.MaxTotalBytes);
        Assert.True(problem == TokenProblem.None, reason);
        Assert.Equal(claims, identity!.Claims);
    }

    [Fact]
    public void The_first_of_duplicate_names_wins_and_a_payload_that_is_not_an_object_has_none()
    {
        Assert.Equal("first", Kept("""{"team":"first","team":"second"}""")["team"]);
        Assert.Empty(Kept("[1,2]"));
    }

    [Fact]
    public void The_stored_form_round_trips_and_damaged_or_missing_text_is_no_claims()
    {
        var claims = Kept("""{"team":"red","quote":"\"é\\"}""");

        var json = UserClaims.ToJson(claims);

        Assert.Equal(claims, UserClaims.FromJson(json));
        Assert.Null(UserClaims.ToJson(UserClaims.None));
        Assert.Empty(UserClaims.FromJson(null));
        Assert.Empty(UserClaims.FromJson("{not json"));
        Assert.Empty(UserClaims.FromJson("""{"team":5}"""));
    }

    [Fact]
    public async Task An_access_token_carries_the_claims_it_was_issued_with()
    {
        var service = NewService();
        var claims = new Dictionary<string, string> { ["team"] = "red", ["level"] = "42" };

        var (withClaims, _) = service.Issue("user-1", "custom-jwt", claims);
        var (without, _) = service.Issue("user-2", "anonymous");
        var (identity, problem, _) = await service.ValidateAsync(withClaims);
        var (plain, _, _) = await service.ValidateAsync(without);

        Assert.Equal(TokenProblem.None, problem);
        Assert.Equal(claims, identity!.Claims);
        Assert.Empty(plain!.Claims);
    }

    [Fact]
    public async Task Claims_cannot_be_forged_or_altered_since_access_tokens_are_signed()
    {
        var service = NewService();
        var (genuine, _) = service.Issue("user-1", "custom-jwt", new Dictionary<string, string> { ["team"] = "red" });

        // The same token with the team changed in its payload, signature kept.
        var parts = genuine.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"red\"", "\"admins\"", StringComparison.Ordinal);
        var altered = $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        // A token with the right shape, signed by someone without the server's key.
        var forged = NewService().Issue("user-1", "custom-jwt", new Dictionary<string, string> { ["team"] = "admins" }).Token;

        // Unsigned (alg none).
        var unsigned = new JsonWebTokenHandler().CreateToken(
            $$"""{"sub":"user-1","prv":"custom-jwt","cl":{"team":"admins"},"iss":"sourcegensync","aud":"sourcegensync","exp":{{DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()}}}""");

        foreach (var token in new[] { altered, forged, unsigned })
        {
            var (identity, problem, _) = await service.ValidateAsync(token);
            Assert.Null(identity);
            Assert.Equal(TokenProblem.Invalid, problem);
        }
    }
}
