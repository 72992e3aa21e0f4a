using System;
using System.Collections.Generic;
using System.Collections.Frozen;

namespace SourceGenSync.Schema;

/// <summary>
/// The schema of one model class: produced by the source generator as the class's static <c>Schema</c> and
/// registered by a module initializer, so a default configuration finds every class without reflection.
/// </summary>
public sealed class ObjectSchema
{
    private readonly Property[] _properties;
    private readonly FrozenDictionary<string, Property> _byName;
    private readonly FrozenDictionary<string, Property> _byMappedName;
    private readonly Func<IRealmObjectBase> _factory;

    public ObjectSchema(string name, ObjectSchemaKind kind, Type type, Func<IRealmObjectBase> factory, Property[] properties)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(properties);

        Name = name;
        Kind = kind;
        Type = type;
        _factory = factory;
        _properties = new Property[properties.Length];
        var byName = new Dictionary<string, Property>(StringComparer.Ordinal);
        var byMappedName = new Dictionary<string, Property>(StringComparer.Ordinal);
        for (var i = 0; i < properties.Length; i++)
        {
            var property = properties[i] with { Index = i };
            _properties[i] = property;
            if (!byName.TryAdd(property.Name, property) || !byMappedName.TryAdd(property.MappedName, property))
            {
                throw new ArgumentException($"The schema of '{name}' declares the property '{property.Name}' ('{property.MappedName}') twice.", nameof(properties));
            }

            if (property.IsPrimaryKey)
            {
                if (PrimaryKey is not null)
                {
                    throw new ArgumentException($"The schema of '{name}' declares two primary keys: '{PrimaryKey.Name}' and '{property.Name}'.", nameof(properties));
                }

                PrimaryKey = property;
            }
        }

        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _byMappedName = byMappedName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The stored class name (from <see cref="MapToAttribute"/>, otherwise the C# class name).</summary>
    public string Name { get; }

    public ObjectSchemaKind Kind { get; }

    /// <summary>The generated C# type.</summary>
    public Type Type { get; }

    /// <summary>Persisted and computed properties in declaration order; a property's position is its ordinal.</summary>
    public IReadOnlyList<Property> Properties => _properties;

    public Property? PrimaryKey { get; }

    public bool TryFindProperty(string name, out Property property) =>
        _byName.TryGetValue(name, out property!) || _byMappedName.TryGetValue(name, out property!);

    /// <summary>Creates an unmanaged instance through the generated parameterless constructor (no reflection).</summary>
    public IRealmObjectBase CreateInstance() => _factory();

    public override string ToString() => $"{Kind} {Name} ({_properties.Length} properties)";
}
