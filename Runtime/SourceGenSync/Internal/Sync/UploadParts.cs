using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using SourceGenSync.Changesets;

namespace SourceGenSync.Internal.Sync;

/// <summary>
/// Client versions on the wire (docs/protocol.md §2): a local changeset of version v is uploaded as one or more parts
/// of at most <see cref="SyncStateStore.MaxUploadPartBytes"/> encoded, part p (0-based) with client version
/// v × 1024 + p. The split is a pure function of the stored changeset (instruction boundaries, in order), so a part
/// read again after a restart is the same part.
/// </summary>
internal static class UploadParts
{
    /// <summary>Parts one local changeset may have: client version = local version × this + part index.</summary>
    public const int PartsPerChangeset = 1024;

    private const int PartsShift = 10;

    // Room for the header, the string table count and the checksum around what a writer reports as its body.
    private const int FrameAllowance = 32;

    public static long ClientVersion(long localVersion, int part) => (localVersion << PartsShift) + part;

    public static long LocalVersionOf(long clientVersion) => clientVersion >> PartsShift;

    public static int PartOf(long clientVersion) => (int)(clientVersion & (PartsPerChangeset - 1));

    /// <summary>The highest client version of a changeset split into <paramref name="partCount"/> parts.</summary>
    public static long LastClientVersion(long localVersion, int partCount) => ClientVersion(localVersion, partCount - 1);

    /// <summary>
    /// The parts of a stored changeset (its bytes as in <c>sgs_changesets</c>), each encoded with its client version
    /// and the changeset's timestamp. A changeset that fits in one part only has its version rewritten.
    /// </summary>
    public static List<byte[]> Split(long localVersion, long timestamp, byte[] stored, int maxPartBytes)
    {
        // The version grows by at most two varint bytes (× 1024, zigzag); anything this small stays one part.
        if (IsSinglePart(stored.Length, maxPartBytes))
        {
            return [WithVersion(stored, ClientVersion(localVersion, 0))];
        }

        var changeset = ChangesetCodec.Decode(stored);
        var parts = new List<byte[]>();
        foreach (var slice in Slice(changeset.Instructions, maxPartBytes))
        {
            var part = parts.Count;
            if (part == PartsPerChangeset - 1 && slice.End < changeset.Instructions.Count)
            {
                // More than 1,023 MiB in one commit: the last part takes the rest (larger than a part should be).
                parts.Add(Encode(localVersion, part, timestamp, changeset.Instructions, slice.Start, changeset.Instructions.Count));
                return parts;
            }

            parts.Add(Encode(localVersion, part, timestamp, changeset.Instructions, slice.Start, slice.End));
        }

        if (parts.Count == 0)
        {
            parts.Add(Encode(localVersion, 0, timestamp, changeset.Instructions, 0, 0));
        }

        return parts;
    }

    /// <summary>How many parts <see cref="Split"/> makes (without encoding the parts when there is only one).</summary>
    public static int CountParts(byte[] stored, int maxPartBytes)
    {
        if (IsSinglePart(stored.Length, maxPartBytes))
        {
            return 1;
        }

        var changeset = ChangesetCodec.Decode(stored);
        var count = 0;
        foreach (var _ in Slice(changeset.Instructions, maxPartBytes))
        {
            count++;
        }

        return Math.Clamp(count, 1, PartsPerChangeset);
    }

    /// <summary>The same changeset bytes with another <see cref="Changeset.Version"/> (header rewritten, checksum recomputed).</summary>
    public static byte[] WithVersion(ReadOnlySpan<byte> encoded, long version) => Reheader(encoded, version, timestamp: null);

