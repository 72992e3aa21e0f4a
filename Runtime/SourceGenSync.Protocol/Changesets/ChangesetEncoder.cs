using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;

namespace SourceGenSync.Changesets;

// Writes a changeset in the format of docs/changesets.md. Instructions go into _body first, collecting the names
// they use in first-use order (so the output is a pure function of the changeset); then the header and string table
// go into _head. ChangesetCodec copies head, body and checksum to the caller. One instance per thread is kept for
// reuse, so encoding a commit allocates nothing but the result.
internal sealed class ChangesetEncoder
{
    // Buffers that grew past this (a bulk import) are dropped rather than pinned to the thread forever.
    private const int RetainedCapacity = 1024 * 1024;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [ThreadStatic]
    private static ChangesetEncoder? t_cached;

    private readonly ByteBuffer _head = new(256);
    private readonly ByteBuffer _body = new(4096);
    private readonly Dictionary<string, int> _nameIndexes = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    // Consecutive instructions nearly always share the class name instance; skip hashing it again.
    private string? _lastClass;
    private int _lastClassIndex;
    private int _instructionIndex;

    public ReadOnlySpan<byte> Head => _head.WrittenSpan;

    public ReadOnlySpan<byte> Body => _body.WrittenSpan;

    /// <summary>Head, body and checksum.</summary>
    public int TotalLength { get; private set; }

    public static ChangesetEncoder Rent()
    {
        var encoder = t_cached ?? new ChangesetEncoder();
        t_cached = null;
        return encoder;
    }

    public static void Return(ChangesetEncoder encoder)
    {
        if (encoder._body.Capacity <= RetainedCapacity && encoder._head.Capacity <= RetainedCapacity && encoder._names.Count <= 1024)
        {
            encoder.Reset();
            t_cached = encoder;
        }
    }

    public void Encode(Changeset changeset)
    {
        Reset();
        var instructions = changeset.Instructions;
        var count = instructions.Count;
        for (var i = 0; i < count; i++)
        {
            _instructionIndex = i;
            WriteInstruction(instructions[i]);
        }

        _head.Write(ChangesetFormat.Magic);
        _head.WriteByte(ChangesetFormat.Version);
        _head.WriteVarInt(changeset.Version);
        _head.WriteVarInt(changeset.Timestamp);
        _head.WriteVarUInt((uint)_names.Count);
        foreach (var name in _names)
        {
            WriteUtf8(_head, name, ChangesetFormat.MaxNameByteLength, "name");
        }

        _head.WriteVarUInt((uint)count);

        var total = (long)_head.Length + _body.Length + ChangesetFormat.ChecksumLength;
        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException(
                $"The changeset is too large to encode: {total} bytes exceed {Array.MaxLength}. Commit large imports in smaller transactions.");
        }

        TotalLength = (int)total;
    }

    private void Reset()
    {
        _head.Clear();
        _body.Clear();
        _nameIndexes.Clear();
        _names.Clear();
        _lastClass = null;
        TotalLength = 0;
    }

    private void WriteInstruction(Instruction instruction)
    {
        // Most frequent first: commits are dominated by field sets and object creation.
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
                WriteUtf8(_body, i.Key, ChangesetFormat.MaxValueByteLength, "dictionary key");
                WritePayload(i.Value);
                break;
            case DictionaryErase i:
                Begin(OpCode.DictionaryErase, i.Object, i.Field);
                WriteUtf8(_body, i.Key, ChangesetFormat.MaxValueByteLength, "dictionary key");
                break;
            case CollectionClear i:
                Begin(OpCode.CollectionClear, i.Object, i.Field);
                break;
            case null:
                throw Invalid("is null");
            default:
                throw Invalid($"is a {instruction.GetType().FullName}, which the changeset format has no opcode for");
        }
    }

    private void Begin(OpCode opCode, ObjectRef target)
    {
        _body.WriteByte((byte)opCode);
        if (target.Class is not null && ReferenceEquals(target.Class, _lastClass))
        {
            _body.WriteVarUInt((uint)_lastClassIndex);
        }
        else
        {
            _lastClassIndex = WriteName(target.Class, "class name");
            _lastClass = target.Class;
        }

        WriteValue(target.PrimaryKey, "primary key");
        WritePath(target.Path);
    }

    private void Begin(OpCode opCode, ObjectRef target, string field)
    {
        Begin(opCode, target);
        WriteName(field, "field name");
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
                WriteUtf8(_body, key, ChangesetFormat.MaxValueByteLength, "path dictionary key");
            }
        }
    }

    private void WritePayload(Payload payload)
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
                throw Invalid(
                    $"has an inconsistent payload (kind {payload.Kind}, value type {payload.Value.Type}, link class '{payload.LinkClass}'): " +
                    "use Payload.Of, Payload.Link or Payload.NewEmbedded");
        }
    }

    private void WriteValue(RealmValue value, string what)
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
                WriteUtf8(_body, value.AsString(), ChangesetFormat.MaxValueByteLength, what);
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
                var floatSpan = _body.GetSpan(5);
                floatSpan[0] = (byte)ValueTag.Float;
                BinaryPrimitives.WriteInt32LittleEndian(floatSpan[1..], BitConverter.SingleToInt32Bits(value.AsFloat()));
                _body.Advance(5);
                break;
            case RealmValueType.Double:
                var doubleSpan = _body.GetSpan(9);
                doubleSpan[0] = (byte)ValueTag.Double;
                BinaryPrimitives.WriteInt64LittleEndian(doubleSpan[1..], BitConverter.DoubleToInt64Bits(value.AsDouble()));
                _body.Advance(9);
                break;
            case RealmValueType.Decimal:
                WriteDecimal(value.AsDecimal());
                break;
            case RealmValueType.ObjectId:
                var idSpan = _body.GetSpan(1 + ObjectId.ByteLength);
                idSpan[0] = (byte)ValueTag.ObjectId;
                value.AsObjectId().WriteTo(idSpan[1..]);
                _body.Advance(1 + ObjectId.ByteLength);
                break;
            case RealmValueType.Guid:
                var guidSpan = _body.GetSpan(17);
                guidSpan[0] = (byte)ValueTag.Guid;
                value.AsGuid().TryWriteBytes(guidSpan[1..], bigEndian: true, out _);
                _body.Advance(17);
                break;
            default:
                throw Invalid(
                    $"has a {what} of type {value.Type}, which a changeset cannot hold; links travel as Payload.Link(class, primaryKey)");
        }
    }

    private void WriteDecimal(decimal value)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        var span = _body.GetSpan(17);
        span[0] = (byte)ValueTag.Decimal;
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[(1 + (4 * i))..], parts[i]);
        }

        _body.Advance(17);
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

            // Validated now (the table is written later) so the error names the instruction.
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

    private void WriteUtf8(ByteBuffer buffer, string? text, int maxLength, string what)
    {
        if (text is null)
        {
            throw Invalid($"has a null {what}");
        }

        var length = Utf8Length(text, what);
        if (length > maxLength)
        {
            throw Invalid($"has a {what} of {length} UTF-8 bytes; the format allows at most {maxLength}");
        }

        buffer.WriteVarUInt((uint)length);
        s_strictUtf8.GetBytes(text, buffer.GetSpan(length));
        buffer.Advance(length);
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
        new($"Cannot encode the changeset: instruction {_instructionIndex} {problem}.", "changeset", inner);
}
