using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace SourceGenSync.Merge;

/// <summary>
/// Documents in memory, in key order: a replica for tests and simulations. Equal sources hold equal documents
/// under equal keys; <see cref="Dump"/> prints them one per line for failure messages.
/// </summary>
public sealed class InMemoryDocumentSource : IDocumentSource, IEquatable<InMemoryDocumentSource>
{
    private readonly SortedDictionary<DocumentKey, ObjectDocument> _documents = new(DocumentKey.Comparer);

    public int Count => _documents.Count;

    /// <summary>The documents in key order (class ordinal, then primary key).</summary>
    public IEnumerable<KeyValuePair<DocumentKey, ObjectDocument>> Documents => _documents;

    public bool TryGet(string @class, RealmValue primaryKey, [NotNullWhen(true)] out ObjectDocument? document) =>
        _documents.TryGetValue(new DocumentKey(@class, primaryKey), out document);

    public void Put(string @class, RealmValue primaryKey, ObjectDocument document)
    {
        ArgumentNullException.ThrowIfNull(@class);
        ArgumentNullException.ThrowIfNull(document);
        _documents[new DocumentKey(@class, primaryKey)] = document;
    }

    public bool Remove(string @class, RealmValue primaryKey) => _documents.Remove(new DocumentKey(@class, primaryKey));

    public InMemoryDocumentSource Clone()
    {
        var copy = new InMemoryDocumentSource();
        foreach (var (key, document) in _documents)
        {
            copy._documents.Add(key, document.Clone());
        }

        return copy;
    }

    public bool Equals(InMemoryDocumentSource? other)
    {
        if (other is null || other._documents.Count != _documents.Count)
        {
            return false;
        }

        using var left = _documents.GetEnumerator();
        using var right = other._documents.GetEnumerator();
        while (left.MoveNext() && right.MoveNext())
        {
            if (!left.Current.Key.Equals(right.Current.Key) || !left.Current.Value.Equals(right.Current.Value))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is InMemoryDocumentSource other && Equals(other);

    public override int GetHashCode() => _documents.Count;

    /// <summary>One line per object: <c>Class[pk] {json}</c>, in key order.</summary>
    public string Dump()
    {
        var text = new StringBuilder();
        foreach (var (key, document) in _documents)
        {
            text.Append(key.ToString()).Append(' ').Append(document.ToString()).Append('\n');
        }

        return text.ToString();
    }

    public override string ToString() => $"{_documents.Count} documents";
}
