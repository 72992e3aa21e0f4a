using System;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Threading;

namespace SourceGenSync;

// A 12-byte id laid out exactly like MongoDB's ObjectId, so ids created offline on a device sort and print the same
// way the server (and any MongoDB tooling) expects:
//   bytes 0..3   seconds since the Unix epoch, big-endian
//   bytes 4..8   a random value chosen once per process (keeps ids from different processes apart)
//   bytes 9..11  a counter, big-endian, starting at a random value (keeps ids from one process apart)
public readonly struct ObjectId :
    IEquatable<ObjectId>,
    IComparable<ObjectId>,
    IComparable,
    ISpanFormattable,
    ISpanParsable<ObjectId>
{
    public const int ByteLength = 12;
    private const int HexLength = ByteLength * 2;
    private const int CounterMask = 0x00FF_FFFF;
    private const string ExpectedForm = "24 hexadecimal characters (0-9, a-f or A-F), for example 507f1f77bcf86cd799439011";

    public static readonly ObjectId Empty;

    // Drawn from a CSPRNG rather than derived from machine name / pid: containers and phones share those, and a
    // collision would silently merge two objects on the server.
    private static readonly int s_processRandomHigh;
    private static readonly byte s_processRandomLow;
    private static int s_counter;

    // The 12 bytes as three big-endian ints: equality, hashing and comparison stay three integer operations.
    private readonly int _a;
    private readonly int _b;
    private readonly int _c;

    static ObjectId()
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        s_processRandomHigh = BinaryPrimitives.ReadInt32BigEndian(random);
        s_processRandomLow = random[4];
        // Random start so two processes that happen to share the random part still rarely overlap counters.
        s_counter = (random[5] << 16) | (random[6] << 8) | random[7];
    }

    public ObjectId(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ByteLength)
        {
            throw new ArgumentException(
                $"An ObjectId is exactly {ByteLength} bytes, but {bytes.Length} bytes were given.", nameof(bytes));
        }

        _a = BinaryPrimitives.ReadInt32BigEndian(bytes);
        _b = BinaryPrimitives.ReadInt32BigEndian(bytes[4..]);
        _c = BinaryPrimitives.ReadInt32BigEndian(bytes[8..]);
    }

    public ObjectId(string hex)
    {
        this = Parse(hex);
    }

    private ObjectId(int a, int b, int c)
    {
        _a = a;
        _b = b;
        _c = c;
    }

    // Signed, like MongoDB's driver; CreationTime reads it as unsigned so ids after 2038 still get the right date.
    public int Timestamp => _a;

    public DateTimeOffset CreationTime => DateTimeOffset.FromUnixTimeSeconds((uint)_a);

    public static ObjectId GenerateNewId() => Create(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    public static ObjectId GenerateNewId(DateTimeOffset timestamp)
    {
        var seconds = timestamp.ToUnixTimeSeconds();
        if (seconds < 0 || seconds > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(timestamp),
                timestamp,
                "An ObjectId stores its timestamp as 32-bit unsigned seconds since 1970-01-01T00:00:00Z, so it must lie between 1970-01-01 and 2106-02-07.");
        }

        return Create(seconds);
    }

    private static ObjectId Create(long seconds)
    {
        var counter = Interlocked.Increment(ref s_counter) & CounterMask;
        return new ObjectId((int)(uint)seconds, s_processRandomHigh, (s_processRandomLow << 24) | counter);
    }

    public byte[] ToByteArray()
    {
        var bytes = new byte[ByteLength];
        WriteBytesUnchecked(bytes);
        return bytes;
    }

    public void WriteTo(Span<byte> destination)
    {
        if (!TryWriteBytes(destination))
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} bytes; an ObjectId needs {ByteLength}.", nameof(destination));
        }
    }

    public bool TryWriteBytes(Span<byte> destination)
    {
        if (destination.Length < ByteLength)
        {
            return false;
        }

        WriteBytesUnchecked(destination);
        return true;
    }

    private void WriteBytesUnchecked(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, _a);
        BinaryPrimitives.WriteInt32BigEndian(destination[4..], _b);
        BinaryPrimitives.WriteInt32BigEndian(destination[8..], _c);
    }

    public override string ToString() => string.Create(HexLength, this, static (chars, id) => id.FormatHex(chars));

    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        ThrowIfUnsupportedFormat(format);
        return ToString();
    }

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        ThrowIfUnsupportedFormat(format);
        if (destination.Length < HexLength)
        {
            charsWritten = 0;
            return false;
        }

        FormatHex(destination);
        charsWritten = HexLength;
        return true;
    }

    private void FormatHex(Span<char> destination)
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        WriteBytesUnchecked(bytes);
        Convert.TryToHexStringLower(bytes, destination, out _);
    }

    // There is only one textual form; silently ignoring "N" or "X" would hide a caller's mistake.
    private static void ThrowIfUnsupportedFormat(ReadOnlySpan<char> format)
    {
        if (!format.IsEmpty)
        {
            throw new FormatException(
                $"ObjectId supports no format strings, but '{format}' was given; pass null or an empty format.");
        }
    }

    public static ObjectId Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    public static ObjectId Parse(ReadOnlySpan<char> s)
    {
        if (!TryDecode(s, out var result, out var badIndex))
        {
            throw new FormatException(DescribeError(s, badIndex));
        }

        return result;
    }

    public static ObjectId Parse(string s, IFormatProvider? provider) => Parse(s);

    public static ObjectId Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    public static bool TryParse([NotNullWhen(true)] string? s, out ObjectId result)
    {
        if (s is null)
        {
            result = default;
            return false;
        }

        return TryDecode(s, out result, out _);
    }

    public static bool TryParse(ReadOnlySpan<char> s, out ObjectId result) => TryDecode(s, out result, out _);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ObjectId result) =>
        TryParse(s, out result);

    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out ObjectId result) =>
        TryDecode(s, out result, out _);

    // badIndex is the first non-hex character, or -1 when the length is wrong, so the error message can point at
    // the problem without a second pass.
    private static bool TryDecode(ReadOnlySpan<char> s, out ObjectId result, out int badIndex)
    {
        result = default;
        badIndex = -1;
        if (s.Length != HexLength)
        {
            return false;
        }

        if (!TryDecodeWord(s, 0, out var a, out badIndex)
            || !TryDecodeWord(s, 8, out var b, out badIndex)
            || !TryDecodeWord(s, 16, out var c, out badIndex))
        {
            return false;
        }

        result = new ObjectId(a, b, c);
        return true;
    }

    private static bool TryDecodeWord(ReadOnlySpan<char> s, int start, out int value, out int badIndex)
    {
        value = 0;
        for (var i = start; i < start + 8; i++)
        {
            var nibble = HexValue(s[i]);
            if (nibble < 0)
            {
                badIndex = i;
                return false;
            }

            value = (value << 4) | nibble;
        }

        badIndex = -1;
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static string DescribeError(ReadOnlySpan<char> s, int badIndex)
    {
        // Long inputs are cut so a stray megabyte of text does not end up in a log line.
        var shown = s.Length <= 64 ? s.ToString() : string.Concat(s[..64], "...");
        if (badIndex < 0)
        {
            return $"'{shown}' is not a valid ObjectId: it has {s.Length} characters; expected {ExpectedForm}.";
        }

        return $"'{shown}' is not a valid ObjectId: the character '{s[badIndex]}' at index {badIndex} is not hexadecimal; expected {ExpectedForm}.";
    }

    public bool Equals(ObjectId other) => _a == other._a && _b == other._b && _c == other._c;

    public override bool Equals([NotNullWhen(true)] object? obj) => obj is ObjectId other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_a, _b, _c);

    // Unsigned comparison of the big-endian words equals lexicographic comparison of the bytes (MongoDB's order).
    public int CompareTo(ObjectId other)
    {
        var result = ((uint)_a).CompareTo((uint)other._a);
        if (result != 0)
        {
            return result;
        }

        result = ((uint)_b).CompareTo((uint)other._b);
        return result != 0 ? result : ((uint)_c).CompareTo((uint)other._c);
    }

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        ObjectId other => CompareTo(other),
        _ => throw new ArgumentException($"Cannot compare an ObjectId with a {obj.GetType()}.", nameof(obj)),
    };

    public static bool operator ==(ObjectId left, ObjectId right) => left.Equals(right);

    public static bool operator !=(ObjectId left, ObjectId right) => !left.Equals(right);

    public static bool operator <(ObjectId left, ObjectId right) => left.CompareTo(right) < 0;

    public static bool operator <=(ObjectId left, ObjectId right) => left.CompareTo(right) <= 0;

    public static bool operator >(ObjectId left, ObjectId right) => left.CompareTo(right) > 0;

    public static bool operator >=(ObjectId left, ObjectId right) => left.CompareTo(right) >= 0;
}
