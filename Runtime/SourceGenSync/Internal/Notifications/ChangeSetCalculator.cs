using System;
using System.Collections.Generic;
using SourceGenSync.Internal.Transactions;

namespace SourceGenSync.Internal.Notifications;

/// <summary>A change set, plus the new indices whose element was replaced by another value (collection-changed events need them).</summary>
internal sealed record CollectionDiff(ChangeSet Changes, int[] Replaced);

/// <summary>
/// Computes what changed between two states of a collection. Elements are matched by key: keys only in the old
/// state were deleted, keys only in the new one inserted; kept keys that left the longest subsequence still in
/// their old relative order moved; the others are modified when their value changed or the summary lists their
/// target row as modified.
/// </summary>
internal static class ChangeSetCalculator
{
    /// <summary>The changes from <paramref name="old"/> to <paramref name="current"/>; null when nothing changed.</summary>
    public static CollectionDiff? Compute(CollectionState old, CollectionState current, ChangeSummary summary)
    {
        var modifiedRows = current.TargetTable >= 0 && summary.Tables.TryGetValue(current.TargetTable, out var table) ? table.Modified : null;
        var modifiedOld = new List<int>();
        var modifiedNew = new List<int>();
        var replaced = new List<int>();
        if (old.Keys.AsSpan().SequenceEqual(current.Keys))
        {
            for (var i = 0; i < current.Count; i++)
            {
                if (IsModified(old, i, current, i, modifiedRows, replaced))
                {
                    modifiedOld.Add(i);
                    modifiedNew.Add(i);
                }
            }

            return modifiedOld.Count == 0 ? null : new CollectionDiff(new ChangeSet([], [.. modifiedOld], [.. modifiedNew], [], [], isCleared: false), [.. replaced]);
        }

        var oldPositions = new Dictionary<long, int>(old.Count);
        for (var i = 0; i < old.Count; i++)
        {
            oldPositions[old.Keys[i]] = i;
        }

        var deleted = new List<int>();
        var inserted = new List<int>();
        var keptOld = new List<int>();
        var keptNew = new List<int>();
        var newKeys = new HashSet<long>(current.Keys);
        for (var i = 0; i < old.Count; i++)
        {
            if (!newKeys.Contains(old.Keys[i]))
            {
                deleted.Add(i);
            }
        }

        for (var j = 0; j < current.Count; j++)
        {
            if (oldPositions.TryGetValue(current.Keys[j], out var i))
            {
                keptOld.Add(i);
                keptNew.Add(j);
            }
            else
            {
                inserted.Add(j);
            }
        }

        var inOrder = LongestIncreasingSubsequence(keptOld);
        var moves = new List<ChangeSet.Move>();
        for (var c = 0; c < keptOld.Count; c++)
        {
            if (!inOrder[c])
            {
                moves.Add(new ChangeSet.Move(keptOld[c], keptNew[c]));
                deleted.Add(keptOld[c]);
                inserted.Add(keptNew[c]);
            }
            else if (IsModified(old, keptOld[c], current, keptNew[c], modifiedRows, replaced))
            {
                modifiedOld.Add(keptOld[c]);
                modifiedNew.Add(keptNew[c]);
            }
        }

        deleted.Sort();
        inserted.Sort();
        moves.Sort(static (a, b) => a.From.CompareTo(b.From));
        var changes = new ChangeSet([.. inserted], [.. modifiedOld], [.. modifiedNew], [.. deleted], [.. moves], isCleared: old.Count > 0 && current.Count == 0);
        return new CollectionDiff(changes, [.. replaced]);
    }

    /// <summary>The changes of a dictionary by key; null when nothing changed.</summary>
    public static DictionaryChangeSet? ComputeKeys(CollectionState old, CollectionState current, ChangeSummary summary)
    {
        var modifiedRows = current.TargetTable >= 0 && summary.Tables.TryGetValue(current.TargetTable, out var table) ? table.Modified : null;
        var oldPositions = new Dictionary<string, int>(old.Count, StringComparer.Ordinal);
        for (var i = 0; i < old.Count; i++)
        {
            oldPositions[old.DictionaryKeys![i]] = i;
        }

        var inserted = new List<string>();
        var modified = new List<string>();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < current.Count; j++)
        {
            var key = current.DictionaryKeys![j];
            if (!oldPositions.TryGetValue(key, out var i))
            {
                inserted.Add(key);
                continue;
            }

            kept.Add(key);
            if (old.Keys[i] != current.Keys[j] || IsModified(old, i, current, j, modifiedRows, null))
            {
                modified.Add(key);
            }
        }

        var deleted = new List<string>();
        for (var i = 0; i < old.Count; i++)
        {
            if (!kept.Contains(old.DictionaryKeys![i]))
            {
                deleted.Add(old.DictionaryKeys[i]);
            }
        }

        if (inserted.Count == 0 && modified.Count == 0 && deleted.Count == 0)
        {
            return null;
        }

        inserted.Sort(StringComparer.Ordinal);
        modified.Sort(StringComparer.Ordinal);
        deleted.Sort(StringComparer.Ordinal);
        return new DictionaryChangeSet([.. inserted], [.. modified], [.. deleted]);
    }

    private static bool IsModified(CollectionState old, int oldIndex, CollectionState current, int newIndex, HashSet<long>? modifiedRows, List<int>? replaced)
    {
        if (old.Values is not null && current.Values is not null && !old.Values[oldIndex].Equals(current.Values[newIndex]))
        {
            replaced?.Add(newIndex);
            return true;
        }

        if (modifiedRows is not null)
        {
            var target = current.TargetKeyAt(newIndex);
            return target >= 0 && modifiedRows.Contains(target);
        }

        return false;
    }

    /// <summary>Marks a longest strictly increasing subsequence of <paramref name="sequence"/> (patience sorting, O(n log n)).</summary>
    internal static bool[] LongestIncreasingSubsequence(List<int> sequence)
    {
        var n = sequence.Count;
        var result = new bool[n];
        if (n == 0)
        {
            return result;
        }

        var tails = new int[n]; // tails[k]: index in sequence of the smallest tail of an increasing run of length k + 1
        var previous = new int[n];
        var length = 0;
        for (var i = 0; i < n; i++)
        {
            int low = 0, high = length;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (sequence[tails[mid]] < sequence[i])
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            previous[i] = low > 0 ? tails[low - 1] : -1;
            tails[low] = i;
            if (low == length)
            {
                length++;
            }
        }

        for (var i = tails[length - 1]; i >= 0; i = previous[i])
        {
            result[i] = true;
        }

        return result;
    }
}
