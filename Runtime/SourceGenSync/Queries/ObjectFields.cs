using System;

namespace SourceGenSync.Queries;

/// <summary>
/// Base of every generated <c>Fields&lt;TRoot&gt;</c> class: the typed fields of one model class reached from a
/// query over <typeparamref name="TRoot"/> by <see cref="Path"/> (empty at the root, <c>project</c> through a link).
/// </summary>
public abstract class ObjectFields<TRoot>
{
    protected ObjectFields(PropertyPath path) => Path = path ?? throw new ArgumentNullException(nameof(path));

    public PropertyPath Path { get; }

    /// <summary>True when the link this object is reached through is null (invalid at the root).</summary>
    public QueryFilter<TRoot> IsNull() => new(new ComparisonNode(RequireLink(), ComparisonOperator.Equal, RealmValue.Null));

    public QueryFilter<TRoot> IsNotNull() => new(new ComparisonNode(RequireLink(), ComparisonOperator.NotEqual, RealmValue.Null));

    private PropertyPath RequireLink() =>
        Path.IsEmpty ? throw new InvalidOperationException("IsNull/IsNotNull apply to a link property (f.Project.IsNull()), not to the queried object itself.") : Path;
}

/// <summary>A list, set or backlink collection of objects: element count and "any element matches".</summary>
public class ObjectCollectionField<TRoot, TFields> : QueryField<TRoot>
    where TFields : ObjectFields<TRoot>
{
    private readonly TFields _element;

    public ObjectCollectionField(PropertyPath path, Func<PropertyPath, TFields> elementFields)
        : base(path)
    {
        ArgumentNullException.ThrowIfNull(elementFields);
        _element = elementFields(PropertyPath.Empty);
    }

    public CountField<TRoot> Count => new(Path);

    /// <summary>True when at least one element satisfies <paramref name="predicate"/>.</summary>
    public QueryFilter<TRoot> Any(Func<TFields, QueryFilter<TRoot>> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new(new CollectionAnyNode(Path, predicate(_element).Node));
    }

    /// <summary>True when the collection has at least one element.</summary>
    public QueryFilter<TRoot> Any() => Count > 0;
}

/// <summary>A list or set of primitive values: count, membership and "any element matches".</summary>
public class PrimitiveCollectionField<TRoot, TValue, TElementField> : QueryField<TRoot>
    where TElementField : EquatableField<TRoot, TValue>
{
    private readonly TElementField _element;

    public PrimitiveCollectionField(PropertyPath path, Func<PropertyPath, TElementField> elementField)
        : base(path)
    {
        ArgumentNullException.ThrowIfNull(elementField);
        _element = elementField(PropertyPath.Empty);
    }

    public CountField<TRoot> Count => new(Path);

    /// <summary>True when the collection holds <paramref name="value"/>.</summary>
    public QueryFilter<TRoot> Contains(TValue value) => new(new CollectionAnyNode(Path, (_element == value).Node));

    public QueryFilter<TRoot> Any(Func<TElementField, QueryFilter<TRoot>> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new(new CollectionAnyNode(Path, predicate(_element).Node));
    }

    public QueryFilter<TRoot> Any() => Count > 0;
}

/// <summary>A dictionary with string keys: count, key membership and "any value matches".</summary>
public class DictionaryField<TRoot, TValue, TElementField> : PrimitiveCollectionField<TRoot, TValue, TElementField>
    where TElementField : EquatableField<TRoot, TValue>
{
    public DictionaryField(PropertyPath path, Func<PropertyPath, TElementField> elementField)
        : base(path, elementField)
    {
    }

    public QueryFilter<TRoot> ContainsKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(new DictionaryContainsKeyNode(Path, key));
    }
}

/// <summary>A dictionary whose values are objects.</summary>
public class ObjectDictionaryField<TRoot, TFields> : ObjectCollectionField<TRoot, TFields>
    where TFields : ObjectFields<TRoot>
{
    public ObjectDictionaryField(PropertyPath path, Func<PropertyPath, TFields> elementFields)
        : base(path, elementFields)
    {
    }

    public QueryFilter<TRoot> ContainsKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(new DictionaryContainsKeyNode(Path, key));
    }
}

/// <summary>The element count of a collection, compared with a constant.</summary>
#pragma warning disable CS0660, CS0661 // operators build queries; fields are never compared for equality themselves
public sealed class CountField<TRoot>
#pragma warning restore CS0660, CS0661
{
    internal CountField(PropertyPath collection) => Collection = collection;

    public PropertyPath Collection { get; }

    private QueryFilter<TRoot> Compare(ComparisonOperator op, long count) => new(new CollectionCountNode(Collection, op, count));

    public static QueryFilter<TRoot> operator ==(CountField<TRoot> field, long count) => field.Compare(ComparisonOperator.Equal, count);

    public static QueryFilter<TRoot> operator !=(CountField<TRoot> field, long count) => field.Compare(ComparisonOperator.NotEqual, count);

    public static QueryFilter<TRoot> operator <(CountField<TRoot> field, long count) => field.Compare(ComparisonOperator.LessThan, count);

    public static QueryFilter<TRoot> operator <=(CountField<TRoot> field, long count) => field.Compare(ComparisonOperator.LessThanOrEqual, count);

    public static QueryFilter<TRoot> operator >(CountField<TRoot> field, long count) => field.Compare(ComparisonOperator.GreaterThan, count);

    public static QueryFilter<TRoot> operator >=(CountField<TRoot> field, long count) => field.Compare(ComparisonOperator.GreaterThanOrEqual, count);
}
