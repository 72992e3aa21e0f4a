using System.Collections.Generic;
using SourceGenSync.Changesets;

namespace SourceGenSync.Merge.Internal;

/// <summary>
/// Transforms two concurrent instruction sequences against each other: the grid of <see cref="PairRules"/> over
/// every (left, right) instruction pair. An instruction a pair rule drops disappears from its side while the other
/// side keeps (or gains) what undoes its effect, so the later instructions of the same sequence are transformed
/// against a state that already accounts for it: their indices stay right without any extra fix-up pass.
/// </summary>
internal static class InstructionTransformer
{
    public static (IReadOnlyList<Instruction> Left, IReadOnlyList<Instruction> Right) Transform(
        IReadOnlyList<Instruction> left, MergeStamp leftStamp, IReadOnlyList<Instruction> right, MergeStamp rightStamp)
    {
        var rules = new PairRules(leftStamp, rightStamp);
        var (l, r) = Transform(new List<Instruction>(left), new List<Instruction>(right), rules);
        return (Unchanged(left, l) ? left : l, Unchanged(right, r) ? right : r);
    }

    private static (List<Instruction> Left, List<Instruction> Right) Transform(List<Instruction> left, List<Instruction> right, PairRules rules)
    {
        if (left.Count == 0 || right.Count == 0)
        {
            return (left, right);
        }

        if (left.Count == 1 && right.Count == 1)
        {
            return rules.Transform(left[0], right[0]);
        }

        if (left.Count > 1)
        {
            // Each left instruction against the whole right sequence, which moves forward as it goes.
            var output = new List<Instruction>(left.Count);
            var current = right;
            foreach (var instruction in left)
            {
                (var transformed, current) = Transform([instruction], current, rules);
                output.AddRange(transformed);
            }

            return (output, current);
        }

        // One left instruction (it may grow into several) against each right instruction in turn.
        var leftCurrent = left;
        var rightOutput = new List<Instruction>(right.Count);
        foreach (var instruction in right)
        {
            (leftCurrent, var transformed) = Transform(leftCurrent, [instruction], rules);
            rightOutput.AddRange(transformed);
        }

        return (leftCurrent, rightOutput);
    }

    private static bool Unchanged(IReadOnlyList<Instruction> original, List<Instruction> transformed)
    {
        if (original.Count != transformed.Count)
        {
            return false;
        }

        for (var i = 0; i < original.Count; i++)
        {
            if (!ReferenceEquals(original[i], transformed[i]))
            {
                return false;
            }
        }

        return true;
    }
}
