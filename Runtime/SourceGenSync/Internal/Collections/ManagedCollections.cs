using System;
using System.Collections.Generic;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Collections;

/// <summary>Creates the live collections of a realm's managed objects (one per owner and property).</summary>
internal sealed class ManagedCollections
{
    private readonly Realm _realm;

    public ManagedCollections(Realm realm) => _realm = realm;

    public IList<T> List<T>(ManagedAccessor owner, CollectionTableMap map) =>
        new ManagedList<T>(_realm, owner, Expect(map, CollectionKind.List));

    public ISet<T> Set<T>(ManagedAccessor owner, CollectionTableMap map) =>
        new ManagedSet<T>(_realm, owner, Expect(map, CollectionKind.Set));

    public IDictionary<string, T> Dictionary<T>(ManagedAccessor owner, CollectionTableMap map) =>
        new ManagedDictionary<T>(_realm, owner, Expect(map, CollectionKind.Dictionary));

    /// <summary>
    /// A linked object was removed and its links were cleared from <paramref name="collection"/> of
    /// <paramref name="owner"/>. Collections cache their content per realm generation, so moving to a new
    /// generation is all it takes for every one of them to read the change.
    /// </summary>
    public void LinkTargetRemoved(long owner, CollectionTableMap collection)
    {
        _ = (owner, collection);
        lock (_realm.Gate)
        {
            _realm.NoteWrite();
        }
    }

    private static CollectionTableMap Expect(CollectionTableMap map, CollectionKind kind) =>
        map.Kind == kind
            ? map
            : throw new InvalidOperationException($"'{map.OwnerClass}.{map.Property.Name}' is a {map.Kind.ToString().ToLowerInvariant()}, not a {kind.ToString().ToLowerInvariant()}.");
}
