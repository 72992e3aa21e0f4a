using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace SourceGenSync.Changesets;

// Reads the format of docs/changesets.md from untrusted bytes. Every read is bounds-checked; every count and length
// is checked against the bytes that remain (and a format maximum) before anything is allocated, so hostile input
// costs at most a small multiple of its own size; each loop consumes at least one byte per step. All failures are
// ChangesetFormatExceptions carrying the offset of the item that was wrong.
internal ref struct ChangesetDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private string[] _names;

    private ChangesetDecoder(ReadOnlySpan<byte> dataWithoutChecksum)
    {
        _data = dataWithoutChecksum;
        _position = ChangesetFormat.HeaderLength;
        _names = [];
    }

    public static Changeset Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length < ChangesetFormat.MinimumLength)
        {
            throw new ChangesetFormatException(
                $"the data is {data.Length} bytes long, but the smallest changeset is {ChangesetFormat.MinimumLength} bytes; it is truncated or not a changeset.",
                data.Length);
        }

        if (!data.StartsWith(ChangesetFormat.Magic))
        {
            throw new ChangesetFormatException(
                $"the data does not start with the magic bytes 53 47 43 53 (\"SGCS\") but with {Convert.ToHexString(data[..4])}; it is not a changeset.", 0);
        }

        if (data[4] != ChangesetFormat.Version)
        {
            throw new ChangesetFormatException(
                $"the format version is {data[4]}, but this SDK reads version {ChangesetFormat.Version}; upgrade the SDK to read newer changesets.", 4);
        }

        var checksumOffset = data.Length - ChangesetFormat.ChecksumLength;
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(data[checksumOffset..]);
        var computed = Crc32C.Compute(data[..checksumOffset]);
        if (stored != computed)
        {
            throw new ChangesetFormatException(
                $"the stored CRC-32C checksum is 0x{stored:X8}, but the data before it hashes to 0x{computed:X8}; the changeset is truncated or corrupted.",
                checksumOffset);
        }

        return new ChangesetDecoder(data[..checksumOffset]).ReadChangeset();
    }

    private Changeset ReadChangeset()
    {
        var version = ReadVarInt("the changeset version");
        var timestamp = ReadVarInt("the timestamp");

        var nameCount = ReadCount("the string table", 1, ChangesetFormat.MaxNameCount);
        _names = nameCount == 0 ? [] : new string[nameCount];
        for (var i = 0; i < _names.Length; i++)
        {
            _names[i] = ReadString(ChangesetFormat.MaxNameByteLength, "a string table entry");
        }

        var instructionCount = ReadCount("the instruction list", ChangesetFormat.MinimumInstructionLength, int.MaxValue);
        var instructions = instructionCount == 0 ? [] : new Instruction[instructionCount];
        for (var i = 0; i < instructions.Length; i++)
        {
            instructions[i] = ReadInstruction(i);
        }

        if (_position != _data.Length)
        {
            throw Fail($"{_data.Length - _position} unexpected bytes follow the last instruction (the checksum must come right after it).", _position);
        }

        return new Changeset(version, timestamp, instructions);
    }

    private Instruction ReadInstruction(int index)
    {
        var start = _position;
        var opCode = ReadByte("an instruction opcode");
        switch ((OpCode)opCode)
        {
            case OpCode.CreateObject:
                return new CreateObject(ReadObjectRef());
            case OpCode.EraseObject:
                return new EraseObject(ReadObjectRef());
            case OpCode.SetField:
                return new SetField(ReadObjectRef(), ReadName("a field name"), ReadPayload());
            case OpCode.AddCounter:
                return new AddCounter(ReadObjectRef(), ReadName("a field name"), ReadVarInt("a counter delta"));
            case OpCode.ListInsert:
                return new ListInsert(ReadObjectRef(), ReadName("a field name"), ReadVarInt("a list index"), ReadPayload());
            case OpCode.ListSet:
                return new ListSet(ReadObjectRef(), ReadName("a field name"), ReadVarInt("a list index"), ReadPayload());
            case OpCode.ListErase:
                return new ListErase(ReadObjectRef(), ReadName("a field name"), ReadVarInt("a list index"));
            case OpCode.SetInsert:
                return new SetInsert(ReadObjectRef(), ReadName("a field name"), ReadPayload());
            case OpCode.SetErase:
                return new SetErase(ReadObjectRef(), ReadName("a field name"), ReadPayload());
            case OpCode.DictionarySet:
                return new DictionarySet(
                    ReadObjectRef(), ReadName("a field name"), ReadString(ChangesetFormat.MaxValueByteLength, "a dictionary key"), ReadPayload());
            case OpCode.DictionaryErase:
                return new DictionaryErase(
                    ReadObjectRef(), ReadName("a field name"), ReadString(ChangesetFormat.MaxValueByteLength, "a dictionary key"));
            case OpCode.CollectionClear:
                return new CollectionClear(ReadObjectRef(), ReadName("a field name"));
            default:
                throw Fail($"instruction {index} has the unknown opcode 0x{opCode:X2}.", start);
        }
    }

    private ObjectRef ReadObjectRef()
    {
        var @class = ReadName("a class name");
        var primaryKey = ReadValue("a primary key");
        var depth = ReadCount("an embedded-object path", 2, ChangesetFormat.MaxPathDepth);
        if (depth == 0)
        {
            return new ObjectRef(@class, primaryKey, []);
        }

        var path = new PathElement[depth];
        for (var i = 0; i < path.Length; i++)
        {
            var property = ReadName("a path property name");
            var flagsOffset = _position;
            var flags = ReadByte("path step flags");
            if ((flags & ~(ChangesetFormat.PathHasIndex | ChangesetFormat.PathHasKey)) != 0)
            {
                throw Fail($"path step flags 0x{flags:X2} set bits other than 0x01 (index) and 0x02 (key).", flagsOffset);
            }

            long? index = (flags & ChangesetFormat.PathHasIndex) != 0 ? ReadVarInt("a path index") : null;
            var key = (flags & ChangesetFormat.PathHasKey) != 0 ? ReadString(ChangesetFormat.MaxValueByteLength, "a path key") : null;
            path[i] = new PathElement(property, index, key);
        }

        return new ObjectRef(@class, primaryKey, ImmutableCollectionsMarshal.AsImmutableArray(path));
    }

    private Payload ReadPayload()
    {
        var start = _position;
        var tag = (ValueTag)ReadByte("a value tag");
        return tag switch
        {
            ValueTag.Link => Payload.Link(ReadName("a link class name"), ReadValue("a link target's primary key")),
            ValueTag.NewEmbedded => Payload.NewEmbedded,
            _ => Payload.Of(ReadValueAfterTag(tag, start)),
        };
    }

    private RealmValue ReadValue(string what)
    {
        var start = _position;
        var tag = (ValueTag)ReadByte(what);
        if (tag is ValueTag.Link or ValueTag.NewEmbedded)
        {
            throw Fail($"{what} has the payload-only tag 0x{(byte)tag:X2} ({tag}); a plain value is required here.", start);
        }

        return ReadValueAfterTag(tag, start);
    }

    private RealmValue ReadValueAfterTag(ValueTag tag, int start)
    {
        switch (tag)
        {
            case ValueTag.Null:
                return RealmValue.Null;
            case ValueTag.Int:
                return RealmValue.Create(ReadVarInt("an Int value"));
            case ValueTag.False:
                return RealmValue.Create(false);
            case ValueTag.True:
                return RealmValue.Create(true);
            case ValueTag.String:
                return RealmValue.Create(ReadString(ChangesetFormat.MaxValueByteLength, "a String value"));
            case ValueTag.Data:
                var length = ReadLength(ChangesetFormat.MaxValueByteLength, "a Data value");
                return RealmValue.Create(length == 0 ? [] : ReadBytes(length, "a Data value").ToArray());
            case ValueTag.Date:
                return ReadDate();
            case ValueTag.Float:
                return RealmValue.Create(BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4, "a Float value"))));
            case ValueTag.Double:
                return RealmValue.Create(BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(ReadBytes(8, "a Double value"))));
            case ValueTag.Decimal:
                return ReadDecimal();
            case ValueTag.ObjectId:
                return RealmValue.Create(new ObjectId(ReadBytes(ObjectId.ByteLength, "an ObjectId value")));
            case ValueTag.Guid:
                return RealmValue.Create(new Guid(ReadBytes(16, "a Guid value"), bigEndian: true));
            default:
                throw Fail($"0x{(byte)tag:X2} is not a known value tag.", start);
        }
    }

    private RealmValue ReadDate()
    {
        var start = _position;
        var utcTicks = ReadVarInt("a Date's UTC ticks");
        var offsetMinutes = ReadVarInt("a Date's offset");
        if (offsetMinutes is < -ChangesetFormat.MaxOffsetMinutes or > ChangesetFormat.MaxOffsetMinutes)
        {
            throw Fail($"a Date's offset is {offsetMinutes} minutes; offsets lie between -840 and 840.", start);
        }

        var localTicks = utcTicks + (offsetMinutes * TimeSpan.TicksPerMinute);
        if (utcTicks is < 0 || utcTicks > DateTime.MaxValue.Ticks || localTicks < 0 || localTicks > DateTime.MaxValue.Ticks)
        {
            throw Fail($"a Date of {utcTicks} UTC ticks with offset {offsetMinutes} minutes lies outside the range of DateTimeOffset.", start);
        }

        return RealmValue.Create(new DateTimeOffset(localTicks, TimeSpan.FromMinutes(offsetMinutes)));
    }

    private RealmValue ReadDecimal()
    {
        var start = _position;
        var bytes = ReadBytes(16, "a Decimal value");
        Span<int> parts = stackalloc int[4];
        for (var i = 0; i < 4; i++)
        {
            parts[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 * i)..]);
        }

        var flags = parts[3];
        if ((flags & 0x7F00FFFF) != 0 || ((flags >> 16) & 0xFF) > 28)
        {
            throw Fail($"a Decimal's flags word 0x{flags:X8} is invalid (the scale must be 0-28 and the unused bits zero).", start);
        }

        return RealmValue.Create(new decimal(parts));
    }

    private string ReadName(string what)
    {
        var start = _position;
        var index = ReadVarUInt(what);
        if (index >= (ulong)_names.Length)
        {
            throw Fail($"{what} refers to string table entry {index}, but the table has {_names.Length} entries.", start);
        }

        return _names[index];
    }

    private string ReadString(int maxLength, string what)
    {
        var length = ReadLength(maxLength, what);
        if (length == 0)
        {
            return string.Empty;
        }

        var start = _position;
        var bytes = ReadBytes(length, what);
        if (!Utf8.IsValid(bytes))
        {
            throw Fail($"{what} is not valid UTF-8.", start);
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>A byte length that must fit both the format maximum and the bytes that remain.</summary>
    private int ReadLength(int maxLength, string what)
    {
        var start = _position;
        var length = ReadVarUInt(what);
        if (length > (ulong)maxLength)
        {
            throw Fail($"{what} declares {length} bytes; the format allows at most {maxLength}.", start);
        }

        if (length > (ulong)(_data.Length - _position))
        {
            throw Fail($"{what} declares {length} bytes, but only {_data.Length - _position} remain before the checksum.", start);
        }

        return (int)length;
    }

    /// <summary>An element count, checked against the bytes that remain given each element's smallest size.</summary>
    private int ReadCount(string what, int minimumElementLength, int maxCount)
    {
        var start = _position;
        var count = ReadVarUInt($"the length of {what}");
        if (count > (ulong)maxCount)
        {
            throw Fail($"{what} declares {count} entries; the format allows at most {maxCount}.", start);
        }

        var remaining = _data.Length - _position;
        if (count > (ulong)(remaining / minimumElementLength))
        {
            throw Fail(
                $"{what} declares {count} entries of at least {minimumElementLength} bytes each, but only {remaining} bytes remain before the checksum.",
                start);
        }

        return (int)count;
    }

    private byte ReadByte(string what)
    {
        if (_position >= _data.Length)
        {
            throw Truncated(what, _position);
        }

        return _data[_position++];
    }

    private ReadOnlySpan<byte> ReadBytes(int count, string what)
    {
        if (count > _data.Length - _position)
        {
            throw Truncated(what, _position);
        }

        var bytes = _data.Slice(_position, count);
        _position += count;
        return bytes;
    }

    private long ReadVarInt(string what) => ZigZag.Decode(ReadVarUInt(what));

    // LEB128, canonical only: at most 10 bytes, no bits beyond 64, no redundant trailing zero groups. Rejecting
    // non-canonical forms keeps one changeset to one byte sequence.
    private ulong ReadVarUInt(string what)
    {
        var start = _position;
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw Truncated(what, start);
            }

            var b = _data[_position++];
            if (shift == 63 && b > 1)
            {
                throw Fail($"{what} is a varint that does not fit in 64 bits.", start);
            }

            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                if (b == 0 && shift > 0)
                {
                    throw Fail($"{what} is a varint with a redundant trailing zero byte (not the canonical encoding).", start);
                }

                return result;
            }
        }
    }

    private static ChangesetFormatException Truncated(string what, int offset) =>
        new($"the data ends in the middle of {what} (the changeset is truncated, or a length or count before this point is wrong).", offset);

    private static ChangesetFormatException Fail(string problem, int offset) => new(problem, offset);
}
