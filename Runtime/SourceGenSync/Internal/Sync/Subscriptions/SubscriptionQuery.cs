using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using SourceGenSync.Queries;

namespace SourceGenSync.Internal.Sync.Subscriptions;

/// <summary>
/// A query as a subscription stores it: the stored class name and the filter in the documented text form
/// (<see cref="QueryText"/>) with its typed arguments. Only a filter can be subscribed: the server selects objects,
/// it does not order, page or project them.
/// </summary>
internal sealed record SubscriptionQuery(Realm Realm, string ClassName, string Text, ImmutableArray<RealmValue> Arguments)
{
    /// <summary>Translates a query made from <c>realm.All&lt;T&gt;()</c> (typed <c>Where(f =&gt; ...)</c> or LINQ <c>Where</c>).</summary>
    /// <exception cref="ArgumentException">The query does not come from a realm.</exception>
    /// <exception cref="NotSupportedException">The query orders, pages or projects, or compares with an object.</exception>
    public static SubscriptionQuery From<T>(IQueryable<T> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query is not RealmResults<T> results)
        {
            if (query.Provider is RealmQueryProvider)
            {
                throw new NotSupportedException($"A subscription query cannot project its objects: remove Select from '{query.Expression}'. Subscribe to the objects and project the local query instead.");
            }

            throw new ArgumentException($"A subscription needs a query made from realm.All<{typeof(T).Name}>() (with Where); this query's provider is {query.Provider.GetType().Name}.", nameof(query));
        }

        var model = results.Model;
        if (!model.Sorts.IsEmpty)
        {
            throw new NotSupportedException($"A subscription query cannot be ordered: remove OrderBy/ThenBy from '{model}'. Subscriptions choose which objects sync; order the local query instead.");
        }

        if (model.Skip is not null)
        {
            throw new NotSupportedException($"A subscription query cannot skip results: remove Skip from '{model}'. Subscriptions choose which objects sync; page the local query instead.");
        }

        if (model.Take is not null)
        {
            throw new NotSupportedException($"A subscription query cannot limit its results: remove Take from '{model}'. Subscriptions choose which objects sync; limit the local query instead.");
        }

        results.Realm.ThrowIfClosed();
        var formatted = QueryText.Format(model.Filter);
        foreach (var argument in formatted.Arguments)
        {
            if (!SubscriptionArguments.CanStore(argument))
            {
                throw new NotSupportedException($"The subscription query '{model}' compares with an object: links are not supported in subscriptions. Compare the object's own properties instead.");
            }
        }

        return new SubscriptionQuery(results.Realm, model.ClassName, formatted.Text, formatted.Arguments);
    }

    /// <summary>Throws unless the query was made from a realm on the same file as <paramref name="realm"/>.</summary>
    public void EnsureOf(Realm realm)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (!string.Equals(Path.GetFullPath(Realm.Config.DatabasePath), Path.GetFullPath(realm.Config.DatabasePath), comparison))
        {
            throw new ArgumentException($"The query belongs to the realm '{Realm.Config.DatabasePath}', not to '{realm.Config.DatabasePath}' whose subscriptions are being changed. Build it from the same realm.", "query");
        }
    }

    public bool Matches(StoredSubscription subscription) => subscription.HasQuery(ClassName, Text, Arguments);
}
