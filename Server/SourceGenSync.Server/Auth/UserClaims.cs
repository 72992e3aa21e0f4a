using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace SourceGenSync.Server.Auth;

/// <summary>
/// The claims a user carries into permission rules (<c>$user.&lt;claim&gt;</c>, docs/permissions.md): picked from a
/// verified custom JWT, stored with the user, carried in access tokens. Every value is a string. Caps bound what
/// one token can make the server store and sign; what exceeds them is ignored, never refused (a claim that is too
/// long, or would pass the total size, is dropped rather than cut, so it can never match a shorter value).
/// </summary>
internal static class UserClaims
{
    public const int MaxCount = 32;
    public const int MaxNameLength = 64;
    public const int MaxValueLength = 256;

    /// <summary>The claims' JSON size bound (measured with the strictest escaping), so that an access token carrying
    /// them stays well below the 8,192 characters <see cref="TokenService"/> accepts.</summary>
    public const int MaxTotalBytes = 4096;

    public static readonly IReadOnlyDictionary<string, string> None = ReadOnlyDictionary<string, string>.Empty;

    // Registered claims say what the token is, not who the user is; sub and iss already make the user id.
    private static readonly FrozenSet<string> Registered = FrozenSet.Create(StringComparer.Ordinal, "iss", "sub", "aud", "exp", "nbf", "iat", "jti");

    /// <summary>The claims of a custom JWT's payload (base64url JSON) kept for the user: top-level, not registered,
    /// with a string, number or boolean value (numbers and booleans as their invariant JSON text), in token order.</summary>
    public static IReadOnlyDictionary<string, string> FromCustomJwtPayload(string encodedPayload)
    {
        try
        {
            using var document = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(encodedPayload));
            return FromPayload(document.RootElement);
        }
        catch (JsonException)
        {
            // Deeper than JsonDocument allows: the token stays valid, its claims are ignored like any excess.
            return None;
        }
    }

    private static IReadOnlyDictionary<string, string> FromPayload(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return None;
        }

        var claims = new Builder();
        foreach (var property in payload.EnumerateObject())
        {
            if (claims.Full)
            {
                break;
            }

            if (!Registered.Contains(property.Name) && ScalarText(property.Value) is { } value)
            {
                claims.TryKeep(property.Name, value);
            }
        }

        return claims.ToReadOnly();
    }

    /// <summary>Reads a claims object (name → string) as written by <see cref="WriteTo(Utf8JsonWriter, IReadOnlyDictionary{string, string})"/>;
    /// anything else in it is skipped and the caps apply again.</summary>
    public static IReadOnlyDictionary<string, string> FromJsonObject(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return None;
        }

        var claims = new Builder();
        foreach (var property in element.EnumerateObject())
        {
            if (claims.Full)
            {
                break;
            }

            if (property.Value.ValueKind == JsonValueKind.String)
            {
                claims.TryKeep(property.Name, property.Value.GetString()!);
            }
        }

        return claims.ToReadOnly();
    }

    /// <summary>The stored form (users.claims_json): a JSON object, or null for no claims.</summary>
    public static string? ToJson(IReadOnlyDictionary<string, string> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (claims.Count == 0)
        {
            return null;
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteTo(writer, claims);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The claims as a JSON object element (how <see cref="TokenService"/> puts them in a token), without
    /// reflection-based serialization.</summary>
    public static JsonElement ToJsonElement(IReadOnlyDictionary<string, string> claims)
    {
        using var document = JsonDocument.Parse(ToJson(claims) ?? "{}");
        return document.RootElement.Clone();
    }

    /// <summary>Reads the stored form; null, empty or unreadable text is no claims (a damaged row denies, never allows).</summary>
    public static IReadOnlyDictionary<string, string> FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return None;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return FromJsonObject(document.RootElement);
        }
        catch (JsonException)
        {
            return None;
        }
    }

    public static void WriteTo(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> claims)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(claims);
        writer.WriteStartObject();
        foreach (var (name, value) in claims)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    }

    private static string? ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Number when value.TryGetDouble(out var real) && double.IsFinite(real) => real.ToString(CultureInfo.InvariantCulture),
        _ => null, // null, objects and arrays
    };

    /// <summary>Keeps claims in order within the caps; the first of duplicate names wins.</summary>
    private sealed class Builder
    {
        private readonly Dictionary<string, string> _claims = new(StringComparer.Ordinal);
        private int _bytes = 2; // {}

        public bool Full => _claims.Count == MaxCount;

        public void TryKeep(string name, string value)
        {
            if (name.Length is 0 or > MaxNameLength || value.Length > MaxValueLength || _claims.ContainsKey(name))
            {
                return;
            }

            // "name":"value" plus a comma, as the default (strictest) encoder escapes them.
            int size;
            try
            {
                size = JsonEncodedText.Encode(name).EncodedUtf8Bytes.Length + JsonEncodedText.Encode(value).EncodedUtf8Bytes.Length + 6;
            }
            catch (ArgumentException)
            {
                return; // not valid UTF-16 (a lone surrogate): it could not be written back
            }

            if (_bytes + size <= MaxTotalBytes)
            {
                _claims.Add(name, value);
                _bytes += size;
            }
        }

        public IReadOnlyDictionary<string, string> ToReadOnly() =>
            _claims.Count == 0 ? None : new ReadOnlyDictionary<string, string>(_claims);
    }
}
