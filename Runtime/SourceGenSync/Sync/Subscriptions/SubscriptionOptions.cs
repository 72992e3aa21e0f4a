namespace SourceGenSync.Sync;

/// <summary>How <see cref="SubscriptionSet.Add{T}(System.Linq.IQueryable{T}, SubscriptionOptions?)"/> adds a subscription.</summary>
public sealed class SubscriptionOptions
{
    /// <summary>The subscription's name; null for an unnamed subscription (identified by its query).</summary>
    public string? Name { get; init; }

    /// <summary>
    /// For a named subscription whose name exists with another query: true (default) replaces that query; false makes
    /// <c>Add</c> throw instead.
    /// </summary>
    public bool UpdateExisting { get; init; } = true;
}
