using System;
using System.Collections.Generic;
using SourceGenSync.Merge.Internal;

namespace SourceGenSync.Merge;

/// <summary>
/// A total order on document values: kind, then link class, then the value exactly (a decimal's scale and a date's
/// offset count), then contents. Sets are kept in this order and document equality is "compares as 0", so two
/// replicas holding the same state serialize to the same bytes.
/// </summary>
public sealed class DocumentValueComparer : IComparer<DocumentValue>
{
    public static DocumentValueComparer Instance { get; } = new();

    private DocumentValueComparer()
    {
    }

    public int Compare(DocumentValue? x, DocumentValue? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byKind = x.Kind.CompareTo(y.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        switch (x.Kind)
        {
            case DocumentValueKind.Value:
                return ExactValue.Compare(x.Value, y.Value);
            case DocumentValueKind.Link:
                var byClass = string.CompareOrdinal(x.LinkClass, y.LinkClass);
                return byClass != 0 ? byClass : ExactValue.Compare(x.Value, y.Value);
            case DocumentValueKind.Embedded:
                return CompareDocuments(x.Document!, y.Document!);
            case DocumentValueKind.Dictionary:
                return CompareEntries(x.Entries, y.Entries);
            default:
                return CompareItems(x.Items, y.Items);
        }
    }

    internal int CompareDocuments(ObjectDocument x, ObjectDocument y) => ReferenceEquals(x, y) ? 0 : CompareEntries(x.Fields, y.Fields);

    private int CompareItems(IReadOnlyList<DocumentValue> x, IReadOnlyList<DocumentValue> y)
    {
        var count = Math.Min(x.Count, y.Count);
        for (var i = 0; i < count; i++)
        {
            var c = Compare(x[i], y[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return x.Count.CompareTo(y.Count);
    }

    // Both sides are SortedDictionary with ordinal keys, so enumerating them walks keys in the same order.
    private int CompareEntries(IReadOnlyDictionary<string, DocumentValue> x, IReadOnlyDictionary<string, DocumentValue> y)
    {
        using var left = x.GetEnumerator();
        using var right = y.GetEnumerator();
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft.CompareTo(hasRight);
            }

            var byKey = string.CompareOrdinal(left.Current.Key, right.Current.Key);
            if (byKey != 0)
            {
                return byKey;
            }

            var byValue = Compare(left.Current.Value, right.Current.Value);
            if (byValue != 0)
            {
                return byValue;
            }
        }
    }
}
