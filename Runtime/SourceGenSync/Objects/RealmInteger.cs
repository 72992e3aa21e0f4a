using System;
using System.Globalization;
using System.Numerics;
using SourceGenSync.Internal;

namespace SourceGenSync;

/// <summary>
/// A counter property. <see cref="Increment(T)"/> records "add n" rather than "set to x", so increments made on
/// several devices while offline all count after sync. Converts implicitly to and from <typeparamref name="T"/>.
/// </summary>
public readonly struct RealmInteger<T> : IEquatable<RealmInteger<T>>, IComparable<RealmInteger<T>>, IFormattable
    where T : struct, IBinaryInteger<T>
{
    private readonly ICounterOwner? _owner;
    private readonly int _index;

    public RealmInteger(T value)
        : this(value, null, -1)
    {
    }

    /// <summary>Used by generated getters: binds the value to the property it came from.</summary>
    public RealmInteger(T value, ICounterOwner? owner, int index)
    {
        Value = value;
        _owner = owner;
        _index = index;
    }

    public T Value { get; }

    /// <summary>Adds one to the property this value was read from.</summary>
    public RealmInteger<T> Increment() => Increment(T.One);

    /// <summary>Subtracts one from the property this value was read from.</summary>
    public RealmInteger<T> Decrement() => Increment(-T.One);

    public RealmInteger<T> Decrement(T value) => Increment(-value);

    /// <summary>Adds <paramref name="value"/> to the property this value was read from and returns the new value.</summary>
    public RealmInteger<T> Increment(T value)
    {
        if (_owner is null)
        {
            throw new InvalidOperationException(
                "This RealmInteger is not bound to an object property. Call Increment on the property (obj.Counter.Increment()), or assign a new value.");
        }

        var updated = _owner.IncrementCounter(_index, long.CreateTruncating(value));
        return new RealmInteger<T>(T.CreateTruncating(updated), _owner, _index);
    }

    public static implicit operator T(RealmInteger<T> value) => value.Value;

    public static implicit operator RealmInteger<T>(T value) => new(value);

    public bool Equals(RealmInteger<T> other) => Value.Equals(other.Value);

    public override bool Equals(object? obj) => obj is RealmInteger<T> other && Equals(other);

    public override int GetHashCode() => Value.GetHashCode();

    public int CompareTo(RealmInteger<T> other) => Value.CompareTo(other.Value);

    public static bool operator ==(RealmInteger<T> left, RealmInteger<T> right) => left.Equals(right);

    public static bool operator !=(RealmInteger<T> left, RealmInteger<T> right) => !left.Equals(right);

    public static bool operator <(RealmInteger<T> left, RealmInteger<T> right) => left.CompareTo(right) < 0;

    public static bool operator <=(RealmInteger<T> left, RealmInteger<T> right) => left.CompareTo(right) <= 0;

    public static bool operator >(RealmInteger<T> left, RealmInteger<T> right) => left.CompareTo(right) > 0;

    public static bool operator >=(RealmInteger<T> left, RealmInteger<T> right) => left.CompareTo(right) >= 0;

    public override string ToString() => Value.ToString(null, CultureInfo.InvariantCulture);

    public string ToString(string? format, IFormatProvider? formatProvider) => Value.ToString(format, formatProvider);
}
