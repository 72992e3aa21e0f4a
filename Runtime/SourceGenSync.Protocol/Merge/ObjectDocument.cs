using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace SourceGenSync.Merge;

/// <summary>
/// The merged state of one object (top-level or embedded) as the merge layer sees it: field name → value, link,
/// embedded document, list, set or dictionary. The server stores one per top-level object (serialized with
/// <see cref="ObjectDocumentSerializer"/>); the property tests use them as replicas. Two documents are equal exactly
/// when they hold the same state: fields in ordinal order, sets sorted, empty collections absent.
/// </summary>
public sealed class ObjectDocument : IEquatable<ObjectDocument>
{
    private readonly SortedDictionary<string, DocumentValue> _fields = new(StringComparer.Ordinal);

    /// <summary>The fields, in ordinal name order.</summary>
    public IReadOnlyDictionary<string, DocumentValue> Fields => _fields;

    public int FieldCount => _fields.Count;

    public bool TryGetField(string name, [NotNullWhen(true)] out DocumentValue? value) => _fields.TryGetValue(name, out value);

    /// <summary>Sets a field. An empty collection is stored as "no field", the one canonical form of empty.</summary>
    public ObjectDocument Set(string name, DocumentValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsCollection && value.Items.Count == 0 && value.Entries.Count == 0)
        {
            _fields.Remove(name);
        }
        else
        {
            _fields[name] = value;
        }

        return this;
    }

    public bool Remove(string name) => _fields.Remove(name);

    public ObjectDocument Clone()
    {
        var copy = new ObjectDocument();
        foreach (var (name, value) in _fields)
        {
            copy._fields.Add(name, value.Clone());
        }

        return copy;
    }

    public bool Equals(ObjectDocument? other) => other is not null && DocumentValueComparer.Instance.CompareDocuments(this, other) == 0;

    public override bool Equals(object? obj) => obj is ObjectDocument other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (name, value) in _fields)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(value.Kind);
        }

        return hash.ToHashCode();
    }

    /// <summary>The document's JSON (see docs/merge-rules.md), for logs and failure messages.</summary>
    public override string ToString() => ObjectDocumentSerializer.SerializeToString(this);

    /// <summary>Drops a collection field that became empty, so "emptied" and "never filled" are the same state.</summary>
    internal void RemoveIfEmptyCollection(string name)
    {
        if (_fields.TryGetValue(name, out var value) && value.IsCollection && value.Items.Count == 0 && value.Entries.Count == 0)
        {
            _fields.Remove(name);
        }
    }
}
