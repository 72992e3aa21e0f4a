using System;
using System.Globalization;
using System.Text;

namespace SourceGenSync.Grpc;

/// <summary>The header-level rules of PROTOCOL-HTTP2 shared by client and server: content-type, grpc-timeout,
/// grpc-status/grpc-message, binary metadata, and the HTTP-to-gRPC status mapping.</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";

    /// <summary>"application/grpc" optionally followed by "+proto", "+json", ";params" (grpc-js sends
    /// application/grpc+proto).</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';';
    }

    /// <summary>Headers the transport owns; they never appear in user metadata.</summary>
    public static bool IsReservedHeader(string key) =>
        key.Length == 0 || key[0] == ':' ||
        key is "content-type" or "te" or "host" or "content-length" or "transfer-encoding" or "connection" ||
        key is StatusHeader or MessageHeader or TimeoutHeader or EncodingHeader or AcceptEncodingHeader or "grpc-status-details-bin";

    /// <summary>Encodes a timeout as "TimeoutValue TimeoutUnit" with at most 8 digits, rounding up so the
    /// server never sees a shorter deadline than the client's.</summary>
    public static string EncodeTimeout(TimeSpan timeout)
    {
        var ticks = Math.Max(0L, timeout.Ticks);
        const long MaxValue = 99_999_999;
        ReadOnlySpan<(long TicksPerUnit, char Unit)> units =
        [
            (TimeSpan.TicksPerMillisecond, 'm'), (TimeSpan.TicksPerSecond, 'S'),
            (TimeSpan.TicksPerMinute, 'M'), (TimeSpan.TicksPerHour, 'H'),
        ];
        foreach (var (perUnit, unit) in units)
        {
            var value = (ticks / perUnit) + (ticks % perUnit == 0 ? 0 : 1); // rounds up without overflow
            if (value <= MaxValue)
            {
                return Math.Max(1, value).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return MaxValue.ToString(CultureInfo.InvariantCulture) + "H";
    }

    /// <summary>Parses grpc-timeout: 1–8 ASCII digits then one of H M S m u n.</summary>
    public static bool TryParseTimeout(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length < 2 || value.Length > 9)
        {
            return false;
        }

        long number = 0;
        for (var i = 0; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            number = (number * 10) + (c - '0');
        }

        long? ticks = value[^1] switch
        {
            'H' => number * TimeSpan.TicksPerHour,
            'M' => number * TimeSpan.TicksPerMinute,
            'S' => number * TimeSpan.TicksPerSecond,
            'm' => number * TimeSpan.TicksPerMillisecond,
            'u' => number * 10,
            'n' => (number + 99) / 100,
            _ => null,
        };
        if (ticks is null)
        {
            return false;
        }

        timeout = TimeSpan.FromTicks(ticks.Value);
        return true;
    }

    /// <summary>Percent-encodes grpc-message: UTF-8 bytes outside 0x20–0x7E, and '%', become %XX.</summary>
    public static string PercentEncode(string message)
    {
        var needs = false;
        foreach (var c in message)
        {
            if (c is < ' ' or > '~' or '%')
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return message;
        }

        var builder = new StringBuilder(message.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is < 0x20 or > 0x7E or (byte)'%')
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append((char)b);
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes grpc-message. Malformed %-sequences are kept as they are (the spec asks receivers to
    /// be lenient), and the bytes are read as UTF-8.</summary>
    public static string PercentDecode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new byte[Encoding.UTF8.GetByteCount(value)];
        var count = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length &&
                byte.TryParse(value.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var decoded))
            {
                bytes[count++] = decoded;
                i += 2;
            }
            else
            {
                count += Encoding.UTF8.GetBytes(value.AsSpan(i, 1), bytes.AsSpan(count));
            }
        }

        return Encoding.UTF8.GetString(bytes, 0, count);
    }

    /// <summary>Reads grpc-status/grpc-message; null when grpc-status is absent. An unparsable grpc-status is
    /// UNKNOWN (spec: unknown codes are treated as UNKNOWN).</summary>
    public static Status? ParseStatus(string? grpcStatus, string? grpcMessage)
    {
        if (grpcStatus is null)
        {
            return null;
        }

        var detail = PercentDecode(grpcMessage);
        if (!int.TryParse(grpcStatus, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code > 16)
        {
            return new Status(StatusCode.Unknown, $"Invalid grpc-status '{grpcStatus}'. {detail}".TrimEnd());
        }

        return new Status((StatusCode)code, detail);
    }

    /// <summary>The HTTP-to-gRPC table of http-grpc-status-mapping.md, for responses that are not 200.</summary>
    public static StatusCode FromHttpStatus(int httpStatus) => httpStatus switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>RST_STREAM error codes to statuses (PROTOCOL-HTTP2 "Errors").</summary>
    public static StatusCode FromHttp2ErrorCode(long errorCode) => errorCode switch
    {
        0x7 => StatusCode.Unavailable,        // REFUSED_STREAM: safe to retry
        0x8 => StatusCode.Cancelled,          // CANCEL
        0xb => StatusCode.ResourceExhausted,  // ENHANCE_YOUR_CALM
        0xc => StatusCode.PermissionDenied,   // INADEQUATE_SECURITY
        _ => StatusCode.Internal,             // NO_ERROR, PROTOCOL_ERROR, INTERNAL_ERROR, FLOW_CONTROL, ...
    };

    /// <summary>Binary header values are base64; senders may omit padding, so accept both.</summary>
    /// <summary>
    /// Adds one received header to user metadata (client and server alike): transport headers are not metadata,
    /// <c>-bin</c> values are base64-decoded, and a value that is not valid metadata (a bad <c>-bin</c> value, a
    /// non-gRPC proxy's header) is left out rather than failing the call.
    /// </summary>
    public static void AddReceivedHeader(Metadata metadata, string name, string? value)
    {
        var key = name.ToLowerInvariant();
        if (value is null || IsReservedHeader(key))
        {
            return;
        }

        try
        {
            if (Metadata.Entry.IsBinaryKey(key))
            {
                metadata.Add(key, DecodeBinaryHeader(value));
            }
            else
            {
                metadata.Add(key, value);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            // Left out, see above.
        }
    }

    public static byte[] DecodeBinaryHeader(string value)
    {
        var trimmed = value.Trim();
        var padding = (4 - (trimmed.Length % 4)) % 4;
        if (padding == 3)
        {
            throw new FormatException("Invalid base64 length in a -bin header.");
        }

        return Convert.FromBase64String(padding == 0 ? trimmed : trimmed + new string('=', padding));
    }
}
