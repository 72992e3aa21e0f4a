using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;

namespace SourceGenSync.Changesets;

/// <summary>
/// The one encoder of the changeset format (docs/changesets.md). <see cref="ChangesetCodec"/> feeds it a whole
/// <see cref="Changeset"/>; the local store feeds it instructions as they are recorded, instead of keeping an
/// <see cref="Instruction"/> object graph alive until the commit: a bulk insert's instructions cost bytes in chunked
/// buffers, not objects the GC has to promote. The string table is collected aside in first-use order and written in
/// front at <see cref="ToArray"/> / <see cref="Encode"/>, so the output is a pure function of the instructions.
/// </summary>
internal sealed class ChangesetWriter
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly InstructionBuffer _body = new();
    private readonly Dictionary<string, int> _nameIndexes = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    // Consecutive instructions nearly always name the same class and field instances: skip hashing them again.
    private string? _lastClass;
    private int _lastClassIndex;
    private string? _lastField;
    private int _lastFieldIndex;

    /// <summary>Instructions written so far.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes of instructions written so far (for undoing a half-written instruction).</summary>
    public int Length => _body.Length;

    /// <summary>Drops what a failed instruction wrote (its names stay in the table: the commit fails anyway).</summary>
    public void Truncate(int length) => _body.Truncate(length);

    public void CreateObject(string @class, in RealmValue primaryKey)
    {
        BeginTopLevel(OpCode.CreateObject, @class, primaryKey);
        Count++;
    }

    public void EraseObject(string @class, in RealmValue primaryKey)
    {
        BeginTopLevel(OpCode.EraseObject, @class, primaryKey);
        Count++;
    }

    /// <summary>A SetField on a top-level object (no path): the common case, with no <see cref="ObjectRef"/> built.</summary>
    public void SetField(string @class, in RealmValue primaryKey, string field, in Payload value)
    {
        BeginTopLevel(OpCode.SetField, @class, primaryKey);
        WriteField(field);
        WritePayload(value);
        Count++;
    }

    public void Write(Instruction instruction)
    {
        switch (instruction)
        {
            case SetField i:
                Begin(OpCode.SetField, i.Object, i.Field);
                WritePayload(i.Value);
                break;
            case CreateObject i:
                Begin(OpCode.CreateObject, i.Object);
                break;
            case ListInsert i:
                Begin(OpCode.ListInsert, i.Object, i.Field);
                _body.WriteVarInt(i.Index);
                WritePayload(i.Value);
                break;
            case EraseObject i:
                Begin(OpCode.EraseObject, i.Object);
                break;
            case AddCounter i:
                Begin(OpCode.AddCounter, i.Object, i.Field);
                _body.WriteVarInt(i.Delta);
                break;
            case ListSet i:
                Begin(OpCode.ListSet, i.Object, i.Field);
                _body.WriteVarInt(i.Index);
                WritePayload(i.Value);
                break;
            case ListErase i:
                Begin(OpCode.ListErase, i.Object, i.Field);
                _body.WriteVarInt(i.Index);
                break;
            case SetInsert i:
                Begin(OpCode.SetInsert, i.Object, i.Field);
                WritePayload(i.Value);
                break;
            case SetErase i:
                Begin(OpCode.SetErase, i.Object, i.Field);
                WritePayload(i.Value);
                break;
            case DictionarySet i:
                Begin(OpCode.DictionarySet, i.Object, i.Field);
                WriteUtf8(i.Key, ChangesetFormat.MaxValueByteLength, "dictionary key");
                WritePayload(i.Value);
                break;
            case DictionaryErase i:
                Begin(OpCode.DictionaryErase, i.Object, i.Field);
                WriteUtf8(i.Key, ChangesetFormat.MaxValueByteLength, "dictionary key");
                break;
            case CollectionClear i:
                Begin(OpCode.CollectionClear, i.Object, i.Field);
                break;
            case null:
                throw Invalid("is null");
            default:
                throw Invalid($"is a {instruction.GetType().FullName}, which the changeset format has no opcode for");
        }

        Count++;
    }

    /// <summary>The whole changeset: header, string table, instruction count, the instructions, checksum.</summary>
    public byte[] ToArray(long version, long timestamp)
    {
        var head = Head(version, timestamp, out var total);
        var result = GC.AllocateUninitializedArray<byte>(total);
        head.WrittenSpan.CopyTo(result);
        _body.CopyTo(result.AsSpan(head.Length));
        var checksumOffset = head.Length + _body.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(checksumOffset), Crc32C.Compute(result.AsSpan(0, checksumOffset)));
        return result;
    }

    /// <summary>
    /// The same bytes as <see cref="ToArray"/> without one contiguous copy: <see cref="Encoded.Length"/>, then the
    /// parts in order (<see cref="Encoded.Part"/>: the header and string table, the instruction chunks, the checksum).
    /// </summary>
    public Encoded Encode(long version, long timestamp)
    {
        var head = Head(version, timestamp, out var total);
        var state = Crc32C.Append(Crc32C.Start, head.WrittenSpan);
        for (var i = 0; i < _body.ChunkCount; i++)
        {
            state = Crc32C.Append(state, _body.Chunk(i));
        }

        var checksum = new byte[ChangesetFormat.ChecksumLength];
        BinaryPrimitives.WriteUInt32LittleEndian(checksum, Crc32C.Finish(state));
        return new Encoded(head, _body, checksum, total);
    }

    private ByteBuffer Head(long version, long timestamp, out int total)
    {
        var head = new ByteBuffer(64 + (_names.Count * 16));
        head.Write(ChangesetFormat.Magic);
        head.WriteByte(ChangesetFormat.Version);
        head.WriteVarInt(version);
        head.WriteVarInt(timestamp);
        head.WriteVarUInt((uint)_names.Count);
        foreach (var name in _names)
        {
            var length = s_strictUtf8.GetByteCount(name);
            head.WriteVarUInt((uint)length);
            s_strictUtf8.GetBytes(name, head.GetSpan(length));
            head.Advance(length);
        }

        head.WriteVarUInt((uint)Count);
        var size = (long)head.Length + _body.Length + ChangesetFormat.ChecksumLength;
        if (size > Array.MaxLength)
        {
            throw new InvalidOperationException($"The changeset is too large to encode: {size} bytes exceed {Array.MaxLength}. Commit large imports in smaller transactions.");
        }

        total = (int)size;
        return head;
    }

    /// <summary>An encoded changeset as consecutive parts (valid until the writer records more).</summary>
    internal readonly struct Encoded(ByteBuffer head, InstructionBuffer body, byte[] checksum, int length)
    {
        /// <summary>The changeset's length in bytes.</summary>
        public int Length => length;

        public int PartCount => body.ChunkCount + 2;

        public ReadOnlySpan<byte> Part(int index) =>
            index == 0 ? head.WrittenSpan : index <= body.ChunkCount ? body.Chunk(index - 1) : checksum;
    }

    private void BeginTopLevel(OpCode opCode, string @class, in RealmValue primaryKey)
    {
        _body.WriteByte((byte)opCode);
        WriteClass(@class);
        WriteValue(primaryKey, "primary key");
        _body.WriteByte(0);
    }

    private void Begin(OpCode opCode, in ObjectRef target)
    {
        _body.WriteByte((byte)opCode);
        WriteClass(target.Class);
        WriteValue(target.PrimaryKey, "primary key");
        WritePath(target.Path);
    }

    private void Begin(OpCode opCode, in ObjectRef target, string field)
    {
        Begin(opCode, target);
        WriteField(field);
    }

    private void WriteClass(string? @class)
    {
        if (@class is not null && ReferenceEquals(@class, _lastClass))
        {
            _body.WriteVarUInt((uint)_lastClassIndex);
            return;
        }

        _lastClassIndex = WriteName(@class, "class name");
        _lastClass = @class;
    }

    private void WriteField(string? field)
    {
        if (field is not null && ReferenceEquals(field, _lastField))
        {
            _body.WriteVarUInt((uint)_lastFieldIndex);
            return;
        }

        _lastFieldIndex = WriteName(field, "field name");
        _lastField = field;
    }

    private void WritePath(ImmutableArray<PathElement> path)
    {
        if (path.IsDefaultOrEmpty)
        {
            _body.WriteByte(0);
            return;
        }

        if (path.Length > ChangesetFormat.MaxPathDepth)
        {
            throw Invalid($"has an embedded-object path of {path.Length} steps; the format allows at most {ChangesetFormat.MaxPathDepth}");
        }

        _body.WriteVarUInt((uint)path.Length);
        foreach (var element in path)
        {
            WriteName(element.Property, "path property name");
            var flags = (byte)((element.Index.HasValue ? ChangesetFormat.PathHasIndex : 0) | (element.Key is null ? 0 : ChangesetFormat.PathHasKey));
            _body.WriteByte(flags);
            if (element.Index is { } index)
            {
                _body.WriteVarInt(index);
            }

            if (element.Key is { } key)
            {
                WriteUtf8(key, ChangesetFormat.MaxValueByteLength, "path dictionary key");
            }
        }
    }

    private void WritePayload(in Payload payload)
    {
        switch (payload.Kind)
        {
            case PayloadKind.Value when payload.LinkClass is null:
                WriteValue(payload.Value, "value");
                break;
            case PayloadKind.Link when payload.LinkClass is not null:
                _body.WriteByte((byte)ValueTag.Link);
                WriteName(payload.LinkClass, "link class name");
                WriteValue(payload.Value, "link target's primary key");
                break;
            case PayloadKind.NewEmbedded when payload.LinkClass is null && payload.Value.IsNull:
                _body.WriteByte((byte)ValueTag.NewEmbedded);
                break;
            default:
                throw Invalid($"has an inconsistent payload (kind {payload.Kind}, value type {payload.Value.Type}, link class '{payload.LinkClass}'): use Payload.Of, Payload.Link or Payload.NewEmbedded");
        }
    }

    private void WriteValue(in RealmValue value, string what)
    {
        switch (value.Type)
        {
            case RealmValueType.Null:
                _body.WriteByte((byte)ValueTag.Null);
                break;
            case RealmValueType.Int:
                _body.WriteByte((byte)ValueTag.Int);
                _body.WriteVarInt(value.AsInt64());
                break;
            case RealmValueType.Bool:
                _body.WriteByte((byte)(value.AsBool() ? ValueTag.True : ValueTag.False));
                break;
            case RealmValueType.String:
                _body.WriteByte((byte)ValueTag.String);
                WriteUtf8(value.AsString(), ChangesetFormat.MaxValueByteLength, what);
                break;
            case RealmValueType.Data:
                var data = value.AsData();
                if (data.Length > ChangesetFormat.MaxValueByteLength)
                {
                    throw Invalid($"has a {what} of {data.Length} bytes; the format allows at most {ChangesetFormat.MaxValueByteLength}");
                }

                _body.WriteByte((byte)ValueTag.Data);
                _body.WriteVarUInt((uint)data.Length);
                _body.Write(data);
                break;
            case RealmValueType.Date:
                var date = value.AsDate();
                _body.WriteByte((byte)ValueTag.Date);
                _body.WriteVarInt(date.UtcTicks);
                _body.WriteVarInt(date.TotalOffsetMinutes);
                break;
            case RealmValueType.Float:
                var single = _body.GetSpan(5);
                single[0] = (byte)ValueTag.Float;
                BinaryPrimitives.WriteInt32LittleEndian(single[1..], BitConverter.SingleToInt32Bits(value.AsFloat()));
                _body.Advance(5);
                break;
            case RealmValueType.Double:
                var bits = _body.GetSpan(9);
                bits[0] = (byte)ValueTag.Double;
                BinaryPrimitives.WriteInt64LittleEndian(bits[1..], BitConverter.DoubleToInt64Bits(value.AsDouble()));
                _body.Advance(9);
                break;
            case RealmValueType.Decimal:
                Span<int> parts = stackalloc int[4];
                decimal.GetBits(value.AsDecimal(), parts);
                var span = _body.GetSpan(17);
                span[0] = (byte)ValueTag.Decimal;
                for (var i = 0; i < 4; i++)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(span[(1 + (4 * i))..], parts[i]);
                }

                _body.Advance(17);
                break;
            case RealmValueType.ObjectId:
                var id = _body.GetSpan(1 + ObjectId.ByteLength);
                id[0] = (byte)ValueTag.ObjectId;
                value.AsObjectId().WriteTo(id[1..]);
                _body.Advance(1 + ObjectId.ByteLength);
                break;
            case RealmValueType.Guid:
                var guid = _body.GetSpan(17);
                guid[0] = (byte)ValueTag.Guid;
                value.AsGuid().TryWriteBytes(guid[1..], bigEndian: true, out _);
                _body.Advance(17);
                break;
            default:
                throw Invalid($"has a {what} of type {value.Type}, which a changeset cannot hold; links travel as Payload.Link(class, primaryKey)");
        }
    }

    private int WriteName(string? name, string what)
    {
        if (name is null)
        {
            throw Invalid($"has a null {what}");
        }

        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_nameIndexes, name, out var exists);
        if (!exists)
        {
            if (_names.Count == ChangesetFormat.MaxNameCount)
            {
                _nameIndexes.Remove(name);
                throw Invalid($"uses more than {ChangesetFormat.MaxNameCount} distinct names; split the transaction");
            }

            if (Utf8Length(name, what) > ChangesetFormat.MaxNameByteLength)
            {
                _nameIndexes.Remove(name);
                throw Invalid($"has a {what} longer than {ChangesetFormat.MaxNameByteLength} UTF-8 bytes");
            }

            index = _names.Count;
            _names.Add(name);
        }

        _body.WriteVarUInt((uint)index);
        return index;
    }

    private void WriteUtf8(string? text, int maxLength, string what)
    {
        if (text is null)
        {
            throw Invalid($"has a null {what}");
        }

        // Short ASCII-or-not strings: encode straight into the buffer when the worst case fits a one-byte length.
        if (text.Length <= 42)
        {
            var slot = _body.GetSpan(1 + (text.Length * 3));
            int written;
            try
            {
                written = s_strictUtf8.GetBytes(text, slot[1..]);
            }
            catch (EncoderFallbackException e)
            {
                throw Invalid($"has a {what} containing an unpaired UTF-16 surrogate, which cannot be stored as UTF-8", e);
            }

            slot[0] = (byte)written;
            _body.Advance(1 + written);
            return;
        }

        var length = Utf8Length(text, what);
        if (length > maxLength)
        {
            throw Invalid($"has a {what} of {length} UTF-8 bytes; the format allows at most {maxLength}");
        }

        _body.WriteVarUInt((uint)length);
        s_strictUtf8.GetBytes(text, _body.GetSpan(length));
        _body.Advance(length);
    }

    private int Utf8Length(string text, string what)
    {
        try
        {
            return s_strictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException e)
        {
            throw Invalid($"has a {what} containing an unpaired UTF-16 surrogate, which cannot be stored as UTF-8", e);
        }
    }

    private ArgumentException Invalid(string problem, Exception? inner = null) =>
        new($"Cannot encode the changeset: instruction {Count} {problem}.", "changeset", inner);
}
