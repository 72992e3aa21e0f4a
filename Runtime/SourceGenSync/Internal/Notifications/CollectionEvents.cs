using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.ComponentModel;

namespace SourceGenSync.Internal.Notifications;

/// <summary>
/// Turns a change set into data-binding events, as Realm .NET does: one contiguous insertion is Add, one
/// contiguous deletion is Remove, a single move is Move, a single element replaced by another value is Replace,
/// anything else is Reset. Modifications of objects in place raise no CollectionChanged (the objects raise
/// PropertyChanged themselves). PropertyChanged follows for "Count" (when it changed) and "Item[]".
/// </summary>
internal static class CollectionEvents
{
    private static readonly PropertyChangedEventArgs s_count = new("Count");
    private static readonly PropertyChangedEventArgs s_items = new("Item[]");

    public static void Raise<T>(CollectionNotifier<T> notifier, NotifyCollectionChangedEventHandler? collectionChanged, PropertyChangedEventHandler? propertyChanged, CollectionState old, CollectionState current, CollectionDiff diff)
    {
        var args = Describe(old, current, diff);
        if (args is null)
        {
            return;
        }

        var sender = notifier.EventSender;
        collectionChanged?.Invoke(sender, args);
        if (old.Count != current.Count)
        {
            propertyChanged?.Invoke(sender, s_count);
        }

        propertyChanged?.Invoke(sender, s_items);
    }

    private static NotifyCollectionChangedEventArgs? Describe(CollectionState old, CollectionState current, CollectionDiff diff)
    {
        var changes = diff.Changes;
        var inserted = changes.InsertedIndices;
        var deleted = changes.DeletedIndices;
        if (inserted.Length == 0 && deleted.Length == 0)
        {
            if (diff.Replaced.Length == 0)
            {
                return null;
            }

            if (diff.Replaced.Length == 1 && Item(current, diff.Replaced[0], out var newItem) && Item(old, OldIndexOf(changes, diff.Replaced[0]), out var oldItem))
            {
                return new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Replace, newItem, oldItem, diff.Replaced[0]);
            }

            return Reset();
        }

        if (changes.Moves.Length == 1 && inserted.Length == 1 && deleted.Length == 1 && diff.Replaced.Length == 0)
        {
            var move = changes.Moves[0];
            return Item(current, move.To, out var moved)
                ? new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Move, moved, move.To, move.From)
                : Reset();
        }

        if (changes.Moves.Length == 0 && diff.Replaced.Length == 0)
        {
            if (deleted.Length == 0 && IsContiguous(inserted) && Items(current, inserted) is { } added)
            {
                return new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Add, added, inserted[0]);
            }

            if (inserted.Length == 0 && IsContiguous(deleted) && Items(old, deleted) is { } removed)
            {
                return new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Remove, removed, deleted[0]);
            }
        }

        return Reset();
    }

    private static NotifyCollectionChangedEventArgs Reset() => new(NotifyCollectionChangedAction.Reset);

    private static int OldIndexOf(ChangeSet changes, int newIndex)
    {
        var at = System.Array.IndexOf(changes.NewModifiedIndices, newIndex);
        return at >= 0 ? changes.ModifiedIndices[at] : newIndex;
    }

    private static bool IsContiguous(int[] indices) => indices.Length > 0 && indices[^1] - indices[0] == indices.Length - 1;

    private static bool Item(CollectionState state, int index, out object? item)
    {
        if (state.Items is { } items && (uint)index < (uint)items.Count)
        {
            item = items[index];
            return true;
        }

        item = null;
        return false;
    }

    private static IList? Items(CollectionState state, int[] indices)
    {
        if (state.Items is not { } items)
        {
            return null;
        }

        var result = new List<object?>(indices.Length);
        foreach (var index in indices)
        {
            result.Add(items[index]);
        }

        return result;
    }
}
