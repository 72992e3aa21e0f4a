using System;
using System.Collections.Generic;
using SourceGenSync.Merge.Internal;

namespace SourceGenSync.Merge;

/// <summary>The identity of a top-level object: class and primary key.</summary>
public readonly record struct DocumentKey(string Class, RealmValue PrimaryKey) : IComparable<DocumentKey>
{
    /// <summary>Ordinal class, then the exact value order of <see cref="DocumentValueComparer"/>.</summary>
    public int CompareTo(DocumentKey other)
    {
        var byClass = string.CompareOrdinal(Class, other.Class);
        return byClass != 0 ? byClass : ExactValue.Compare(PrimaryKey, other.PrimaryKey);
    }

    // Exact, like the order: a key's identity must not depend on which replica looked at it.
    public bool Equals(DocumentKey other) => CompareTo(other) == 0;

    public override int GetHashCode() => HashCode.Combine(Class, ExactValue.Hash(PrimaryKey));

    public override string ToString() => $"{Class}[{ObjectDocumentSerializer.FormatValue(DocumentValue.Of(PrimaryKey))}]";

    internal static IComparer<DocumentKey> Comparer { get; } = Comparer<DocumentKey>.Default;
}
