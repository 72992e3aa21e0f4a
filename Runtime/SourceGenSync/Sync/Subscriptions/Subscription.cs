using System;
using SourceGenSync.Internal.Sync.Subscriptions;

namespace SourceGenSync.Sync;

/// <summary>
/// One query of a <see cref="SubscriptionSet"/>: the server syncs every object of <see cref="ObjectType"/> that
/// matches <see cref="Query"/> (the objects of all subscriptions of a class are OR'ed). An immutable snapshot.
/// </summary>
public sealed class Subscription
{
    internal Subscription(StoredSubscription stored)
    {
        Stored = stored;
    }

    /// <summary>Stays the same when a named subscription's query is updated.</summary>
    public Guid Id => Stored.Id;

    /// <summary>The name given at <c>Add</c>; null for an unnamed subscription.</summary>
    public string? Name => Stored.Name;

    /// <summary>The stored class name (the <c>[MapTo]</c> name when the class has one).</summary>
    public string ObjectType => Stored.ClassName;

    /// <summary>The query in its text form, values as numbered arguments (<c>priority &gt;= $0</c>); see docs/queries.md.</summary>
    public string Query => Stored.QueryText;

    public DateTimeOffset CreatedAt => Stored.CreatedAt;

    /// <summary>When the subscription was added or its query last replaced.</summary>
    public DateTimeOffset UpdatedAt => Stored.UpdatedAt;

    internal StoredSubscription Stored { get; }

    public override string ToString() => Name is null ? $"{ObjectType} WHERE {Query}" : $"{Name}: {ObjectType} WHERE {Query}";
}
