using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using SourceGenSync.Protocol.Sync;

namespace SourceGenSync.Server.Sync.Schema;

/// <summary>
/// The stored form of a realm's schema (realms.schema_json): <c>[{"name","kind","primaryKey","properties":[{"name","type","indexed"}]}]</c>,
/// classes and properties sorted by name so equal schemas give equal text.
/// </summary>
internal static class RealmSchemaJson
{
    public static string Write(RealmSchema schema)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var @class in schema.Classes.Values.OrderBy(c => c.Name, System.StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("name", @class.Name);
                writer.WriteNumber("kind", (int)@class.Kind);
                writer.WriteString("primaryKey", @class.PrimaryKey);
                writer.WriteStartArray("properties");
                foreach (var property in @class.Properties.Values.OrderBy(p => p.Name, System.StringComparer.Ordinal))
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", property.Name);
                    writer.WriteString("type", property.TypeText);
                    writer.WriteBoolean("indexed", property.Indexed);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static RealmSchema Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var classes = document.RootElement.EnumerateArray().Select(c =>
        {
            var message = new ClassSchema
            {
                Name = c.GetProperty("name").GetString()!,
                Kind = (ClassKind)c.GetProperty("kind").GetInt32(),
                PrimaryKey = c.GetProperty("primaryKey").GetString()!,
            };
            message.Properties.AddRange(c.GetProperty("properties").EnumerateArray().Select(p => new PropertySchema
            {
                Name = p.GetProperty("name").GetString()!,
                Type = p.GetProperty("type").GetString()!,
                Indexed = p.GetProperty("indexed").GetBoolean(),
            }));
            return message;
        }).ToImmutableArray();
        var (schema, _, error) = RealmSchema.Empty.Merge(classes, developmentMode: true);
        return schema ?? throw new InvalidDataException($"The stored schema is not valid: {error}");
    }
}
