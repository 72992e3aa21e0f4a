using System;
using System.Collections.Generic;
using SourceGenSync.Changesets;

namespace SourceGenSync.Merge.Internal;

/// <summary>
/// TP1 for one pair: a (left, stamp <see cref="_left"/>) and b (right) were made on the same state; returns a' to
/// apply after b and b' to apply after a, so that a·b' and b·a' reach the same state. docs/merge-rules.md has the
/// table; the order of checks here is the order of precedence there: erase, then containment (an instruction
/// inside a field the other one replaces, removes or shifts), then the same field, else independent.
/// </summary>
internal sealed class PairRules(MergeStamp left, MergeStamp right)
{
    private readonly MergeStamp _left = left;
    private readonly MergeStamp _right = right;

    private bool LeftWins => _left >= _right; // equal stamps only come from one file; the left side wins then

    public (List<Instruction> Left, List<Instruction> Right) Transform(Instruction a, Instruction b)
    {
        if (Rules.IsObjectErase(a) || Rules.IsObjectErase(b))
        {
            if (Rules.IsObjectErase(a) && EraseRule(a, b) is { } fromLeft)
            {
                return fromLeft;
            }

            if (Rules.IsObjectErase(b) && EraseRule(b, a) is { } fromRight)
            {
                return (fromRight.Other, fromRight.Erase);
            }

            return Keep(a, b);
        }

        var fieldA = Rules.Field(a);
        var fieldB = Rules.Field(b);
        if (fieldA is not null && Contained(a, fieldA, b) is { } rightInA)
        {
            return ([a], rightInA);
        }

        if (fieldB is not null && Contained(b, fieldB, a) is { } leftInB)
        {
            return (leftInB, [b]);
        }

        if (fieldA is not null && fieldA == fieldB && Rules.SameObject(a.Object, b.Object))
        {
            return SameField(a, b);
        }

        return Keep(a, b);
    }

    private static (List<Instruction>, List<Instruction>) Keep(Instruction a, Instruction b) => ([a], [b]);

    /// <summary>
    /// Erase wins: over a concurrent erase of the same object (both vanish), over anything on the object or inside
    /// it, and over anything that links to it — that one becomes its removal (null field, erased element) on both
    /// sides, since the erase side must undo a link it never saw. Null when the pair does not involve the erase.
    /// </summary>
    private static (List<Instruction> Erase, List<Instruction> Other)? EraseRule(Instruction erase, Instruction other)
    {
        var key = Rules.Key(erase.Object);
        if (Rules.IsObjectErase(other) && Rules.SameTopLevel(other.Object, erase.Object))
        {
            return ([], []);
        }

        if (Rules.Targets(other.Object, key))
        {
            return ([erase], []);
        }

        if (Rules.LinkTarget(other) is not { } target || !target.Equals(key))
        {
            return null;
        }

        Instruction removal = other switch
        {
            SetField set => set with { Value = Payload.Of(RealmValue.Null) },
            ListInsert insert => new ListErase(insert.Object, insert.Field, insert.Index),
            ListSet listSet => new ListErase(listSet.Object, listSet.Field, listSet.Index),
            SetInsert setInsert => new SetErase(setInsert.Object, setInsert.Field, setInsert.Value),
            DictionarySet dictionarySet => dictionarySet with { Value = Payload.Of(RealmValue.Null) },
            _ => throw new InvalidOperationException("LinkTarget only answers for instructions with a link payload."),
        };

        // A list insert that never happens needs no removal on its own side; everything else (a replaced element,
        // a field or entry set before, a set member that may already have been there) is removed on both sides.
        List<Instruction> otherSide = other is ListInsert ? [] : [removal];
        return ([removal, erase], otherSide);
    }

    /// <summary>
    /// When <paramref name="inner"/> lies inside field <paramref name="field"/> of <paramref name="outer"/>'s object,
    /// what becomes of it: dropped when outer replaces or removes what it lies in, its path index shifted by a list
    /// insert or erase before it. Null when inner does not lie inside that field. Outer is never affected.
    /// </summary>
    private static List<Instruction>? Contained(Instruction outer, string field, Instruction inner)
    {
        var step = Rules.StepThrough(inner.Object, outer.Object, field);
        if (step < 0)
        {
            return null;
        }

        var element = Rules.Steps(inner.Object)[step];
        switch (outer)
        {
            case SetField or CollectionClear:
                return [];
            case ListInsert insert when element.Index is { } at && at >= insert.Index:
                return [Rules.WithStep(inner, step, element with { Index = at + 1 })];
            case ListErase erase when element.Index is { } at && at == erase.Index:
                return [];
            case ListErase erase when element.Index is { } at && at > erase.Index:
                return [Rules.WithStep(inner, step, element with { Index = at - 1 })];
            case ListSet set when element.Index == set.Index:
                return [];
            case DictionarySet set when string.Equals(element.Key, set.Key, StringComparison.Ordinal):
                return [];
            case DictionaryErase erase when string.Equals(element.Key, erase.Key, StringComparison.Ordinal):
                return [];
            default:
                return [inner];
        }
    }

    private (List<Instruction>, List<Instruction>) SameField(Instruction a, Instruction b)
    {
        switch (a, b)
        {
            case (SetField, SetField):
                return LastWriterWins(a, b);
            case (SetField, _):
                return ([a], []); // a field set replaces the counter, collection or embedded object there
            case (_, SetField):
                return ([], [b]);
            case (CollectionClear, CollectionClear):
                return ([], []);
            case (CollectionClear, _) when IsCollectionEdit(b):
                return ([a], []);
            case (_, CollectionClear) when IsCollectionEdit(a):
                return ([], [b]);
            case (ListInsert or ListSet or ListErase, ListInsert or ListSet or ListErase):
                return ListRules.Transform(a, b, lowerFirst: _left <= _right, LeftWins);
            case (SetInsert x, SetErase y) when ExactValue.Equal(x.Value, y.Value):
                return LastWriterWins(a, b);
            case (SetErase x, SetInsert y) when ExactValue.Equal(x.Value, y.Value):
                return LastWriterWins(a, b);
            case (DictionarySet or DictionaryErase, DictionarySet or DictionaryErase) when string.Equals(Key(a), Key(b), StringComparison.Ordinal):
                return a is DictionaryErase && b is DictionaryErase ? Keep(a, b) : LastWriterWins(a, b);
            default:
                return Keep(a, b); // counters add; distinct set members and keys are independent
        }
    }

    private (List<Instruction>, List<Instruction>) LastWriterWins(Instruction a, Instruction b) => LeftWins ? ([a], []) : ([], [b]);

    private static bool IsCollectionEdit(Instruction instruction) =>
        instruction is ListInsert or ListSet or ListErase or SetInsert or SetErase or DictionarySet or DictionaryErase;

    private static string? Key(Instruction instruction) => instruction switch
    {
        DictionarySet set => set.Key,
        DictionaryErase erase => erase.Key,
        _ => null,
    };
}
