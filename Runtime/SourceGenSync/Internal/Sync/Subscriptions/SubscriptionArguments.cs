using System;
using System.Collections.Immutable;
using System.IO;
using System.Text;

namespace SourceGenSync.Internal.Sync.Subscriptions;

/// <summary>
/// The binary form of a subscription's query arguments (column <c>sgs_subscriptions.arguments</c>): a format byte
/// (1), the argument count, then per argument its <see cref="RealmValueType"/> byte and payload (little-endian:
/// int/double/float bits, decimal as its four 32-bit parts, date as UTC ticks plus offset minutes, guid and
/// objectid as their bytes, string as UTF-8 and data with a length prefix). Local to the realm file, never sent:
/// the session converts arguments to the protocol's <c>QueryValue</c>s itself.
/// </summary>
internal static class SubscriptionArguments
{
    private const byte FormatVersion = 1;

    public static byte[] Encode(ImmutableArray<RealmValue> arguments)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write7BitEncodedInt(arguments.Length);
            foreach (var value in arguments)
            {
                Write(writer, value);
            }
        }

        return stream.ToArray();
    }

    public static ImmutableArray<RealmValue> Decode(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(data, writable: false), Encoding.UTF8);
            var format = reader.ReadByte();
            if (format != FormatVersion)
            {
                throw new InvalidDataException($"Subscription arguments in format {format} cannot be read (this version reads format {FormatVersion}).");
            }

            var count = reader.Read7BitEncodedInt();
            if (count < 0 || count > data.Length)
            {
                throw new InvalidDataException($"Subscription arguments claim {count} values in {data.Length} bytes.");
            }

            var values = ImmutableArray.CreateBuilder<RealmValue>(count);
            for (var i = 0; i < count; i++)
            {
                values.Add(Read(reader));
            }

            return values.MoveToImmutable();
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Subscription arguments end in the middle of a value.", e);
        }
    }

    /// <summary>True when <paramref name="value"/> can be stored (everything but a link to an object).</summary>
    public static bool CanStore(in RealmValue value) => value.Type != RealmValueType.Object;

    private static void Write(BinaryWriter writer, RealmValue value)
    {
        writer.Write((byte)value.Type);
        switch (value.Type)
        {
            case RealmValueType.Null:
                break;
            case RealmValueType.Int:
                writer.Write(value.AsInt64());
                break;
            case RealmValueType.Bool:
                writer.Write(value.AsBool());
                break;
            case RealmValueType.String:
                writer.Write(value.AsString());
                break;
            case RealmValueType.Data:
                var data = value.AsData();
                writer.Write7BitEncodedInt(data.Length);
                writer.Write(data);
                break;
            case RealmValueType.Date:
                var date = value.AsDate();
                writer.Write(date.UtcTicks);
                writer.Write((short)date.Offset.TotalMinutes);
                break;
            case RealmValueType.Float:
                writer.Write(value.AsFloat());
                break;
            case RealmValueType.Double:
                writer.Write(value.AsDouble());
                break;
            case RealmValueType.Decimal:
                Span<int> parts = stackalloc int[4];
                decimal.GetBits(value.AsDecimal(), parts);
                foreach (var part in parts)
                {
                    writer.Write(part);
                }

                break;
            case RealmValueType.ObjectId:
                Span<byte> objectId = stackalloc byte[12];
                value.AsObjectId().WriteTo(objectId);
                writer.Write(objectId);
                break;
            case RealmValueType.Guid:
                Span<byte> guid = stackalloc byte[16];
                value.AsGuid().TryWriteBytes(guid);
                writer.Write(guid);
                break;
            default:
                throw new NotSupportedException($"A {value.Type} value cannot be a subscription query argument.");
        }
    }

    private static RealmValue Read(BinaryReader reader)
    {
        var type = (RealmValueType)reader.ReadByte();
        switch (type)
        {
            case RealmValueType.Null:
                return RealmValue.Null;
            case RealmValueType.Int:
                return RealmValue.Create(reader.ReadInt64());
            case RealmValueType.Bool:
                return RealmValue.Create(reader.ReadBoolean());
            case RealmValueType.String:
                return RealmValue.Create(reader.ReadString());
            case RealmValueType.Data:
                var length = reader.Read7BitEncodedInt();
                var data = reader.ReadBytes(length);
                return data.Length == length ? RealmValue.Create(data) : throw new EndOfStreamException();
            case RealmValueType.Date:
                var ticks = reader.ReadInt64();
                var offset = TimeSpan.FromMinutes(reader.ReadInt16());
                return RealmValue.Create(new DateTimeOffset(ticks + offset.Ticks, offset));
            case RealmValueType.Float:
                return RealmValue.Create(reader.ReadSingle());
            case RealmValueType.Double:
                return RealmValue.Create(reader.ReadDouble());
            case RealmValueType.Decimal:
                ReadOnlySpan<int> parts = [reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32()];
                return RealmValue.Create(new decimal(parts));
            case RealmValueType.ObjectId:
                return RealmValue.Create(new ObjectId(ReadExactly(reader, 12)));
            case RealmValueType.Guid:
                return RealmValue.Create(new Guid(ReadExactly(reader, 16)));
            default:
                throw new InvalidDataException($"Unknown value type {(byte)type} in subscription arguments.");
        }
    }

    private static byte[] ReadExactly(BinaryReader reader, int count)
    {
        var bytes = reader.ReadBytes(count);
        return bytes.Length == count ? bytes : throw new EndOfStreamException();
    }
}
