using System;
using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SourceGenSync.Changesets;

// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF), the checksum iSCSI,
// ext4 and many storage formats use. Chosen over the zip CRC-32 because x64 (SSE4.2) and Arm64 compute it in
// hardware, so checksumming a bulk-insert changeset of tens of megabytes costs milliseconds; the table fallback
// gives identical results elsewhere.
internal static class Crc32C
{
    private const uint Polynomial = 0x82F63B78;
    private const uint Seed = 0xFFFFFFFF;

    private static readonly uint[] s_table = CreateTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Append(Seed, data) ^ Seed;

    /// <summary>Continues a running checksum: start with <see cref="Start"/>, finish with <see cref="Finish"/>.</summary>
    public static uint Append(uint state, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            ulong crc = state;
            while (data.Length >= sizeof(ulong))
            {
                crc = Sse42.X64.Crc32(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[sizeof(ulong)..];
            }

            state = (uint)crc;
        }
        else if (Crc32.Arm64.IsSupported)
        {
            while (data.Length >= sizeof(ulong))
            {
                state = Crc32.Arm64.ComputeCrc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[sizeof(ulong)..];
            }
        }

        return AppendSoftware(state, data);
    }

    public static uint Start => Seed;

    public static uint Finish(uint state) => state ^ Seed;

    /// <summary>The portable path (exposed so tests can check it against the hardware one).</summary>
    internal static uint ComputeSoftware(ReadOnlySpan<byte> data) => AppendSoftware(Seed, data) ^ Seed;

    private static uint AppendSoftware(uint state, ReadOnlySpan<byte> data)
    {
        var table = s_table;
        foreach (var b in data)
        {
            state = table[(byte)(state ^ b)] ^ (state >> 8);
        }

        return state;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var entry = i;
            for (var bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ Polynomial : entry >> 1;
            }

            table[i] = entry;
        }

        return table;
    }
}
