using SourceGenSync.Internal.Notifications;
using SourceGenSync.Internal.Transactions;

namespace SourceGenSync.Runtime.Tests.Notifications;

/// <summary>The diff behind every notification, on plain key lists.</summary>
public sealed class ChangeSetCalculatorTests
{
    private const int Table = 0;

    private static CollectionState State(params long[] keys) => new(keys, null, null, Table, null);

    private static ChangeSet? Diff(long[] before, long[] after, params long[] modified)
    {
        var summary = new ChangeSummary();
        foreach (var key in modified)
        {
            summary.Modified(Table, key);
        }

        return ChangeSetCalculator.Compute(State(before), State(after), summary)?.Changes;
    }

    [Fact]
    public void Identical_keys_without_modifications_are_no_change() => Assert.Null(Diff([1, 2, 3], [1, 2, 3]));

    [Fact]
    public void Modifications_of_rows_outside_the_collection_are_no_change() => Assert.Null(Diff([1, 2], [1, 2], 7));

    [Fact]
    public void Insertions_and_deletions_use_new_and_old_indices()
    {
        var changes = Diff([1, 2, 3, 4], [1, 5, 3, 6, 4])!;

        Assert.Equal([1], changes.DeletedIndices);
        Assert.Equal([1, 3], changes.InsertedIndices);
        Assert.Empty(changes.Moves);
    }

    [Fact]
    public void Modified_rows_are_reported_at_old_and_new_indices()
    {
        var changes = Diff([1, 2, 3], [0, 1, 3], 3)!;

        Assert.Equal([2], changes.ModifiedIndices);
        Assert.Equal([2], changes.NewModifiedIndices);
        Assert.Equal([1], changes.DeletedIndices);
        Assert.Equal([0], changes.InsertedIndices);
    }

    [Fact]
    public void Reordering_reports_the_fewest_moves_as_deletions_and_insertions_too()
    {
        var changes = Diff([1, 2, 3, 4, 5], [2, 3, 4, 5, 1], 1)!;

        Assert.Equal([new ChangeSet.Move(0, 4)], changes.Moves);
        Assert.Equal([0], changes.DeletedIndices);
        Assert.Equal([4], changes.InsertedIndices);
        Assert.Empty(changes.ModifiedIndices);
    }

    [Fact]
    public void Reversing_moves_all_but_one_element()
    {
        var changes = Diff([1, 2, 3, 4], [4, 3, 2, 1])!;

        Assert.Equal(3, changes.Moves.Length);
        Assert.All(changes.Moves, m => Assert.Equal(3, m.From + m.To));
    }

    [Fact]
    public void Emptying_a_collection_is_a_clear()
    {
        var changes = Diff([1, 2], [])!;

        Assert.True(changes.IsCleared);
        Assert.Equal([0, 1], changes.DeletedIndices);
    }

    [Fact]
    public void A_different_value_under_the_same_key_is_a_replacement()
    {
        var before = new CollectionState([10, 11], ["a", "b"], null, -1, null);
        var after = new CollectionState([10, 11], ["a", "B"], null, -1, null);

        var diff = ChangeSetCalculator.Compute(before, after, new ChangeSummary())!;

        Assert.Equal([1], diff.Changes.ModifiedIndices);
        Assert.Equal([1], diff.Replaced);
    }

    [Fact]
    public void Longest_increasing_subsequence_marks_the_elements_that_keep_their_order()
    {
        var marks = ChangeSetCalculator.LongestIncreasingSubsequence([3, 0, 1, 5, 2, 4]);

        Assert.Equal([false, true, true, false, true, true], marks);
    }

    [Fact]
    public void Dictionary_keys_are_compared_by_key_and_slot()
    {
        var before = new CollectionState([1, 2, 3], [1L, 2L, 3L], null, -1, null, ["a", "b", "c"]);
        var after = new CollectionState([1, 4, 5], [1L, 2L, 9L], null, -1, null, ["a", "b", "d"]);

        var changes = ChangeSetCalculator.ComputeKeys(before, after, new ChangeSummary())!;

        Assert.Equal(["d"], changes.InsertedKeys);
        Assert.Equal(["b"], changes.ModifiedKeys);
        Assert.Equal(["c"], changes.DeletedKeys);
    }
}
