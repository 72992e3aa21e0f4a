using System.Collections.Immutable;

namespace SourceGenSync.Changesets;

/// <summary>
/// The object an instruction applies to: a top-level object by class and primary key, or an embedded object
/// reached from one through <see cref="Path"/> (for example <c>Home</c>, or <c>Addresses[2]</c>).
/// </summary>
/// <param name="Class">The stored class name of the top-level object.</param>
/// <param name="PrimaryKey">Its primary key (for classes without one: the local row key, as an Int).</param>
/// <param name="Path">From the top-level object to the embedded object; empty for the object itself.</param>
public readonly record struct ObjectRef(string Class, RealmValue PrimaryKey, ImmutableArray<PathElement> Path)
{
    public static ObjectRef TopLevel(string @class, RealmValue primaryKey) => new(@class, primaryKey, []);

    public bool IsEmbedded => !Path.IsDefaultOrEmpty;

    public bool Equals(ObjectRef other) =>
        Class == other.Class && PrimaryKey.Equals(other.PrimaryKey) && PathsEqual(Path, other.Path);

    public override int GetHashCode() => System.HashCode.Combine(Class, PrimaryKey, Path.IsDefaultOrEmpty ? 0 : Path.Length);

    private static bool PathsEqual(ImmutableArray<PathElement> left, ImmutableArray<PathElement> right)
    {
        var l = left.IsDefault ? [] : left;
        var r = right.IsDefault ? [] : right;
        if (l.Length != r.Length)
        {
            return false;
        }

        for (var i = 0; i < l.Length; i++)
        {
            if (!l[i].Equals(r[i]))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>One step of an embedded object's path: a property, and for lists an index or for dictionaries a key.</summary>
public readonly record struct PathElement(string Property, long? Index = null, string? Key = null);

/// <summary>What a field or collection element is set to.</summary>
public enum PayloadKind : byte
{
    /// <summary>A plain value (possibly null), in <see cref="Payload.Value"/>.</summary>
    Value = 0,
    /// <summary>A link to a top-level object: its class in <see cref="Payload.LinkClass"/>, its primary key in <see cref="Payload.Value"/>.</summary>
    Link = 1,
    /// <summary>A new, empty embedded object; instructions that follow with a longer path fill its fields.</summary>
    NewEmbedded = 2,
}

/// <summary>A value written by an instruction. DateTime values travel as Int (ticks | Kind &lt;&lt; 62).</summary>
public readonly record struct Payload(PayloadKind Kind, RealmValue Value, string? LinkClass = null)
{
    public static Payload Of(RealmValue value) => new(PayloadKind.Value, value);

    public static Payload Link(string @class, RealmValue primaryKey) => new(PayloadKind.Link, primaryKey, @class);

    public static Payload NewEmbedded { get; } = new(PayloadKind.NewEmbedded, RealmValue.Null);
}

/// <summary>One change. Records keep structural equality, so tests compare decoded changesets directly.</summary>
public abstract record Instruction(ObjectRef Object);

/// <summary>A top-level object was created with its primary key (its fields follow as <see cref="SetField"/>).</summary>
public sealed record CreateObject(ObjectRef Object) : Instruction(Object);

/// <summary>An object was removed (with everything it owned: embedded objects, collections).</summary>
public sealed record EraseObject(ObjectRef Object) : Instruction(Object);

/// <summary>A scalar field, link or embedded object field was set.</summary>
public sealed record SetField(ObjectRef Object, string Field, Payload Value) : Instruction(Object);

/// <summary>A counter field was incremented by <paramref name="Delta"/> (concurrent adds merge by summing).</summary>
public sealed record AddCounter(ObjectRef Object, string Field, long Delta) : Instruction(Object);

/// <summary>A list element was inserted at <paramref name="Index"/>.</summary>
public sealed record ListInsert(ObjectRef Object, string Field, long Index, Payload Value) : Instruction(Object);

/// <summary>The list element at <paramref name="Index"/> was replaced.</summary>
public sealed record ListSet(ObjectRef Object, string Field, long Index, Payload Value) : Instruction(Object);

/// <summary>The list element at <paramref name="Index"/> was removed.</summary>
public sealed record ListErase(ObjectRef Object, string Field, long Index) : Instruction(Object);

/// <summary>A value was added to a set.</summary>
public sealed record SetInsert(ObjectRef Object, string Field, Payload Value) : Instruction(Object);

/// <summary>A value was removed from a set.</summary>
public sealed record SetErase(ObjectRef Object, string Field, Payload Value) : Instruction(Object);

/// <summary>A dictionary entry was added or replaced.</summary>
public sealed record DictionarySet(ObjectRef Object, string Field, string Key, Payload Value) : Instruction(Object);

/// <summary>A dictionary entry was removed.</summary>
public sealed record DictionaryErase(ObjectRef Object, string Field, string Key) : Instruction(Object);

/// <summary>A list, set or dictionary was emptied.</summary>
public sealed record CollectionClear(ObjectRef Object, string Field) : Instruction(Object);
