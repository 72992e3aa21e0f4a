using System;

namespace SourceGenSync.Changesets;

// A growable byte array for varints and names without the per-call bookkeeping of an IBufferWriter: ChangesetWriter
// builds a changeset's header and string table in one.
internal sealed class ByteBuffer(int initialCapacity)
{
    /// <summary>Longest LEB128 encoding of a 64-bit value.</summary>
    public const int MaxVarIntLength = 10;

    private byte[] _bytes = new byte[initialCapacity];
    private int _length;

    public int Length => _length;

    public int Capacity => _bytes.Length;

    public ReadOnlySpan<byte> WrittenSpan => new(_bytes, 0, _length);

    public void Clear() => _length = 0;

    public void WriteByte(byte value)
    {
        if (_length == _bytes.Length)
        {
            Grow(1);
        }

        _bytes[_length++] = value;
    }

    public void WriteVarUInt(ulong value)
    {
        if (_bytes.Length - _length < MaxVarIntLength)
        {
            Grow(MaxVarIntLength);
        }

        var bytes = _bytes;
        var i = _length;
        while (value >= 0x80)
        {
            bytes[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        bytes[i++] = (byte)value;
        _length = i;
    }

    /// <summary>Zigzag (0, -1, 1, -2… become 0, 1, 2, 3…) then LEB128, so small negative numbers stay short.</summary>
    public void WriteVarInt(long value) => WriteVarUInt(ZigZag.Encode(value));

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>A span of exactly <paramref name="size"/> free bytes; call <see cref="Advance"/> after filling it.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (_bytes.Length - _length < size)
        {
            Grow(size);
        }

        return _bytes.AsSpan(_length, size);
    }

    public void Advance(int count) => _length += count;

    private void Grow(int needed)
    {
        var required = (long)_length + needed;
        if (required > Array.MaxLength)
        {
            throw new InvalidOperationException(
                $"The changeset is too large to encode: it would exceed {Array.MaxLength} bytes. Commit large imports in smaller transactions.");
        }

        var doubled = Math.Min((long)_bytes.Length * 2, Array.MaxLength);
        Array.Resize(ref _bytes, (int)Math.Max(required, doubled));
    }
}

internal static class ZigZag
{
    public static ulong Encode(long value) => (ulong)((value << 1) ^ (value >> 63));

    public static long Decode(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
