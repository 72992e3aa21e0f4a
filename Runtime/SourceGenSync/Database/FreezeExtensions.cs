using System;
using System.Linq;
using SourceGenSync.Internal.Objects;

namespace SourceGenSync;

/// <summary>Immutable snapshots of objects and query results (Realm .NET's <c>Freeze()</c>).</summary>
public static class FreezeExtensions
{
    /// <summary>
    /// The object as of its realm's current version, in a frozen realm: it never changes, can be read from any
    /// thread, and throws on writes. Unmanaged objects cannot be frozen.
    /// </summary>
    public static T Freeze<T>(this T obj)
        where T : class, IRealmObjectBase
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj.Accessor is not ManagedAccessor accessor)
        {
            throw new RealmException($"Only managed objects can be frozen; this {obj.ObjectSchema.Name} object is not in a realm.");
        }

        accessor.EnsureReadable();
        if (accessor.Realm.IsFrozen)
        {
            return obj;
        }

        var frozen = accessor.Realm.Freeze();
        return (T)(frozen.FindByKey(frozen.ClassStateOf(accessor.Table), accessor.Key)
            ?? throw new RealmInvalidObjectException($"This {accessor.Table.ClassName} object is not committed yet; freeze it after the transaction commits."));
    }

    /// <summary>True when the object belongs to a frozen realm.</summary>
    public static bool IsFrozen(this IRealmObjectBase obj) =>
        obj?.Accessor is ManagedAccessor { Realm.IsFrozen: true };

    /// <summary>The same query over a frozen snapshot of its realm: its results never change.</summary>
    public static IQueryable<T> Freeze<T>(this IQueryable<T> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query is not RealmResults<T> results)
        {
            throw new NotSupportedException("Only realm queries (realm.All<T>() and queries built on it) can be frozen.");
        }

        return results.Realm.IsFrozen ? results : new RealmResults<T>(results.Realm.Freeze(), results.Table, results.Model);
    }
}
