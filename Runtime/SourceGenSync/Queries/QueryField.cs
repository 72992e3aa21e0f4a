using System;

namespace SourceGenSync.Queries;

/// <summary>
/// A generated, typed handle on one property of <typeparamref name="TRoot"/> (possibly through links). Its
/// operators build query nodes; a value of the wrong type does not compile.
/// </summary>
public abstract class QueryField<TRoot>
{
    protected QueryField(PropertyPath path) => Path = path ?? throw new ArgumentNullException(nameof(path));

    public PropertyPath Path { get; }

    public override string ToString() => Path.ToString();
}

/// <summary>A field compared with ==, != and <see cref="In(TValue[])"/>; null checks when <typeparamref name="TValue"/> is nullable.</summary>
#pragma warning disable CS0660, CS0661 // operators build queries; fields are never compared for equality themselves
public class EquatableField<TRoot, TValue> : QueryField<TRoot>
#pragma warning restore CS0660, CS0661
{
    private readonly Func<TValue, RealmValue> _toValue;

    public EquatableField(PropertyPath path, Func<TValue, RealmValue> toValue)
        : base(path) => _toValue = toValue ?? throw new ArgumentNullException(nameof(toValue));

    protected RealmValue ToValue(TValue value) => _toValue(value);

    protected QueryFilter<TRoot> Compare(ComparisonOperator op, TValue value) => new(new ComparisonNode(Path, op, ToValue(value)));

    public static QueryFilter<TRoot> operator ==(EquatableField<TRoot, TValue> field, TValue value) => field.Compare(ComparisonOperator.Equal, value);

    public static QueryFilter<TRoot> operator !=(EquatableField<TRoot, TValue> field, TValue value) => field.Compare(ComparisonOperator.NotEqual, value);

    /// <summary>True when the property equals one of <paramref name="values"/> (SQL <c>IN</c>).</summary>
    public QueryFilter<TRoot> In(params TValue[] values) => In((System.Collections.Generic.IEnumerable<TValue>)values);

    public QueryFilter<TRoot> In(System.Collections.Generic.IEnumerable<TValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var builder = System.Collections.Immutable.ImmutableArray.CreateBuilder<RealmValue>();
        foreach (var value in values)
        {
            builder.Add(ToValue(value));
        }

        return new(new InNode(Path, builder.ToImmutable()));
    }

    public QueryFilter<TRoot> IsNull() => new(new ComparisonNode(Path, ComparisonOperator.Equal, RealmValue.Null));

    public QueryFilter<TRoot> IsNotNull() => new(new ComparisonNode(Path, ComparisonOperator.NotEqual, RealmValue.Null));
}

/// <summary>A field that is also ordered: numbers, dates, ObjectId, Guid, counters, enums.</summary>
#pragma warning disable CS0660, CS0661
public class ComparableField<TRoot, TValue> : EquatableField<TRoot, TValue>
#pragma warning restore CS0660, CS0661
{
    public ComparableField(PropertyPath path, Func<TValue, RealmValue> toValue)
        : base(path, toValue)
    {
    }

    public static QueryFilter<TRoot> operator <(ComparableField<TRoot, TValue> field, TValue value) => field.Compare(ComparisonOperator.LessThan, value);

    public static QueryFilter<TRoot> operator <=(ComparableField<TRoot, TValue> field, TValue value) => field.Compare(ComparisonOperator.LessThanOrEqual, value);

    public static QueryFilter<TRoot> operator >(ComparableField<TRoot, TValue> field, TValue value) => field.Compare(ComparisonOperator.GreaterThan, value);

    public static QueryFilter<TRoot> operator >=(ComparableField<TRoot, TValue> field, TValue value) => field.Compare(ComparisonOperator.GreaterThanOrEqual, value);

    /// <summary>Inclusive range: <c>from &lt;= property &lt;= to</c>.</summary>
    public QueryFilter<TRoot> Between(TValue from, TValue to) => (this >= from) & (this <= to);
}

/// <summary>A bool field; usable directly as a filter (<c>Where(f =&gt; f.IsDone)</c>).</summary>
#pragma warning disable CS0660, CS0661
public class BoolField<TRoot> : EquatableField<TRoot, bool>
#pragma warning restore CS0660, CS0661
{
    public BoolField(PropertyPath path)
        : base(path, static v => v)
    {
    }

    public static implicit operator QueryFilter<TRoot>(BoolField<TRoot> field) => field == true;

    public static QueryFilter<TRoot> operator !(BoolField<TRoot> field) => field == false;
}

/// <summary>A nullable bool field; <c>== true</c>, <c>== false</c>, <c>== null</c>.</summary>
#pragma warning disable CS0660, CS0661
public class NullableBoolField<TRoot> : EquatableField<TRoot, bool?>
#pragma warning restore CS0660, CS0661
{
    public NullableBoolField(PropertyPath path)
        : base(path, static v => v)
    {
    }
}
