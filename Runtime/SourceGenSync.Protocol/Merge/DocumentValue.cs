using System;
using System.Collections.Generic;
using SourceGenSync.Merge.Internal;

namespace SourceGenSync.Merge;

/// <summary>What a <see cref="DocumentValue"/> holds.</summary>
public enum DocumentValueKind : byte
{
    /// <summary>A plain value (possibly null); counters are Int values.</summary>
    Value = 0,
    /// <summary>A link to a top-level object, by class and primary key.</summary>
    Link = 1,
    /// <summary>An embedded object, owned by its parent document.</summary>
    Embedded = 2,
    /// <summary>An ordered list of values, links or embedded objects.</summary>
    List = 3,
    /// <summary>A set of values or links, kept in <see cref="DocumentValueComparer"/> order.</summary>
    Set = 4,
    /// <summary>A dictionary from string keys (ordinal order) to values, links or embedded objects.</summary>
    Dictionary = 5,
}

/// <summary>
/// One field of an <see cref="ObjectDocument"/>, or one element of a list, set or dictionary. Collections never
/// nest directly (an element is a value, a link or an embedded object), as in the data model.
/// </summary>
public sealed class DocumentValue : IEquatable<DocumentValue>
{
    private static readonly List<DocumentValue> NoItems = [];
    private static readonly SortedDictionary<string, DocumentValue> NoEntries = new(StringComparer.Ordinal);

    private DocumentValue(DocumentValueKind kind, RealmValue value, string? linkClass, ObjectDocument? document,
        List<DocumentValue>? items, SortedDictionary<string, DocumentValue>? entries)
    {
        Kind = kind;
        Value = value;
        LinkClass = linkClass;
        Document = document;
        MutableItems = items;
        MutableEntries = entries;
    }

    public DocumentValueKind Kind { get; }

    /// <summary>The value (for <see cref="DocumentValueKind.Value"/>) or the link target's primary key.</summary>
    public RealmValue Value { get; }

    /// <summary>The link target's class, for <see cref="DocumentValueKind.Link"/>.</summary>
    public string? LinkClass { get; }

    /// <summary>The embedded object, for <see cref="DocumentValueKind.Embedded"/>.</summary>
    public ObjectDocument? Document { get; }

    /// <summary>The elements of a list (in order) or a set (sorted); empty for other kinds.</summary>
    public IReadOnlyList<DocumentValue> Items => MutableItems ?? NoItems;

    /// <summary>The entries of a dictionary (ordinal key order); empty for other kinds.</summary>
    public IReadOnlyDictionary<string, DocumentValue> Entries => MutableEntries ?? NoEntries;

    internal List<DocumentValue>? MutableItems { get; }

    internal SortedDictionary<string, DocumentValue>? MutableEntries { get; }

    public static DocumentValue Null { get; } = new(DocumentValueKind.Value, RealmValue.Null, null, null, null, null);

    public static DocumentValue Of(RealmValue value)
    {
        if (value.Type == RealmValueType.Object)
        {
            throw new ArgumentException("A live object reference cannot be stored in a document; use DocumentValue.Link.", nameof(value));
        }

        return value.IsNull ? Null : new(DocumentValueKind.Value, value, null, null, null, null);
    }

    public static DocumentValue Link(string @class, RealmValue primaryKey)
    {
        ArgumentNullException.ThrowIfNull(@class);
        return new(DocumentValueKind.Link, primaryKey, @class, null, null, null);
    }

    public static DocumentValue Embedded(ObjectDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(DocumentValueKind.Embedded, RealmValue.Null, null, document, null, null);
    }

    public static DocumentValue NewList() => new(DocumentValueKind.List, RealmValue.Null, null, null, [], null);

    public static DocumentValue NewSet() => new(DocumentValueKind.Set, RealmValue.Null, null, null, [], null);

    public static DocumentValue NewDictionary() =>
        new(DocumentValueKind.Dictionary, RealmValue.Null, null, null, null, new SortedDictionary<string, DocumentValue>(StringComparer.Ordinal));

    /// <summary>True for a list, set or dictionary.</summary>
    public bool IsCollection => Kind is DocumentValueKind.List or DocumentValueKind.Set or DocumentValueKind.Dictionary;

    /// <summary>Adds an element to a list (at the end) or a set (in order, once); for building documents.</summary>
    public DocumentValue Add(DocumentValue element)
    {
        ArgumentNullException.ThrowIfNull(element);
        CheckElement(element);
        if (Kind == DocumentValueKind.List)
        {
            MutableItems!.Add(element);
        }
        else if (Kind == DocumentValueKind.Set)
        {
            SetAdd(element);
        }
        else
        {
            throw new InvalidOperationException($"Add needs a list or a set, not a {Kind}.");
        }

        return this;
    }

    /// <summary>Adds or replaces a dictionary entry; for building documents.</summary>
    public DocumentValue Add(string key, DocumentValue element)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(element);
        CheckElement(element);
        if (Kind != DocumentValueKind.Dictionary)
        {
            throw new InvalidOperationException($"Add(key, value) needs a dictionary, not a {Kind}.");
        }

        MutableEntries![key] = element;
        return this;
    }

    /// <summary>A deep copy (embedded documents and collections are copied; values are immutable).</summary>
    public DocumentValue Clone() => Kind switch
    {
        DocumentValueKind.Embedded => Embedded(Document!.Clone()),
        DocumentValueKind.List or DocumentValueKind.Set =>
            new(Kind, RealmValue.Null, null, null, MutableItems!.ConvertAll(static e => e.Clone()), null),
        DocumentValueKind.Dictionary => CloneDictionary(),
        _ => this,
    };

    public bool Equals(DocumentValue? other) => other is not null && DocumentValueComparer.Instance.Compare(this, other) == 0;

    public override bool Equals(object? obj) => obj is DocumentValue other && Equals(other);

    public override int GetHashCode() => Kind switch
    {
        DocumentValueKind.Value => ExactValue.Hash(Value),
        DocumentValueKind.Link => HashCode.Combine(LinkClass, ExactValue.Hash(Value)),
        DocumentValueKind.Embedded => Document!.GetHashCode(),
        DocumentValueKind.Dictionary => HashCode.Combine(Kind, MutableEntries!.Count),
        _ => HashCode.Combine(Kind, MutableItems!.Count),
    };

    public override string ToString() => ObjectDocumentSerializer.FormatValue(this);

    /// <summary>Inserts into a set at its sorted position; false when an exactly equal element is present.</summary>
    internal bool SetAdd(DocumentValue element)
    {
        var index = MutableItems!.BinarySearch(element, DocumentValueComparer.Instance);
        if (index >= 0)
        {
            return false;
        }

        MutableItems.Insert(~index, element);
        return true;
    }

    internal bool SetRemove(DocumentValue element)
    {
        var index = MutableItems!.BinarySearch(element, DocumentValueComparer.Instance);
        if (index < 0)
        {
            return false;
        }

        MutableItems.RemoveAt(index);
        return true;
    }

    private void CheckElement(DocumentValue element)
    {
        if (element.IsCollection)
        {
            throw new ArgumentException("Collections cannot contain collections.", nameof(element));
        }

        if (Kind == DocumentValueKind.Set && element.Kind == DocumentValueKind.Embedded)
        {
            throw new ArgumentException("Sets cannot contain embedded objects.", nameof(element));
        }
    }

    private DocumentValue CloneDictionary()
    {
        var copy = NewDictionary();
        foreach (var (key, value) in MutableEntries!)
        {
            copy.MutableEntries!.Add(key, value.Clone());
        }

        return copy;
    }
}
