using System.Collections.Generic;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Storage;

/// <summary>
/// The differences between the schema stored in a file and the configured one. Additive changes (new classes, new
/// properties, index changes) are applied on open; breaking ones (a removed or reshaped property, a changed class
/// kind) need a schema version bump and, to keep data, a migration callback.
/// </summary>
internal sealed class SchemaDiff
{
    public List<ObjectSchema> AddedClasses { get; } = [];

    public List<(TableMap Table, Property Property)> AddedProperties { get; } = [];

    public List<(TableMap Table, ColumnMap Column, IndexType Old)> IndexChanges { get; } = [];

    /// <summary>Each breaking difference, as a sentence naming the class and property.</summary>
    public List<string> Breaking { get; } = [];

    /// <summary>Classes whose stored shape changed in a breaking way (rebuilt by a migration).</summary>
    public List<string> ReshapedClasses { get; } = [];

    public bool IsEmpty => AddedClasses.Count == 0 && AddedProperties.Count == 0 && IndexChanges.Count == 0 && Breaking.Count == 0;

    public static SchemaDiff Compute(IReadOnlyDictionary<string, StoredClass> stored, StorageLayout layout)
    {
        var diff = new SchemaDiff();
        foreach (var table in layout.Tables)
        {
            var schema = table.Schema;
            if (!stored.TryGetValue(schema.Name, out var storedClass))
            {
                diff.AddedClasses.Add(schema);
                continue;
            }

            var breaking = diff.Breaking.Count;
            if (storedClass.Kind != schema.Kind)
            {
                diff.Breaking.Add($"Class '{schema.Name}' changed from {storedClass.Kind} to {schema.Kind}.");
            }

            foreach (var property in schema.Properties)
            {
                var configured = StoredProperty.From(property);
                var old = storedClass.Find(property.MappedName);
                if (old is null)
                {
                    if (property.IsPrimaryKey)
                    {
                        diff.Breaking.Add($"Property '{schema.Name}.{property.MappedName}' became the primary key.");
                    }
                    else if (!property.IsComputed)
                    {
                        diff.AddedProperties.Add((table, property));
                    }
                }
                else if (!old.SameShape(configured))
                {
                    diff.Breaking.Add($"Property '{schema.Name}.{property.MappedName}' changed from {old.Describe()} to {configured.Describe()}.");
                }
                else if (old.IndexType != configured.IndexType && table.ColumnFor(property.Index) is { } column)
                {
                    diff.IndexChanges.Add((table, column, old.IndexType));
                }
            }

            foreach (var old in storedClass.Properties)
            {
                if (!schema.TryFindProperty(old.Name, out var current) || current.MappedName != old.Name)
                {
                    diff.Breaking.Add($"Property '{schema.Name}.{old.Name}' was removed.");
                }
            }

            if (diff.Breaking.Count > breaking)
            {
                diff.ReshapedClasses.Add(schema.Name);
            }
        }

        return diff;
    }
}
