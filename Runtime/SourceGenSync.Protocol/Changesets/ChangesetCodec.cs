using System;
using System.Buffers;

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
    public static byte[] Encode(Changeset changeset) =>
        Write(changeset).ToArray(changeset.Version, changeset.Timestamp);

    /// <summary>Appends the encoding of <paramref name="changeset"/> to <paramref name="destination"/>.</summary>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Encode"/>; nothing is written then.</exception>
    public static int EncodeTo(IBufferWriter<byte> destination, Changeset changeset)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var encoded = Write(changeset).Encode(changeset.Version, changeset.Timestamp);
        for (var i = 0; i < encoded.PartCount; i++)
        {
            Copy(destination, encoded.Part(i));
        }

        return encoded.Length;
    }

    /// <summary>Decodes one changeset; <paramref name="data"/> must hold exactly one encoding and nothing else.</summary>
    /// <exception cref="ChangesetFormatException">The data is not a valid changeset of a supported version.</exception>
    public static Changeset Decode(ReadOnlySpan<byte> data) => ChangesetDecoder.Decode(data);

    private static ChangesetWriter Write(Changeset changeset)
    {
        ArgumentNullException.ThrowIfNull(changeset);
        var writer = new ChangesetWriter();
        foreach (var instruction in changeset.Instructions)
        {
            writer.Write(instruction);
        }

        return writer;
    }

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
