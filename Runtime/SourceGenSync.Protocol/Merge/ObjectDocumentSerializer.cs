using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SourceGenSync.Merge.Internal;

namespace SourceGenSync.Merge;

/// <summary>
/// Documents to and from UTF-8 JSON, without reflection. The shape (docs/merge-rules.md, "Document JSON") keeps
/// strings, Ints, Bools and null as plain JSON, so SQLite's json_extract reads them directly; every other type is a
/// one-key object (<c>{"$date":"…"}</c>) that round-trips the value exactly. Output is canonical: the same state
/// always gives the same bytes.
/// </summary>
public static class ObjectDocumentSerializer
{
    internal const int MaxDepth = 1024; // two JSON levels per embedded step; the changeset format allows 255 steps

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Not HTML: keep non-ASCII text readable in the TEXT column and in failure messages.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxDepth,
        SkipValidation = false,
    };

    public static byte[] Serialize(ObjectDocument document)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Serialize(buffer, document);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Serialize(IBufferWriter<byte> destination, ObjectDocument document)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(document);
        using var writer = new Utf8JsonWriter(destination, WriterOptions);
        WriteDocument(writer, document);
    }

    public static string SerializeToString(ObjectDocument document) => Encoding.UTF8.GetString(Serialize(document));

    /// <summary>Reads a document; throws <see cref="DocumentFormatException"/> for anything that is not one.</summary>
    public static ObjectDocument Deserialize(ReadOnlySpan<byte> utf8Json) => DocumentJsonReader.Read(utf8Json);

    public static ObjectDocument Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Deserialize(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>One value's JSON, for logs and failure messages.</summary>
    internal static string FormatValue(DocumentValue value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteValue(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteDocument(Utf8JsonWriter writer, ObjectDocument document)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in document.Fields)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, DocumentValue value)
    {
        switch (value.Kind)
        {
            case DocumentValueKind.Value:
                WriteScalar(writer, value.Value);
                break;
            case DocumentValueKind.Link:
                writer.WriteStartObject();
                writer.WriteStartArray(DocumentJson.Link);
                writer.WriteStringValue(value.LinkClass);
                WriteScalar(writer, value.Value);
                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
            case DocumentValueKind.Embedded:
                writer.WriteStartObject();
                writer.WritePropertyName(DocumentJson.Embedded);
                WriteDocument(writer, value.Document!);
                writer.WriteEndObject();
                break;
            case DocumentValueKind.List or DocumentValueKind.Set:
                writer.WriteStartObject();
                writer.WriteStartArray(value.Kind == DocumentValueKind.List ? DocumentJson.List : DocumentJson.Set);
                foreach (var item in value.Items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
            default:
                writer.WriteStartObject();
                writer.WriteStartObject(DocumentJson.Dictionary);
                foreach (var (key, entry) in value.Entries)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, entry);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, RealmValue value)
    {
        switch (value.Type)
        {
            case RealmValueType.Null:
                writer.WriteNullValue();
                return;
            case RealmValueType.Int:
                writer.WriteNumberValue(value.AsInt64());
                return;
            case RealmValueType.Bool:
                writer.WriteBooleanValue(value.AsBool());
                return;
            case RealmValueType.String:
                writer.WriteStringValue(value.AsString());
                return;
        }

        writer.WriteStartObject();
        switch (value.Type)
        {
            case RealmValueType.Double:
                var d = value.AsDouble();
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(DocumentJson.Double, d);
                }
                else
                {
                    // NaN payloads and infinities have no JSON number: keep the IEEE bits.
                    writer.WriteString(DocumentJson.Double, BitConverter.DoubleToInt64Bits(d).ToString("X16", CultureInfo.InvariantCulture));
                }

                break;
            case RealmValueType.Float:
                var f = value.AsFloat();
                if (float.IsFinite(f))
                {
                    writer.WriteNumber(DocumentJson.Float, f);
                }
                else
                {
                    writer.WriteString(DocumentJson.Float, BitConverter.SingleToInt32Bits(f).ToString("X8", CultureInfo.InvariantCulture));
                }

                break;
            case RealmValueType.Decimal:
                writer.WriteString(DocumentJson.Decimal, DocumentJson.FormatDecimal(value.AsDecimal()));
                break;
            case RealmValueType.Date:
                writer.WriteString(DocumentJson.Date, value.AsDate().ToString("O", CultureInfo.InvariantCulture));
                break;
            case RealmValueType.Data:
                writer.WriteString(DocumentJson.Binary, Convert.ToBase64String(value.AsData()));
                break;
            case RealmValueType.ObjectId:
                writer.WriteString(DocumentJson.ObjectId, value.AsObjectId().ToString());
                break;
            case RealmValueType.Guid:
                writer.WriteString(DocumentJson.Guid, value.AsGuid().ToString("D", CultureInfo.InvariantCulture));
                break;
            default:
                throw new ArgumentException($"A {value.Type} value cannot be stored in a document.", nameof(value));
        }

        writer.WriteEndObject();
    }
}
