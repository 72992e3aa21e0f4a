using System;
using System.Collections.Generic;
using SourceGenSync.Sync;

namespace SourceGenSync.Internal.Sync.Subscriptions;

/// <summary>
/// The next version of a subscription set while an Update callback runs: starts as a copy of the latest stored set
/// and becomes <see cref="ToStored"/> (Pending) when the callback returns. Lives in one write transaction.
/// </summary>
internal sealed class SubscriptionDraft
{
    private readonly List<StoredSubscription> _items;

    public SubscriptionDraft(object owner, StoredSubscriptionSet latest, DateTimeOffset now)
    {
        Owner = owner;
        Version = latest.Version + 1;
        _items = [.. latest.Subscriptions];
        Now = now;
    }

    /// <summary>The subscription set whose Update this is (Add/Remove on another set is refused).</summary>
    public object Owner { get; }

    public long Version { get; }

    /// <summary>Creation and update time of everything this Update adds or replaces (one clock reading, in milliseconds).</summary>
    public DateTimeOffset Now { get; }

    public IReadOnlyList<StoredSubscription> Items => _items;

    public StoredSubscription Add(SubscriptionQuery query, string? name, bool updateExisting)
    {
        if (name is not null)
        {
            var index = _items.FindIndex(s => s.Name == name);
            if (index < 0)
            {
                return Append(query, name);
            }

            var existing = _items[index];
            if (query.Matches(existing))
            {
                return existing;
            }

            if (!updateExisting)
            {
                throw new ArgumentException(
                    $"A subscription named '{name}' already exists with another query ({existing.ClassName} WHERE {existing.QueryText}). " +
                    "Remove UpdateExisting = false to replace its query, or choose another name.", nameof(name));
            }

            var replaced = existing with { ClassName = query.ClassName, QueryText = query.Text, Arguments = query.Arguments, UpdatedAt = Now };
            _items[index] = replaced;
            return replaced;
        }

        var same = _items.Find(s => s.Name is null && query.Matches(s));
        return same ?? Append(query, null);
    }

    public bool Remove(string name) => _items.RemoveAll(s => s.Name == name) > 0;

    public int Remove(SubscriptionQuery query, bool removeNamed) =>
        _items.RemoveAll(s => (removeNamed || s.Name is null) && query.Matches(s));

    public int RemoveAll(string? className, bool removeNamed) =>
        _items.RemoveAll(s => (removeNamed || s.Name is null) && (className is null || string.Equals(s.ClassName, className, StringComparison.Ordinal)));

    public int RemoveWhere(Predicate<StoredSubscription> match) => _items.RemoveAll(match);

    public StoredSubscriptionSet ToStored() => new(Version, SubscriptionSetState.Pending, null, [.. _items]);

    private StoredSubscription Append(SubscriptionQuery query, string? name)
    {
        var added = new StoredSubscription(Guid.NewGuid(), name, query.ClassName, query.Text, query.Arguments, Now, Now);
        _items.Add(added);
        return added;
    }
}
