using System.Linq;
using Google.Protobuf;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Queries;
using SourceGenSync.Server.Permissions;

namespace SourceGenSync.Server.Tests.Permissions;

/// <summary>Subscription sets are parsed and checked against the schema; every refusal names the subscription and the problem.</summary>
public sealed class SubscriptionQueriesTests
{
    private static Subscription Sub(string name, string className, string query, params QueryValue[] arguments)
    {
        var subscription = new Subscription { Name = name, ClassName = className, Query = query };
        subscription.Arguments.AddRange(arguments);
        return subscription;
    }

    private static SubscriptionSet Set(params Subscription[] subscriptions)
    {
        var set = new SubscriptionSet { Version = 1 };
        set.Subscriptions.AddRange(subscriptions);
        return set;
    }

    private static string Rejected(SubscriptionSet set, SubscriptionLimits? limits = null) =>
        Assert.Throws<SubscriptionRejectedException>(() => SubscriptionQueries.Bind(set, QueryWorld.Schema, limits ?? SubscriptionLimits.Default)).Message;

    [Fact]
    public void A_valid_set_binds_every_subscription()
    {
        var bound = SubscriptionQueries.Bind(Set(
            Sub("mine", "Thing", "ownerId == $0 AND i > $1", new QueryValue { StringValue = "ann" }, new QueryValue { DoubleValue = 2.5 }),
            Sub("", "Thing", "SUBQUERY(tags, $x, $x BEGINSWITH[c] $0).@count > 0", new QueryValue { StringValue = "urgent" }),
            Sub("people", "Person", "TRUEPREDICATE")), QueryWorld.Schema, SubscriptionLimits.Default);

        Assert.Equal(["mine", "", "people"], bound.Select(b => b.Name));
        Assert.Equal(["Thing", "Thing", "Person"], bound.Select(b => b.ClassName));
        var and = Assert.IsType<AndNode>(bound[0].Predicate);
        Assert.Equal("ann", Assert.IsType<ComparisonNode>(and.Left).Value.AsString());
        Assert.IsType<CollectionAnyNode>(bound[1].Predicate);
    }

    [Fact]
    public void An_unknown_class_is_refused_by_name()
    {
        var message = Rejected(Set(Sub("tasks", "Task", "TRUEPREDICATE")));
        Assert.Contains("Subscription 'tasks'", message);
        Assert.Contains("'Task' is not in the realm's schema", message);
    }

    [Theory]
    [InlineData("Home", "embedded")]
    [InlineData("Log", "asymmetric")]
    public void Embedded_and_asymmetric_classes_cannot_be_subscribed_to(string className, string kind)
    {
        var message = Rejected(Set(Sub("", className, "TRUEPREDICATE")));
        Assert.Contains("Subscription #0", message);
        Assert.Contains(kind, message);
    }

    [Fact]
    public void Unknown_properties_and_unsupported_constructs_are_refused()
    {
        Assert.Contains("has no property 'title'", Rejected(Set(Sub("a", "Thing", "title == $0", new QueryValue { StringValue = "x" }))));
        var link = Rejected(Set(Sub("ok", "Thing", "TRUEPREDICATE"), Sub("b", "Thing", "owner.name == $0", new QueryValue { StringValue = "x" })));
        Assert.Contains("Subscription 'b' (class 'Thing')", link);
        Assert.Contains("not supported in subscriptions", link);
    }

    [Fact]
    public void Arguments_of_the_wrong_type_are_refused()
    {
        var message = Rejected(Set(Sub("c", "Thing", "s == $0", new QueryValue { IntValue = 3 })));
        Assert.Contains("'Thing.s' holds string values", message);
    }

    [Fact]
    public void Numbers_of_any_type_compare_with_numeric_properties()
    {
        var set = Set(
            Sub("", "Thing", "i == $0", new QueryValue { DecimalValue = "2.0" }),
            Sub("", "Thing", "m < $0", new QueryValue { FloatValue = 1.5f }),
            Sub("", "Thing", "d >= $0", new QueryValue { IntValue = -1 }));
        Assert.Equal(3, SubscriptionQueries.Bind(set, QueryWorld.Schema, SubscriptionLimits.Default).Count);
    }

    [Fact]
    public void Syntax_errors_say_where()
    {
        var message = Rejected(Set(Sub("d", "Thing", "i == == 3")));
        Assert.Contains("Subscription 'd'", message);
        Assert.Contains("position", message);
    }

    [Fact]
    public void Variables_are_not_allowed_in_subscriptions()
    {
        Assert.Contains("Subscription 'e'", Rejected(Set(Sub("e", "Thing", "ownerId == $user.id"))));
    }

    [Fact]
    public void Bad_argument_encodings_are_refused()
    {
        var message = Rejected(Set(Sub("f", "Thing", "g == $0", new QueryValue { GuidValue = ByteString.CopyFrom(1, 2, 3) })));
        Assert.Contains("argument $0", message);
    }

    [Fact]
    public void Limits_bound_the_set_the_text_and_the_lists()
    {
        var limits = new SubscriptionLimits { MaxSubscriptions = 2, MaxQueryLength = 40, MaxDepth = 3, MaxInValues = 2 };
        Assert.Contains("at most 2", Rejected(Set(Sub("", "Thing", "TRUEPREDICATE"), Sub("", "Thing", "TRUEPREDICATE"), Sub("", "Thing", "TRUEPREDICATE")), limits));
        Assert.Contains("at most 40", Rejected(Set(Sub("long", "Thing", "i == 1 OR i == 2 OR i == 3 OR i == 4 OR i == 5")), limits));
        Assert.Contains("Subscription 'in'", Rejected(Set(Sub("in", "Thing", "i IN {1, 2, 3}")), limits));
        Assert.Contains("Subscription 'deep'", Rejected(Set(Sub("deep", "Thing", "((((i == 1))))")), limits));
    }
}
