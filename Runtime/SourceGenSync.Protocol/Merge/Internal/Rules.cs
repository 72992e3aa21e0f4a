using System.Collections.Immutable;
using SourceGenSync.Changesets;

namespace SourceGenSync.Merge.Internal;

/// <summary>Questions the transformation rules ask about instructions: which field, which link, which path.</summary>
internal static class Rules
{
    /// <summary>The field an instruction changes; null for CreateObject and EraseObject.</summary>
    public static string? Field(Instruction instruction) => instruction switch
    {
        SetField i => i.Field,
        AddCounter i => i.Field,
        ListInsert i => i.Field,
        ListSet i => i.Field,
        ListErase i => i.Field,
        SetInsert i => i.Field,
        SetErase i => i.Field,
        DictionarySet i => i.Field,
        DictionaryErase i => i.Field,
        CollectionClear i => i.Field,
        _ => null,
    };

    /// <summary>
    /// The object an instruction makes something point at: the link of a SetField, ListInsert, ListSet, SetInsert or
    /// DictionarySet. Removals (SetErase) do not count: removing a link to an erased object is harmless.
    /// </summary>
    public static DocumentKey? LinkTarget(Instruction instruction)
    {
        var payload = instruction switch
        {
            SetField i => i.Value,
            ListInsert i => i.Value,
            ListSet i => i.Value,
            SetInsert i => i.Value,
            DictionarySet i => i.Value,
            _ => default(Payload?),
        };
        return payload is { Kind: PayloadKind.Link, LinkClass: { } @class } p ? new DocumentKey(@class, p.Value) : null;
    }

    /// <summary>A top-level EraseObject (one with a path is inert: embedded objects go through their owner's field).</summary>
    public static bool IsObjectErase(Instruction instruction) => instruction is EraseObject && !instruction.Object.IsEmbedded;

    public static bool SameTopLevel(ObjectRef left, ObjectRef right) =>
        string.Equals(left.Class, right.Class, System.StringComparison.Ordinal) && ExactValue.Equal(left.PrimaryKey, right.PrimaryKey);

    public static bool Targets(ObjectRef reference, DocumentKey key) =>
        string.Equals(reference.Class, key.Class, System.StringComparison.Ordinal) && ExactValue.Equal(reference.PrimaryKey, key.PrimaryKey);

    public static DocumentKey Key(ObjectRef reference) => new(reference.Class, reference.PrimaryKey);

    /// <summary>Same top-level object and exactly the same path (indices and keys included).</summary>
    public static bool SameObject(ObjectRef left, ObjectRef right)
    {
        if (!SameTopLevel(left, right))
        {
            return false;
        }

        var l = Steps(left);
        var r = Steps(right);
        return l.Length == r.Length && CommonPrefix(l, r, l.Length);
    }

    /// <summary>
    /// When <paramref name="inner"/> lies inside field <paramref name="field"/> of <paramref name="outer"/> (its path
    /// extends outer's path with a step through that field), the index of that step; otherwise -1.
    /// </summary>
    public static int StepThrough(ObjectRef inner, ObjectRef outer, string field)
    {
        if (!SameTopLevel(inner, outer))
        {
            return -1;
        }

        var i = Steps(inner);
        var o = Steps(outer);
        if (i.Length <= o.Length || !CommonPrefix(i, o, o.Length) || !string.Equals(i[o.Length].Property, field, System.StringComparison.Ordinal))
        {
            return -1;
        }

        return o.Length;
    }

    public static ImmutableArray<PathElement> Steps(ObjectRef reference) => reference.Path.IsDefault ? [] : reference.Path;

    /// <summary>The same instruction with path step <paramref name="step"/> replaced.</summary>
    public static Instruction WithStep(Instruction instruction, int step, PathElement element)
    {
        var reference = instruction.Object;
        return instruction with { Object = reference with { Path = Steps(reference).SetItem(step, element) } };
    }

    private static bool CommonPrefix(ImmutableArray<PathElement> left, ImmutableArray<PathElement> right, int length)
    {
        for (var k = 0; k < length; k++)
        {
            if (!left[k].Equals(right[k]))
            {
                return false;
            }
        }

        return true;
    }
}
