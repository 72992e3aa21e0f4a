using System;
using System.Buffers;
using System.Buffers.Binary;

namespace SourceGenSync.Changesets;

/// <summary>
/// Converts <see cref="Changeset"/>s to and from their binary form, the one the local change log stores and sync
/// uploads (specified byte for byte in docs/changesets.md). Encoding is deterministic: equal changesets give equal
/// bytes. Decoding accepts untrusted input and fails only with <see cref="ChangesetFormatException"/>.
/// </summary>
public static class ChangesetCodec
{
    /// <summary>The format version this SDK writes and the only one it reads.</summary>
    public const byte FormatVersion = ChangesetFormat.Version;

    /// <summary>Encodes <paramref name="changeset"/> into a new array.</summary>
    /// <exception cref="ArgumentException">The changeset holds something the format cannot represent (a null name,
    /// an object reference instead of a link, an unpaired surrogate, an oversized value).</exception>
    public static byte[] Encode(Changeset changeset)
    {
        ArgumentNullException.ThrowIfNull(changeset);
        var encoder = ChangesetEncoder.Rent();
        try
        {
            encoder.Encode(changeset);
            var result = new byte[encoder.TotalLength];
            var head = encoder.Head;
            var body = encoder.Body;
            head.CopyTo(result);
            body.CopyTo(result.AsSpan(head.Length));
            var checksumOffset = head.Length + body.Length;
            BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(checksumOffset), Crc32C.Compute(result.AsSpan(0, checksumOffset)));
            return result;
        }
        finally
        {
            ChangesetEncoder.Return(encoder);
        }
    }

    /// <summary>Appends the encoding of <paramref name="changeset"/> to <paramref name="destination"/>.</summary>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Encode"/>; nothing is written then.</exception>
    public static int EncodeTo(IBufferWriter<byte> destination, Changeset changeset)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(changeset);
        var encoder = ChangesetEncoder.Rent();
        try
        {
            encoder.Encode(changeset);
            var crc = Crc32C.Append(Crc32C.Append(Crc32C.Start, encoder.Head), encoder.Body);
            Span<byte> checksum = stackalloc byte[ChangesetFormat.ChecksumLength];
            BinaryPrimitives.WriteUInt32LittleEndian(checksum, Crc32C.Finish(crc));
            Copy(destination, encoder.Head);
            Copy(destination, encoder.Body);
            Copy(destination, checksum);
            return encoder.TotalLength;
        }
        finally
        {
            ChangesetEncoder.Return(encoder);
        }
    }

    /// <summary>Decodes one changeset; <paramref name="data"/> must hold exactly one encoding and nothing else.</summary>
    /// <exception cref="ChangesetFormatException">The data is not a valid changeset of a supported version.</exception>
    public static Changeset Decode(ReadOnlySpan<byte> data) => ChangesetDecoder.Decode(data);

    // In pieces, because a writer (a Pipe, for one) need not hand out one span as large as a bulk-import changeset.
    private static void Copy(IBufferWriter<byte> destination, ReadOnlySpan<byte> source)
    {
        while (!source.IsEmpty)
        {
            var span = destination.GetSpan(Math.Min(source.Length, 64 * 1024));
            var count = Math.Min(span.Length, source.Length);
            source[..count].CopyTo(span);
            destination.Advance(count);
            source = source[count..];
        }
    }
}
