using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using SourceGenSync.Merge;

namespace SourceGenSync.Server.Sync.Merge;

/// <summary>
/// The merged state as the applier sees it during one integration: documents prefetched from the store plus
/// every change made since, kept in memory until the integration commits them in its one transaction.
/// </summary>
internal sealed class StateOverlay : IDocumentSource
{
    private readonly Dictionary<(string Class, string Key), ObjectDocument?> _documents = [];
    private readonly HashSet<(string Class, string Key)> _changed = [];

    /// <summary>Adds a document read from the store (or its absence) unless the overlay already knows the object.</summary>
    public void Load((string Class, string Key) key, string? json)
    {
        if (!_documents.ContainsKey(key))
        {
            _documents[key] = json is null ? null : ObjectDocumentSerializer.Deserialize(json);
        }
    }

    public bool Knows((string Class, string Key) key) => _documents.ContainsKey(key);

    public bool TryGet(string @class, RealmValue primaryKey, [NotNullWhen(true)] out ObjectDocument? document)
    {
        _documents.TryGetValue((@class, ObjectKeys.Format(primaryKey)), out document);
        return document is not null;
    }

    public void Put(string @class, RealmValue primaryKey, ObjectDocument document)
    {
        var key = (@class, ObjectKeys.Format(primaryKey));
        _documents[key] = document;
        _changed.Add(key);
    }

    public bool Remove(string @class, RealmValue primaryKey)
    {
        var key = (@class, ObjectKeys.Format(primaryKey));
        var existed = _documents.TryGetValue(key, out var document) && document is not null;
        _documents[key] = null;
        _changed.Add(key);
        return existed;
    }

    /// <summary>The writes to commit (and clears them: the overlay stays valid as a cache for the next integration).</summary>
    public List<Storage.DocumentWrite> TakeWrites()
    {
        var writes = new List<Storage.DocumentWrite>(_changed.Count);
        foreach (var key in _changed)
        {
            var document = _documents[key];
            writes.Add(new Storage.DocumentWrite(key.Class, key.Key, document is null ? null : ObjectDocumentSerializer.SerializeToString(document)));
        }

        _changed.Clear();
        return writes;
    }
}
