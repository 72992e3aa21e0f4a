using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using SourceGenSync.Changesets;

namespace SourceGenSync.Runtime.Tests.Changesets;

// Builds changeset bytes by hand, so hostile-input tests can get past the checksum and reach the parser.
internal sealed class RawChangeset
{
    private readonly List<byte> _bytes = [0x53, 0x47, 0x43, 0x53, 0x01];

    public int Length => _bytes.Count;

    /// <summary>Version 0, timestamp 0 and the given string table.</summary>
    public static RawChangeset WithNames(params string[] names)
    {
        var raw = new RawChangeset().VarUInt(0).VarUInt(0).VarUInt((ulong)names.Length);
        foreach (var name in names)
        {
            raw.String(name);
        }

        return raw;
    }

    public RawChangeset Bytes(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public RawChangeset VarUInt(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        _bytes.Add((byte)value);
        return this;
    }

    public RawChangeset String(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        VarUInt((ulong)utf8.Length);
        return Bytes(utf8);
    }

    /// <summary>The bytes with a correct checksum appended.</summary>
    public byte[] Sealed() => Seal([.. _bytes]);

    public static byte[] Seal(ReadOnlySpan<byte> withoutChecksum)
    {
        var result = new byte[withoutChecksum.Length + 4];
        withoutChecksum.CopyTo(result);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(withoutChecksum.Length), Crc32C.Compute(withoutChecksum));
        return result;
    }

    /// <summary>Replaces the checksum of an encoding whose body was altered.</summary>
    public static byte[] Reseal(byte[] encodingWithStaleChecksum) => Seal(encodingWithStaleChecksum.AsSpan(0, encodingWithStaleChecksum.Length - 4));
}
