using System;
using System.Collections.Immutable;
using SourceGenSync.Sync;

namespace SourceGenSync.Internal.Sync.Subscriptions;

/// <summary>
/// One subscription as stored in <c>sgs_subscriptions</c>: a query over one class, in its text form with its typed
/// arguments (<c>$0</c> is <c>Arguments[0]</c>), named or not.
/// </summary>
internal sealed record StoredSubscription(Guid Id, string? Name, string ClassName, string QueryText, ImmutableArray<RealmValue> Arguments,
                                          DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public ImmutableArray<RealmValue> Arguments { get; init; } = Arguments.IsDefault ? [] : Arguments;

    /// <summary>The same class, query text and arguments (names, ids and times aside).</summary>
    public bool HasQuery(string className, string queryText, ImmutableArray<RealmValue> arguments) =>
        string.Equals(ClassName, className, StringComparison.Ordinal)
        && string.Equals(QueryText, queryText, StringComparison.Ordinal)
        && Arguments.AsSpan().SequenceEqual(arguments.AsSpan());

    public bool Equals(StoredSubscription? other) =>
        other is not null && Id == other.Id && Name == other.Name && HasQuery(other.ClassName, other.QueryText, other.Arguments)
        && CreatedAt == other.CreatedAt && UpdatedAt == other.UpdatedAt;

    public override int GetHashCode() => HashCode.Combine(Id, Name, ClassName, QueryText, UpdatedAt);
}

/// <summary>
/// One version of the subscription set as stored in <c>sgs_subscription_sets</c>, with its subscriptions in the
/// order they were added. <see cref="Error"/> is the server's message when <see cref="State"/> is Error.
/// </summary>
internal sealed record StoredSubscriptionSet(long Version, SubscriptionSetState State, string? Error, ImmutableArray<StoredSubscription> Subscriptions)
{
    /// <summary>Version 0: the empty set every flexible realm starts with (also what a file without subscription tables holds).</summary>
    public static StoredSubscriptionSet Initial { get; } = new(0, SubscriptionSetState.Pending, null, []);

    public ImmutableArray<StoredSubscription> Subscriptions { get; init; } = Subscriptions.IsDefault ? [] : Subscriptions;

    public bool Equals(StoredSubscriptionSet? other) =>
        other is not null && Version == other.Version && State == other.State && Error == other.Error
        && Subscriptions.AsSpan().SequenceEqual(other.Subscriptions.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Version, State, Error, Subscriptions.Length);
}
