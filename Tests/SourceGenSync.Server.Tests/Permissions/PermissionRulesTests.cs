using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using SourceGenSync.Queries;
using SourceGenSync.Server.Permissions;

namespace SourceGenSync.Server.Tests.Permissions;

/// <summary>Rules from configuration: parsing at startup, binding per user, and denying whatever cannot apply.</summary>
public sealed class PermissionRulesTests : IDisposable
{
    private static readonly UserIdentity Ann = new("ann", "email", new Dictionary<string, string> { ["team"] = "red" });
    private static readonly UserIdentity Bob = new("bob", "anon", new Dictionary<string, string>());

    private readonly QueryWorld _world = new QueryWorld()
        .Add(1, ("ownerId", "ann"), ("isPublic", false), ("sharedWith", QueryWorld.List("bob")), ("team", "red"))
        .Add(2, ("ownerId", "bob"), ("isPublic", true), ("team", "blue"))
        .Add(3, ("ownerId", "carl"), ("sharedWith", QueryWorld.List("ann", "bob")))
        .Add(4, ("ownerId", "x' OR '1'='1"));

    public void Dispose() => _world.Dispose();

    private static RulesOptions Configure(params (string Key, string Value)[] settings)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (var (key, value) in settings)
        {
            pairs.Add(new KeyValuePair<string, string?>(key, value));
        }

