using System.Collections.Generic;

namespace SourceGenSync;

/// <summary>What changed in a managed dictionary between two notifications, by key.</summary>
public sealed class DictionaryChangeSet
{
    internal DictionaryChangeSet(string[] insertedKeys, string[] modifiedKeys, string[] deletedKeys)
    {
        InsertedKeys = insertedKeys;
        ModifiedKeys = modifiedKeys;
        DeletedKeys = deletedKeys;
    }

    /// <summary>Keys that were added (ordinal order).</summary>
    public string[] InsertedKeys { get; }

    /// <summary>Keys whose value was replaced, or whose object value was modified (ordinal order).</summary>
    public string[] ModifiedKeys { get; }

    /// <summary>Keys that were removed (ordinal order).</summary>
    public string[] DeletedKeys { get; }

    public override string ToString() =>
        $"inserted [{string.Join(", ", InsertedKeys)}], modified [{string.Join(", ", ModifiedKeys)}], deleted [{string.Join(", ", DeletedKeys)}]";
}

/// <summary>Receives a dictionary's changes by key; <paramref name="changes"/> is null for the first call.</summary>
public delegate void DictionaryNotificationCallbackDelegate<TValue>(IDictionary<string, TValue> sender, DictionaryChangeSet? changes);
