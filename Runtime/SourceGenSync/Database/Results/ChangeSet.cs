using System;

namespace SourceGenSync;

/// <summary>
/// What changed in a live collection between two notifications, as Realm .NET reports it. Apply it to a copy of
/// the old collection in this order: remove <see cref="DeletedIndices"/> (old indices, highest first), insert
/// <see cref="InsertedIndices"/> (new indices, lowest first), then refresh <see cref="NewModifiedIndices"/>.
/// </summary>
/// <remarks>
/// Elements are matched by identity (objects by row, list elements by their slot, dictionary entries by key), so
/// an element that changed position without being removed is a <see cref="Moves">move</see>: every move's
/// <see cref="Move.From"/> is also in <see cref="DeletedIndices"/> and its <see cref="Move.To"/> in
/// <see cref="InsertedIndices"/>, and moved elements are not reported as modified. Moves are the fewest that
/// explain the new order (the elements outside a longest run that kept its relative order).
/// </remarks>
public sealed class ChangeSet
{
    internal ChangeSet(int[] insertedIndices, int[] modifiedIndices, int[] newModifiedIndices, int[] deletedIndices)
        : this(insertedIndices, modifiedIndices, newModifiedIndices, deletedIndices, [], isCleared: false)
    {
    }

    internal ChangeSet(int[] insertedIndices, int[] modifiedIndices, int[] newModifiedIndices, int[] deletedIndices, Move[] moves, bool isCleared)
    {
        InsertedIndices = insertedIndices;
        ModifiedIndices = modifiedIndices;
        NewModifiedIndices = newModifiedIndices;
        DeletedIndices = deletedIndices;
        Moves = moves;
        IsCleared = isCleared;
    }

    /// <summary>Indices, in the new collection, of the elements that were inserted (ascending).</summary>
    public int[] InsertedIndices { get; }

    /// <summary>Indices, in the old collection, of the elements that were modified (ascending).</summary>
    public int[] ModifiedIndices { get; }

    /// <summary>Indices, in the new collection, of the same modified elements (ascending).</summary>
    public int[] NewModifiedIndices { get; }

    /// <summary>Indices, in the old collection, of the elements that were deleted (ascending).</summary>
    public int[] DeletedIndices { get; }

    /// <summary>Elements that moved: from their old index to their new one (each also counted as a deletion and an insertion).</summary>
    public Move[] Moves { get; }

    /// <summary>True when the collection had elements and now has none (cleared, or its owner was removed).</summary>
    public bool IsCleared { get; }

    /// <summary>True when nothing is reported (never the case for a change set passed to a callback).</summary>
    public bool IsEmpty => InsertedIndices.Length == 0 && DeletedIndices.Length == 0 && ModifiedIndices.Length == 0;

    public override string ToString() =>
        $"inserted [{string.Join(", ", InsertedIndices)}], deleted [{string.Join(", ", DeletedIndices)}], modified [{string.Join(", ", ModifiedIndices)}] -> [{string.Join(", ", NewModifiedIndices)}], moved [{string.Join(", ", Array.ConvertAll(Moves, m => m.ToString()))}]{(IsCleared ? ", cleared" : "")}";

    /// <summary>An element that moved from index <paramref name="From"/> (old collection) to <paramref name="To"/> (new collection).</summary>
    /// <param name="From">The index in the old collection.</param>
    /// <param name="To">The index in the new collection.</param>
    public readonly record struct Move(int From, int To)
    {
        public override string ToString() => $"{From}->{To}";
    }
}
