using System;
using System.Globalization;
using System.Text.Json;

namespace SourceGenSync.Merge.Internal;

/// <summary>
/// Reads the document JSON shape from hostile input: strict JSON (no comments, no trailing commas), bounded depth,
/// no duplicate names, one canonical text per value. Every failure is a <see cref="DocumentFormatException"/>.
/// </summary>
internal static class DocumentJsonReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = ObjectDocumentSerializer.MaxDepth,
    };

    public static ObjectDocument Read(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, Options);
        try
        {
            Next(ref reader);
            var document = ReadDocument(ref reader);
            if (reader.Read())
            {
                throw Fail(ref reader, "data after the document");
            }

            return document;
        }
        catch (DocumentFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            throw new DocumentFormatException("not valid document JSON: " + e.Message, reader.BytesConsumed, e);
        }
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw Fail(ref reader, "unexpected end of input");
        }
    }

    // On entry the reader is at StartObject; on exit at its EndObject.
    private static ObjectDocument ReadDocument(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(ref reader, "a document must be a JSON object");
        }

        var document = new ObjectDocument();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return document;
            }

            var name = reader.GetString()!;
            if (document.TryGetField(name, out _))
            {
                throw Fail(ref reader, $"field '{name}' appears twice");
            }

            Next(ref reader);
            var value = ReadValue(ref reader, element: false);
            document.Set(name, value);
        }
    }

    private static DocumentValue ReadValue(ref Utf8JsonReader reader, bool element)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return DocumentValue.Null;
            case JsonTokenType.True:
                return DocumentValue.Of(true);
            case JsonTokenType.False:
                return DocumentValue.Of(false);
            case JsonTokenType.String:
                return DocumentValue.Of(reader.GetString());
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var integer) ? DocumentValue.Of(integer) : throw Fail(ref reader, "a plain number must be a 64-bit integer; doubles are {\"$double\":…}");
            case JsonTokenType.StartObject:
                break;
            default:
                throw Fail(ref reader, $"unexpected {reader.TokenType}");
        }

        Next(ref reader);
        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            throw Fail(ref reader, "an empty object is not a value");
        }

        var tag = reader.GetString()!;
        Next(ref reader);
        var value = tag switch
        {
            DocumentJson.Link => ReadLink(ref reader),
            DocumentJson.Embedded => DocumentValue.Embedded(ReadDocument(ref reader)),
            DocumentJson.List or DocumentJson.Set => element ? throw Fail(ref reader, "collections cannot contain collections") : ReadItems(ref reader, tag == DocumentJson.Set),
            DocumentJson.Dictionary => element ? throw Fail(ref reader, "collections cannot contain collections") : ReadEntries(ref reader),
            _ => DocumentValue.Of(ReadTagged(ref reader, tag)),
        };

        Next(ref reader);
        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw Fail(ref reader, $"a {tag} object has exactly one member");
        }

        return value;
    }

    private static DocumentValue ReadLink(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Fail(ref reader, "$link is [class, primary key]");
        }

        Next(ref reader);
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Fail(ref reader, "$link is [class, primary key]");
        }

        var @class = reader.GetString()!;
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            throw Fail(ref reader, "$link is [class, primary key]");
        }

        var key = ReadValue(ref reader, element: true);
        if (key.Kind != DocumentValueKind.Value)
        {
            throw Fail(ref reader, "a link's primary key must be a plain value");
        }

        Next(ref reader);
        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw Fail(ref reader, "$link is [class, primary key]");
        }

        return DocumentValue.Link(@class, key.Value);
    }

    private static DocumentValue ReadItems(ref Utf8JsonReader reader, bool set)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Fail(ref reader, "$list and $set hold a JSON array");
        }

        var collection = set ? DocumentValue.NewSet() : DocumentValue.NewList();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return collection;
            }

            var item = ReadValue(ref reader, element: true);
            if (!set)
            {
                collection.MutableItems!.Add(item);
            }
            else if (item.Kind == DocumentValueKind.Embedded)
            {
                throw Fail(ref reader, "sets cannot contain embedded objects");
            }
            else if (!collection.SetAdd(item))
            {
                throw Fail(ref reader, "a set member appears twice");
            }
        }
    }

    private static DocumentValue ReadEntries(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(ref reader, "$dict holds a JSON object");
        }

        var dictionary = DocumentValue.NewDictionary();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return dictionary;
            }

            var key = reader.GetString()!;
            Next(ref reader);
            var entry = ReadValue(ref reader, element: true);
            if (dictionary.MutableEntries!.ContainsKey(key))
            {
                throw Fail(ref reader, $"dictionary key '{key}' appears twice");
            }

            dictionary.MutableEntries.Add(key, entry);
        }
    }

    private static RealmValue ReadTagged(ref Utf8JsonReader reader, string tag)
    {
        switch (tag)
        {
            case DocumentJson.Double when reader.TokenType == JsonTokenType.Number:
                return reader.TryGetDouble(out var d) && double.IsFinite(d) ? d : throw Fail(ref reader, "not a finite double");
            case DocumentJson.Float when reader.TokenType == JsonTokenType.Number:
                return reader.TryGetSingle(out var f) && float.IsFinite(f) ? f : throw Fail(ref reader, "not a finite float");
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw Fail(ref reader, $"unknown tag '{tag}' or a value of the wrong JSON type");
        }

        var text = reader.GetString()!;
        switch (tag)
        {
            case DocumentJson.Double when text.Length == 16 && long.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits):
                return BitConverter.Int64BitsToDouble(bits);
            case DocumentJson.Float when text.Length == 8 && int.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits32):
                return BitConverter.Int32BitsToSingle(bits32);
            case DocumentJson.Decimal when DocumentJson.TryParseDecimal(text, out var m):
                return m;
            case DocumentJson.Date when DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                                        && date.ToString("O", CultureInfo.InvariantCulture) == text:
                return date;
            case DocumentJson.Binary:
                var bytes = new byte[text.Length / 4 * 3];
                return Convert.TryFromBase64String(text, bytes, out var written) && Convert.ToBase64String(bytes, 0, written) == text
                    ? bytes.AsSpan(0, written).ToArray()
                    : throw Fail(ref reader, "not canonical base64");
            case DocumentJson.ObjectId when ObjectId.TryParse(text, out var id) && id.ToString() == text:
                return id;
            case DocumentJson.Guid when Guid.TryParseExact(text, "D", out var guid) && guid.ToString("D", CultureInfo.InvariantCulture) == text:
                return guid;
            default:
                throw Fail(ref reader, $"'{text}' is not a valid {tag}");
        }
    }

    private static DocumentFormatException Fail(ref Utf8JsonReader reader, string message) => new(message, reader.TokenStartIndex);
}
