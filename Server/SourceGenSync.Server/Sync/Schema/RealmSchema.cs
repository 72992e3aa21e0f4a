using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using SourceGenSync.Protocol.Sync;

namespace SourceGenSync.Server.Sync.Schema;

internal sealed record PropertyDefinition(string Name, string TypeText, PropertyTypeName Type, bool Indexed);

internal sealed record ClassDefinition(string Name, ClassKind Kind, string PrimaryKey, ImmutableDictionary<string, PropertyDefinition> Properties)
{
    public PropertyDefinition? PrimaryKeyProperty => PrimaryKey.Length == 0 ? null : Properties.GetValueOrDefault(PrimaryKey);
}

/// <summary>
/// A realm's schema on the server: the union of what clients bound with. Immutable; <see cref="Merge"/> returns
/// a new instance. Additive changes (a new class, a new property) are accepted in development mode; anything
/// that would change the meaning of stored data (a property's type, a class's kind or primary key) never is.
/// </summary>
internal sealed class RealmSchema
{
    public static readonly RealmSchema Empty = new(ImmutableDictionary<string, ClassDefinition>.Empty.WithComparers(StringComparer.Ordinal));

    public RealmSchema(ImmutableDictionary<string, ClassDefinition> classes) => Classes = classes;

    public ImmutableDictionary<string, ClassDefinition> Classes { get; }

    public ClassDefinition? Find(string name) => Classes.GetValueOrDefault(name);

    /// <summary>Merges a client's schema. Returns the new schema and what was added, or an error for BAD_SCHEMA.</summary>
    public (RealmSchema? Schema, IReadOnlyList<string> Added, string? Error) Merge(IEnumerable<ClassSchema> client, bool developmentMode)
    {
        var classes = Classes.ToBuilder();
        var added = new List<string>();
        foreach (var incoming in client)
        {
            var (definition, error) = Parse(incoming);
            if (definition is null)
            {
                return (null, added, error);
            }

            if (!classes.TryGetValue(definition.Name, out var existing))
            {
                if (!developmentMode)
                {
                    return (null, added, $"Class '{definition.Name}' is not in the server's schema, and development mode (which accepts additive changes) is off.");
                }

                classes[definition.Name] = definition;
                added.Add($"class {definition.Name}");
                continue;
            }

            if (existing.Kind != definition.Kind || existing.PrimaryKey != definition.PrimaryKey)
            {
                return (null, added, $"Class '{definition.Name}' is {Describe(existing)} on the server but {Describe(definition)} in the client: a breaking change. Use a new class name or reset the realm.");
            }

            var properties = existing.Properties.ToBuilder();
            foreach (var property in definition.Properties.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                if (properties.TryGetValue(property.Name, out var known))
                {
                    if (known.Type != property.Type)
                    {
                        return (null, added, $"Property '{definition.Name}.{property.Name}' has type '{known.TypeText}' on the server but '{property.TypeText}' in the client: changing a property's type is a breaking change.");
                    }

                    continue;
                }

                if (!developmentMode)
                {
                    return (null, added, $"Property '{definition.Name}.{property.Name}' is not in the server's schema, and development mode (which accepts additive changes) is off.");
                }

                properties[property.Name] = property;
                added.Add($"property {definition.Name}.{property.Name} ({property.TypeText})");
            }

            classes[definition.Name] = existing with { Properties = properties.ToImmutable() };
        }

        var merged = new RealmSchema(classes.ToImmutable());
        var targetError = merged.CheckTargets();
        return targetError is null ? (merged, added, null) : (null, added, targetError);
    }

    private string? CheckTargets()
    {
        foreach (var @class in Classes.Values)
        {
            foreach (var property in @class.Properties.Values)
            {
                if (property.Type.TargetClass is not { } target)
                {
                    continue;
                }

                var targetClass = Find(target);
                var wanted = property.Type.Element == ElementKind.Embedded ? ClassKind.Embedded : ClassKind.TopLevel;
                if (targetClass is null || targetClass.Kind != wanted)
                {
                    return $"Property '{@class.Name}.{property.Name}' refers to '{target}', which is not a{(wanted == ClassKind.Embedded ? "n embedded" : " top-level")} class of this schema.";
                }
            }
        }

        return null;
    }

    private static (ClassDefinition? Definition, string? Error) Parse(ClassSchema incoming)
    {
        if (!SchemaNames.IsValidName(incoming.Name))
        {
            return (null, $"'{Truncate(incoming.Name)}' is not a valid class name.");
        }

        if (!Enum.IsDefined(incoming.Kind))
        {
            return (null, $"Class '{incoming.Name}' has an unknown kind ({(int)incoming.Kind}).");
        }

        var properties = ImmutableDictionary.CreateBuilder<string, PropertyDefinition>(StringComparer.Ordinal);
        foreach (var property in incoming.Properties)
        {
            if (!SchemaNames.IsValidName(property.Name))
            {
                return (null, $"'{Truncate(property.Name)}' in class '{incoming.Name}' is not a valid property name.");
            }

            if (!PropertyTypeName.TryParse(property.Type, out var type))
            {
                return (null, $"Property '{incoming.Name}.{property.Name}' has the type '{Truncate(property.Type)}', which is not a type of the protocol (docs/protocol.md, \"Schema\").");
            }

            if (!properties.TryAdd(property.Name, new PropertyDefinition(property.Name, property.Type, type, property.Indexed)))
            {
                return (null, $"Class '{incoming.Name}' declares the property '{property.Name}' twice.");
            }
        }

        var definition = new ClassDefinition(incoming.Name, incoming.Kind, incoming.PrimaryKey, properties.ToImmutable());
        if (incoming.Kind == ClassKind.Embedded && incoming.PrimaryKey.Length > 0)
        {
            return (null, $"Embedded class '{incoming.Name}' cannot have a primary key.");
        }

        if (incoming.PrimaryKey.Length > 0 && definition.PrimaryKeyProperty is not { Type: { Collection: CollectionType.None, Element: ElementKind.Int or ElementKind.String or ElementKind.ObjectId or ElementKind.Guid } })
        {
            return (null, $"The primary key '{incoming.PrimaryKey}' of class '{incoming.Name}' must be one of its properties of type int, string, objectid or guid.");
        }

        return (definition, null);
    }

    private static string Describe(ClassDefinition definition) =>
        $"{definition.Kind switch { ClassKind.Embedded => "embedded", ClassKind.Asymmetric => "asymmetric", _ => "top-level" }} with primary key '{definition.PrimaryKey}'";

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
