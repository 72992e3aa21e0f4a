using System;
using System.Collections.Generic;

namespace SourceGenSync.Internal.Collections;

/// <summary>
/// The set algebra of <see cref="ISet{T}"/>. Elements compare by their stored value (objects by identity), so an
/// unmanaged object in <c>other</c> is never equal to a member; the modifying operations are sequences of
/// <see cref="ManagedSet{T}.Add"/> and <see cref="ManagedSet{T}.Remove"/> and record one instruction per change.
/// </summary>
internal sealed partial class ManagedSet<T>
{
    public void UnionWith(IEnumerable<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Core.BeginWrite();
        foreach (var item in other)
        {
            Add(item);
        }
    }

    public void ExceptWith(IEnumerable<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Core.BeginWrite();
        foreach (var item in other)
        {
            Remove(item);
        }
    }

    public void IntersectWith(IEnumerable<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Core.BeginWrite();
        var keep = Describe(other).Values;
        var rows = Core.Rows();
        for (var i = 0; i < rows.Count; i++)
        {
            if (!keep.Contains(rows.Values[i]))
            {
                Remove(rows.Items[i]);
            }
        }
    }

    public void SymmetricExceptWith(IEnumerable<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Core.BeginWrite();
        var seen = new HashSet<RealmValue>();
        var unmanaged = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var item in other)
        {
            if (Core.TryLookup(item, out var stored))
            {
                if (seen.Add(stored.Value) && !Remove(item))
                {
                    Add(item);
                }
            }
            else if (item is not null && unmanaged.Add(item))
            {
                // Not a member (not managed here): toggling it in means adding it.
                Add(item);
            }
        }
    }

    public bool IsSubsetOf(IEnumerable<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var others = Describe(other);
        return Members().IsSubsetOf(others.Values);
    }

    public bool IsProperSubsetOf(IEnumerable<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var others = Describe(other);
        var members = Members();
        return members.IsSubsetOf(others.Values) && others.Values.Count + others.Foreign > members.Count;
    }

    public bool IsSupersetOf(IEnumerable<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var others = Describe(other);
        return others.Foreign == 0 && Members().IsSupersetOf(others.Values);
    }

    public bool IsProperSupersetOf(IEnumerable<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var others = Describe(other);
        var members = Members();
        return others.Foreign == 0 && members.IsSupersetOf(others.Values) && members.Count > others.Values.Count;
    }

    public bool Overlaps(IEnumerable<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Members().Overlaps(Describe(other).Values);
    }

    public bool SetEquals(IEnumerable<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var others = Describe(other);
        return others.Foreign == 0 && Members().SetEquals(others.Values);
    }

    private HashSet<RealmValue> Members() => [.. Core.Rows().Values];

    /// <summary>The distinct stored values of <paramref name="other"/>, and how many distinct items cannot be members (unmanaged or foreign objects).</summary>
    private (HashSet<RealmValue> Values, int Foreign) Describe(IEnumerable<T> other)
    {
        Core.EnsureReadable();
        var values = new HashSet<RealmValue>();
        var foreign = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var item in other)
        {
            if (Core.TryLookup(item, out var stored))
            {
                values.Add(stored.Value);
            }
            else if (item is not null)
            {
                foreign.Add(item);
            }
        }

        return (values, foreign.Count);
    }
}
