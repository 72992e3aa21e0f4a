using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Internal.Collections;

namespace SourceGenSync;

/// <summary>
/// Realm .NET's collection helpers: observe a query or a managed list, set or dictionary, and move list elements.
/// Managed collections are returned by model properties typed as <see cref="IList{T}"/>, <see cref="ISet{T}"/> and
/// <see cref="IDictionary{TKey, TValue}"/>; these methods reach their live-collection side.
/// </summary>
public static class CollectionExtensions
{
    /// <summary>The live collection behind a query from <see cref="Realm.All{T}"/> (or LINQ over it).</summary>
    public static IRealmCollection<T> AsRealmCollection<T>(this IQueryable<T> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query as IRealmCollection<T> ?? throw new ArgumentException("This query is not a realm query (or it projects with Select, whose results are not live). Use realm.All<T>() and operators that keep the element type.", nameof(query));
    }

    /// <summary>The live collection behind a managed list property.</summary>
    public static IRealmCollection<T> AsRealmCollection<T>(this IList<T> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return list as IRealmCollection<T> ?? throw NotManaged(nameof(list));
    }

    /// <summary>The live collection behind a managed set property.</summary>
    public static IRealmCollection<T> AsRealmCollection<T>(this ISet<T> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set as IRealmCollection<T> ?? throw NotManaged(nameof(set));
    }

    /// <summary>The live collection (of key/value pairs, in key order) behind a managed dictionary property.</summary>
    public static IRealmCollection<KeyValuePair<string, T>> AsRealmCollection<T>(this IDictionary<string, T> dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        return dictionary as IRealmCollection<KeyValuePair<string, T>> ?? throw NotManaged(nameof(dictionary));
    }

    /// <inheritdoc cref="IRealmCollection{T}.SubscribeForNotifications"/>
    public static IDisposable SubscribeForNotifications<T>(this IQueryable<T> query, NotificationCallbackDelegate<T> callback) =>
        query.AsRealmCollection().SubscribeForNotifications(callback);

    /// <inheritdoc cref="IRealmCollection{T}.SubscribeForNotifications"/>
    public static IDisposable SubscribeForNotifications<T>(this IList<T> list, NotificationCallbackDelegate<T> callback) =>
        list.AsRealmCollection().SubscribeForNotifications(callback);

    /// <inheritdoc cref="IRealmCollection{T}.SubscribeForNotifications"/>
    public static IDisposable SubscribeForNotifications<T>(this ISet<T> set, NotificationCallbackDelegate<T> callback) =>
        set.AsRealmCollection().SubscribeForNotifications(callback);

    /// <summary>Index-based notifications of a dictionary (entries in key order); see also <see cref="SubscribeForKeyNotifications{T}"/>.</summary>
    public static IDisposable SubscribeForNotifications<T>(this IDictionary<string, T> dictionary, NotificationCallbackDelegate<KeyValuePair<string, T>> callback) =>
        dictionary.AsRealmCollection().SubscribeForNotifications(callback);

    /// <summary>
    /// Calls <paramref name="callback"/> soon with null, then after every commit that changed the dictionary, with
    /// the inserted, modified and deleted keys. Dispose the result to stop.
    /// </summary>
    public static IDisposable SubscribeForKeyNotifications<T>(this IDictionary<string, T> dictionary, DictionaryNotificationCallbackDelegate<T> callback)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        return dictionary is ManagedDictionary<T> managed
            ? managed.SubscribeForKeyNotifications(callback)
            : throw NotManaged(nameof(dictionary));
    }

    /// <summary>
    /// Moves the element at <paramref name="from"/> to index <paramref name="to"/>. A managed list keeps the element
    /// (notifications report a move); an ordinary list removes and re-inserts it.
    /// </summary>
    public static void Move<T>(this IList<T> list, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (list is ManagedList<T> managed)
        {
            managed.Move(from, to);
            return;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(from, list.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(to);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(to, list.Count);
        var item = list[from];
        list.RemoveAt(from);
        list.Insert(to, item);
    }

    private static ArgumentException NotManaged(string parameter) =>
        new("This collection is not managed by a realm: only the collections of managed objects (added to a realm, or read from one) are live. Add the object first.", parameter);
}