        return RulesOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(pairs).Build());
    }

    private long[] Readable(PermissionRules rules, UserIdentity user) =>
        _world.Matching(rules.For(user).ReadFilter("Thing", QueryWorld.Schema));

    private long[] Writable(PermissionRules rules, UserIdentity user) =>
        _world.Matching(rules.For(user).WriteFilter("Thing", QueryWorld.Schema));

    [Fact]
    public void Without_a_rules_section_everything_is_allowed()
    {
        var rules = new PermissionRules(Configure(("Server:DevelopmentMode", "true")));

        Assert.False(rules.Enabled);
        Assert.Equal(TruePredicate.Instance, rules.For(Ann).ReadFilter("Thing", QueryWorld.Schema));
        Assert.Equal(TruePredicate.Instance, rules.For(Ann).WriteFilter("Anything", QueryWorld.Schema));
        Assert.Equal([1, 2, 3, 4], Readable(rules, Bob));
        Assert.Empty(rules.Validate(QueryWorld.Schema));
    }

    [Fact]
    public void Owner_only_rules_give_each_user_their_own_objects()
    {
        var rules = new PermissionRules(Configure(
            ("Rules:Classes:Thing:Read", "ownerId == $user.id"),
            ("Rules:Classes:Thing:Write", "ownerId == $user.id")));

        Assert.True(rules.Enabled);
        Assert.Equal([1], Readable(rules, Ann));
        Assert.Equal([2], Writable(rules, Bob));
        Assert.Equal([], Readable(rules, new UserIdentity("x' OR '1'='1\"", "p", new Dictionary<string, string>())));
        Assert.Equal([4], Readable(rules, new UserIdentity("x' OR '1'='1", "p", new Dictionary<string, string>())));
    }

    [Fact]
    public void Shared_with_and_public_read_combine_with_or()
    {
        var rules = new PermissionRules(Configure(
            ("Rules:Default:Read", "ownerId == $user.id OR isPublic == true OR SUBQUERY(sharedWith, $x, $x == $user.id).@count > 0"),
            ("Rules:Default:Write", "ownerId == $user.id")));

        Assert.Equal([1, 2, 3], Readable(rules, Ann));
        Assert.Equal([1, 2, 3], Readable(rules, Bob));
        Assert.Equal([2], Readable(rules, new UserIdentity("zed", "anon", new Dictionary<string, string>())));
        Assert.Equal([1], Writable(rules, Ann));
    }

    [Fact]
    public void Claims_are_variables_and_a_missing_claim_denies()
    {
        var rules = new PermissionRules(Configure(
            ("Rules:Classes:Thing:Read", "team == $user.team"),
            ("Rules:Classes:Thing:Write", "ownerId == $user.provider")));

        Assert.Equal([1], Readable(rules, Ann));
        Assert.Equal([], Readable(rules, Bob));
        Assert.Equal(PermissionRules.Deny, rules.For(Bob).ReadFilter("Thing", QueryWorld.Schema));
        Assert.Equal([], Writable(rules, Ann));
    }

    [Fact]
    public void A_provider_rule_can_open_a_class_to_one_login_method()
    {
        var rules = new PermissionRules(Configure(
            ("Rules:Classes:Thing:Read", "TRUEPREDICATE"),
            ("Rules:Classes:Thing:Write", "ownerId == $user.id AND team == $user.team")));

        Assert.Equal([1, 2, 3, 4], Readable(rules, Bob));
        Assert.Equal([1], Writable(rules, Ann));
        Assert.Equal([], Writable(rules, Bob));
    }

    [Fact]
    public void Classes_without_rules_use_the_default_or_are_denied()
    {
        var withDefault = new PermissionRules(Configure(
            ("Rules:Default:Read", "TRUEPREDICATE"),
            ("Rules:Classes:Person:Read", "name == $user.id")));
        var withoutDefault = new PermissionRules(Configure(("Rules:Classes:Person:Read", "name == $user.id")));

        Assert.Equal([1, 2, 3, 4], Readable(withDefault, Ann));
        Assert.Equal(PermissionRules.Deny, withDefault.For(Ann).WriteFilter("Thing", QueryWorld.Schema)); // no Write: denied
        Assert.Equal(PermissionRules.Deny, withoutDefault.For(Ann).ReadFilter("Thing", QueryWorld.Schema));
        Assert.Equal([], Readable(withoutDefault, Ann));
        Assert.Equal(PermissionRules.Deny, withDefault.For(Ann).ReadFilter("Home", QueryWorld.Schema)); // embedded: never directly
        Assert.Equal(PermissionRules.Deny, withDefault.For(Ann).ReadFilter("Unknown", QueryWorld.Schema));
    }

    [Fact]
    public void A_rule_that_does_not_fit_the_schema_denies_and_is_reported()
    {
        var rules = new PermissionRules(Configure(
            ("Rules:Default:Read", "ownerId == $user.id"),
            ("Rules:Classes:Person:Read", "nickname == $user.id"),
            ("Rules:Classes:Thing:Read", "i == $user.id"),
            ("Rules:Classes:Thing:Write", "owner.name == $user.id"),
            ("Rules:Classes:Ghost:Read", "TRUEPREDICATE")));

        Assert.Equal(PermissionRules.Deny, rules.For(Ann).ReadFilter("Thing", QueryWorld.Schema));
        Assert.Equal(PermissionRules.Deny, rules.For(Ann).WriteFilter("Thing", QueryWorld.Schema));
        Assert.Equal(PermissionRules.Deny, rules.For(Ann).ReadFilter("Person", QueryWorld.Schema));

        var messages = rules.For(Ann).Validate(QueryWorld.Schema);
        Assert.Contains(messages, m => m.Contains("Rules:Classes:Ghost", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Rules:Classes:Person:Read", StringComparison.Ordinal) && m.Contains("nickname", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Rules:Classes:Thing:Read", StringComparison.Ordinal) && m.Contains("Thing.i", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Rules:Classes:Thing:Write", StringComparison.Ordinal) && m.Contains("not supported", StringComparison.Ordinal));
        Assert.Equal(4, messages.Count); // the default applies to no top-level class without its own rules
    }

    [Theory]
    [InlineData("Rules:Classes:Thing:Read", "ownerId == ", "Classes:Thing:Read")]
    [InlineData("Rules:Classes:Thing:Write", "ownerId = = $user.id", "Classes:Thing:Write")]
    [InlineData("Rules:Default:Read", "ownerId == $0", "Default:Read")]
    [InlineData("Rules:Default:Write", "ownerId == $session.id", "Default:Write")]
    public void Rules_that_do_not_parse_stop_the_server_at_startup(string key, string text, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new PermissionRules(Configure((key, text))));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.IsType<QueryParseException>(error.InnerException);
    }

    [Fact]
    public void Filters_are_bound_to_the_users_values()
    {
        var rules = new PermissionRules(Configure(("Rules:Default:Read", "ownerId == $user.id")));

        var filter = Assert.IsType<ComparisonNode>(rules.For(Ann).ReadFilter("Thing"));
        Assert.Equal("ann", filter.Value.AsString());
    }
}
