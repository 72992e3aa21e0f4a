using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Schema;

namespace SourceGenSync.Sync;

/// <summary>
/// A realm's schema as the Bind message carries it (docs/protocol.md §6): stored class and property names, the
/// type grammar (<c>int</c>, <c>string?</c>, <c>link:Dog</c>, <c>list&lt;embedded:Address&gt;</c>…), computed
/// properties (backlinks) left out.
/// </summary>
internal static class SyncSchema
{
    /// <summary>Throws when a class cannot sync: every top-level and asymmetric class needs a primary key.</summary>
    public static void Validate(IReadOnlyList<ObjectSchema> schema)
    {
        var missing = schema.Where(c => c.Kind != ObjectSchemaKind.Embedded && c.PrimaryKey is null).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"A synced realm needs a primary key on every top-level class; {string.Join(", ", missing.Select(n => $"'{n}'"))} {(missing.Count == 1 ? "has" : "have")} none. " +
                "Add [PrimaryKey] to a property of type int/long, string, ObjectId or Guid (e.g. [PrimaryKey, MapTo(\"_id\")] public partial ObjectId Id { get; set; }), or leave the class out of SyncConfiguration.Schema.");
        }
    }

    public static IReadOnlyList<ClassSchema> ToProtocol(IReadOnlyList<ObjectSchema> schema)
    {
        var kinds = schema.ToDictionary(c => c.Name, c => c.Kind, StringComparer.Ordinal);
        var result = new List<ClassSchema>(schema.Count);
        foreach (var objectSchema in schema)
        {
            var classSchema = new ClassSchema
            {
                Name = objectSchema.Name,
                PrimaryKey = objectSchema.PrimaryKey?.MappedName ?? "",
                Kind = objectSchema.Kind switch
                {
                    ObjectSchemaKind.Embedded => ClassKind.Embedded,
                    ObjectSchemaKind.Asymmetric => ClassKind.Asymmetric,
                    _ => ClassKind.TopLevel,
                },
            };
            foreach (var property in objectSchema.Properties)
            {
                if (property.IsComputed)
                {
                    continue;
                }

                classSchema.Properties.Add(new PropertySchema
                {
                    Name = property.MappedName,
                    Type = TypeName(property, kinds),
                    Indexed = property.IndexType != IndexType.None || property.IsPrimaryKey,
                });
            }

            result.Add(classSchema);
        }

        return result;
    }

    private static string TypeName(Property property, Dictionary<string, ObjectSchemaKind> kinds)
    {
        var element = ElementName(property, kinds);
        return property.Collection switch
        {
            CollectionKind.List => $"list<{element}>",
            CollectionKind.Set => $"set<{element}>",
            CollectionKind.Dictionary => $"dictionary<{element}>",
            _ => element,
        };
    }

    private static string ElementName(Property property, Dictionary<string, ObjectSchemaKind> kinds)
    {
        if (property.Type == PropertyType.Object)
        {
            var target = property.ObjectType ?? throw new InvalidOperationException($"The link property '{property.Name}' has no target class.");
            var embedded = kinds.TryGetValue(target, out var kind) && kind == ObjectSchemaKind.Embedded;
            return (embedded ? "embedded:" : "link:") + target;
        }

        var scalar = property.Type switch
        {
            PropertyType.Bool => "bool",
            PropertyType.Int => property.IsCounter ? "counter" : "int",
            PropertyType.Float => "float",
            PropertyType.Double => "double",
            PropertyType.Decimal => "decimal",
            PropertyType.String => "string",
            PropertyType.Data => "data",
            PropertyType.Date => "date",
            PropertyType.DateTime => "datetime",
            PropertyType.Guid => "guid",
            PropertyType.ObjectId => "objectid",
            PropertyType.RealmValue => "mixed",
            _ => throw new InvalidOperationException($"The property '{property.Name}' of type {property.Type} cannot sync."),
        };
        return property.IsNullable && property.Type != PropertyType.RealmValue ? scalar + "?" : scalar;
    }
}
