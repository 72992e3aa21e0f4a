using System;
using System.Collections.Generic;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Queries;
using SourceGenSync.Server.Sync.Schema;

namespace SourceGenSync.Server.Permissions;

/// <summary>One subscription of a set, parsed and checked: the objects of <see cref="ClassName"/> matching <see cref="Predicate"/>.</summary>
internal sealed record BoundSubscription(string Name, string ClassName, QueryNode Predicate);

/// <summary>Bounds on what one subscription set may ask of the server.</summary>
internal sealed record SubscriptionLimits
{
    public static SubscriptionLimits Default { get; } = new();

    public int MaxSubscriptions { get; init; } = 100;

    public int MaxQueryLength { get; init; } = 16384;

    public int MaxDepth { get; init; } = 32;

    public int MaxInValues { get; init; } = 1000;
}

/// <summary>A subscription set the server refuses; the message names the subscription and says what to change.</summary>
internal sealed class SubscriptionRejectedException : Exception
{
    public SubscriptionRejectedException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>
/// Turns a client's subscription set (query text + typed arguments per subscription) into checked predicates:
/// the class exists and is top-level, the text parses within the limits (no variables), and every construct,
/// property and argument type is in the supported subset (docs/permissions.md). The first problem rejects the
/// whole set, so the client keeps its previous one.
/// </summary>
internal static class SubscriptionQueries
{
    public static IReadOnlyList<BoundSubscription> Bind(SubscriptionSet set, RealmSchema schema, SubscriptionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(limits);
        if (set.Subscriptions.Count > limits.MaxSubscriptions)
        {
            throw new SubscriptionRejectedException(
                $"The subscription set has {set.Subscriptions.Count} subscriptions; the server accepts at most {limits.MaxSubscriptions}. Combine queries on the same class with OR, or remove subscriptions you no longer need.");
        }

        var options = new QueryParserOptions
        {
            MaxLength = limits.MaxQueryLength,
            MaxDepth = limits.MaxDepth,
            MaxInValues = limits.MaxInValues,
        };
        var bound = new List<BoundSubscription>(set.Subscriptions.Count);
        for (var i = 0; i < set.Subscriptions.Count; i++)
        {
            bound.Add(BindOne(set.Subscriptions[i], i, schema, limits, options));
        }

        return bound;
    }

    private static BoundSubscription BindOne(Subscription subscription, int index, RealmSchema schema, SubscriptionLimits limits, QueryParserOptions options)
    {
        var label = Label(subscription, index);
        var @class = schema.Find(subscription.ClassName)
            ?? throw Reject(label, $"the class '{Truncate(subscription.ClassName)}' is not in the realm's schema. Subscribe to a class the app's schema declares.");
        if (@class.Kind != ClassKind.TopLevel)
        {
            throw Reject(label, $"'{@class.Name}' is {(@class.Kind == ClassKind.Embedded ? "an embedded" : "an asymmetric")} class, which cannot be subscribed to; subscribe to the top-level class that holds the objects.");
        }

        if (subscription.Query.Length > limits.MaxQueryLength)
        {
            throw Reject(label, $"the query is {subscription.Query.Length} characters long; the server accepts at most {limits.MaxQueryLength}. Use IN {{...}} or fewer conditions.");
        }

        var arguments = new RealmValue[subscription.Arguments.Count];
        for (var n = 0; n < arguments.Length; n++)
        {
            try
            {
                arguments[n] = QueryValues.FromProto(subscription.Arguments[n]);
            }
            catch (FormatException e)
            {
                throw Reject(label, $"argument ${n} is not a valid value: {e.Message}", e);
            }
        }

        QueryNode predicate;
        try
        {
            predicate = QueryParser.Parse(subscription.Query, arguments, options);
        }
        catch (QueryParseException e)
        {
            throw Reject(label, $"the query does not parse at position {e.Position}: {e.Message}", e);
        }

        try
        {
            DocumentQuerySql.Validate(predicate, @class);
        }
        catch (QueryRejectedException e)
        {
            throw Reject(label, e.Message, e);
        }

        return new BoundSubscription(subscription.Name, @class.Name, predicate);
    }

    private static string Label(Subscription subscription, int index) =>
        (subscription.Name.Length > 0 ? $"Subscription '{Truncate(subscription.Name)}'" : $"Subscription #{index}")
        + $" (class '{Truncate(subscription.ClassName)}')";

    private static SubscriptionRejectedException Reject(string label, string problem, Exception? inner = null) =>
        new($"{label}: {problem}", inner);

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