    /// <summary>
    /// The same changeset bytes with another version and, when given, timestamp: the header's varints are rewritten
    /// and the checksum recomputed, which gives exactly what encoding the changeset with them would.
    /// </summary>
    public static byte[] Reheader(ReadOnlySpan<byte> encoded, long version, long? timestamp)
    {
        const int versionOffset = 5;
        var oldVersionLength = VarIntLength(encoded[versionOffset..]);
        var timestampOffset = versionOffset + oldVersionLength;
        var oldTimestampLength = timestamp is null ? 0 : VarIntLength(encoded[timestampOffset..]);
        Span<byte> header = stackalloc byte[20];
        var headerLength = WriteVarInt(header, version);
        if (timestamp is { } newTimestamp)
        {
            headerLength += WriteVarInt(header[headerLength..], newTimestamp);
        }

        var rest = encoded[(timestampOffset + oldTimestampLength)..^4];
        var result = new byte[versionOffset + headerLength + rest.Length + 4];
        encoded[..versionOffset].CopyTo(result);
        header[..headerLength].CopyTo(result.AsSpan(versionOffset));
        rest.CopyTo(result.AsSpan(versionOffset + headerLength));
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(result.Length - 4), Crc32C.Compute(result.AsSpan(0, result.Length - 4)));
        return result;
    }

    /// <summary>The length <see cref="WithVersion"/> gives a stored changeset of <paramref name="oldVersion"/>.</summary>
    public static int LengthWithVersion(int storedLength, long oldVersion, long newVersion)
    {
        Span<byte> scratch = stackalloc byte[10];
        return storedLength - WriteVarInt(scratch, oldVersion) + WriteVarInt(scratch, newVersion);
    }

    /// <summary>Whether a stored changeset is uploaded as one part (then only its version changes).</summary>
    public static bool IsSinglePart(int storedLength, int maxPartBytes) => storedLength + 4 <= maxPartBytes;

    private static byte[] Encode(long localVersion, int part, long timestamp, IReadOnlyList<Instruction> instructions, int start, int end)
    {
        var slice = new Instruction[end - start];
        for (var i = start; i < end; i++)
        {
            slice[i - start] = instructions[i];
        }

        return ChangesetCodec.Encode(new Changeset(ClientVersion(localVersion, part), timestamp, slice));
    }

    /// <summary>Consecutive instruction ranges whose encoding stays within the budget (one instruction at least each).</summary>
    private static IEnumerable<(int Start, int End)> Slice(IReadOnlyList<Instruction> instructions, int maxPartBytes)
    {
        var writer = new ChangesetWriter();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var nameBytes = 0;
        var start = 0;
        for (var i = 0; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            writer.Write(instruction);
            var added = AddNames(names, instruction);
            nameBytes += added;
            if (i > start && writer.Length + nameBytes + FrameAllowance > maxPartBytes)
            {
                yield return (start, i);
                start = i;
                writer = new ChangesetWriter();
                names.Clear();
                writer.Write(instruction);
                nameBytes = AddNames(names, instruction);
            }
        }

        if (instructions.Count > start)
        {
            yield return (start, instructions.Count);
        }
    }

    private static int AddNames(HashSet<string> names, Instruction instruction)
    {
        var bytes = AddName(names, instruction.Object.Class);
        if (!instruction.Object.Path.IsDefaultOrEmpty)
        {
            foreach (var step in instruction.Object.Path)
            {
                bytes += AddName(names, step.Property);
            }
        }

        // The field name, and the class name a link payload carries: the only other strings in the table.
        var (field, linkClass) = instruction switch
        {
            SetField i => (i.Field, i.Value.LinkClass),
            AddCounter i => (i.Field, null),
            ListInsert i => (i.Field, i.Value.LinkClass),
            ListSet i => (i.Field, i.Value.LinkClass),
            ListErase i => (i.Field, null),
            SetInsert i => (i.Field, i.Value.LinkClass),
            SetErase i => (i.Field, i.Value.LinkClass),
            DictionarySet i => (i.Field, i.Value.LinkClass),
            DictionaryErase i => (i.Field, null),
            CollectionClear i => (i.Field, (string?)null),
            _ => ((string?)null, (string?)null),
        };
        bytes += AddName(names, field) + AddName(names, linkClass);

        return bytes;
    }

    private static int AddName(HashSet<string> names, string? name) =>
        name is not null && names.Add(name) ? Encoding.UTF8.GetByteCount(name) + 2 : 0;

    private static int VarIntLength(ReadOnlySpan<byte> data)
    {
        for (var i = 0; i < data.Length && i < 10; i++)
        {
            if ((data[i] & 0x80) == 0)
            {
                return i + 1;
            }
        }

        throw new ChangesetFormatException("The changeset's version is not a valid varint.", 5);
    }

    private static int WriteVarInt(Span<byte> destination, long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        var i = 0;
        while (zigzag >= 0x80)
        {
            destination[i++] = (byte)(zigzag | 0x80);
            zigzag >>= 7;
        }

        destination[i++] = (byte)zigzag;
        return i;
    }
}
