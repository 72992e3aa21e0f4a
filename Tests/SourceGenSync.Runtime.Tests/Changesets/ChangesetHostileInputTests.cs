using System;
using SourceGenSync.Changesets;
using static SourceGenSync.Runtime.Tests.Changesets.ChangesetSamples;

namespace SourceGenSync.Runtime.Tests.Changesets;

public sealed class ChangesetHostileInputTests
{
    [Fact]
    public void Decode_rejects_empty_and_too_short_input()
    {
        var empty = Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode([]));
        var shortInput = Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode("SGCS\u0001"u8));

        Assert.Contains("smallest changeset", empty.Message, StringComparison.Ordinal);
        Assert.Equal(5, shortInput.Offset);
    }

    [Fact]
    public void Decode_rejects_bad_magic_at_offset_zero()
    {
        var bytes = ChangesetCodec.Encode(DocumentedExample());
        bytes[1] = (byte)'X';

        var error = Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(bytes));

        Assert.Equal(0, error.Offset);
        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(255)]
    public void Decode_rejects_other_format_versions_at_offset_four(byte version)
    {
        var bytes = ChangesetCodec.Encode(DocumentedExample());
        bytes[4] = version;

        var error = Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(RawChangeset.Reseal(bytes)));

        Assert.Equal(4, error.Offset);
        Assert.Contains($"format version is {version}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_rejects_every_truncation_of_a_valid_encoding()
    {
        var bytes = ChangesetCodec.Encode(Rich());

        for (var length = 0; length < bytes.Length; length++)
        {
            var error = Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(bytes.AsSpan(0, length)));
            Assert.InRange(error.Offset, 0, length);
        }
    }

    [Fact]
    public void Decode_rejects_every_truncation_of_the_body_even_with_a_valid_checksum()
    {
        var bytes = ChangesetCodec.Encode(Rich());
        var bodyLength = bytes.Length - 4;

        for (var length = 5; length < bodyLength; length++)
        {
            var truncated = RawChangeset.Seal(bytes.AsSpan(0, length));
            var error = Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(truncated));
            Assert.InRange(error.Offset, 5, length + 4);
            Assert.DoesNotContain("checksum is", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Decode_detects_every_single_bit_flip()
    {
        var bytes = ChangesetCodec.Encode(DocumentedExample());

        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var corrupted = (byte[])bytes.Clone();
            corrupted[bit / 8] ^= (byte)(1 << (bit % 8));
            var error = Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(corrupted));
            if (bit >= 5 * 8)
            {
                Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
                Assert.Equal(bytes.Length - 4, error.Offset);
            }
        }
    }

    [Fact]
    public void Decode_rejects_garbage_after_the_checksum()
    {
        byte[] bytes = [.. ChangesetCodec.Encode(DocumentedExample()), 0];

        var error = Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(bytes));

        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_rejects_extra_bytes_between_the_last_instruction_and_the_checksum()
    {
        var raw = RawChangeset.WithNames().VarUInt(0);
        var offset = raw.Length;

        var error = Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(raw.Bytes(0xAA, 0xBB).Sealed()));

        Assert.Equal(offset, error.Offset);
        Assert.Contains("2 unexpected bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x0D)]
    [InlineData(0xFF)]
    public void Decode_rejects_unknown_opcodes(byte opCode)
    {
        var raw = RawChangeset.WithNames("A").VarUInt(1);
        var offset = raw.Length;

        var error = Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(raw.Bytes(opCode, 0, 0, 0).Sealed()));

        Assert.Equal(offset, error.Offset);
        Assert.Contains($"unknown opcode 0x{opCode:X2}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x0C)]
    [InlineData(0x12)]
    [InlineData(0x80)]
    public void Decode_rejects_unknown_value_tags(byte tag)
    {
        var raw = RawChangeset.WithNames("A").VarUInt(1).Bytes(0x03, 0, 0, 0, 0);
        var offset = raw.Length;

        var error = Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(raw.Bytes(tag).Sealed()));

        Assert.Equal(offset, error.Offset);
        Assert.Contains($"0x{tag:X2} is not a known value tag", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x10)]
    [InlineData(0x11)]
    public void Decode_rejects_payload_tags_where_a_primary_key_is_expected(byte tag)
    {
        var raw = RawChangeset.WithNames("A").VarUInt(1).Bytes(0x01, 0);
        var offset = raw.Length;

        var error = Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(raw.Bytes(tag, 0, 0, 0).Sealed()));

        Assert.Equal(offset, error.Offset);
        Assert.Contains("payload-only tag", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ulong.MaxValue)]
    [InlineData((ulong)int.MaxValue + 1)]
    [InlineData(16UL * 1024 * 1024)]
    [InlineData(1000UL)]
    public void Decode_rejects_declared_lengths_beyond_the_data_without_allocating_them(ulong declared)
    {
        var strings = new RawChangeset().VarUInt(0).VarUInt(0).VarUInt(1).VarUInt(declared).Bytes(0x41, 0).Sealed();
        var data = RawChangeset.WithNames("A").VarUInt(1).Bytes(0x03, 0, 0, 0, 0, 0x05).VarUInt(declared).Bytes(1, 2, 3).Sealed();
        var instructions = RawChangeset.WithNames().VarUInt(declared).Bytes(0x01, 0, 0, 0).Sealed();
        var names = new RawChangeset().VarUInt(0).VarUInt(0).VarUInt(declared).Bytes(0x01, 0x41, 0).Sealed();
        var path = RawChangeset.WithNames("A").VarUInt(1).Bytes(0x01, 0, 0).VarUInt(declared).Bytes(0, 0).Sealed();

        foreach (var input in new[] { strings, data, instructions, names, path })
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(input));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Contains("declares", error.Message, StringComparison.Ordinal);
            Assert.True(allocated < 256 * 1024, $"decoding {input.Length} hostile bytes allocated {allocated} bytes");
        }
    }

    [Fact]
    public void Decode_rejects_string_indexes_outside_the_table()
    {
        var raw = RawChangeset.WithNames("A", "B").VarUInt(1).Bytes(0x01);
        var offset = raw.Length;

        var error = Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(raw.Bytes(2, 0, 0).Sealed()));

        Assert.Equal(offset, error.Offset);
        Assert.Contains("entry 2, but the table has 2 entries", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02 }, "does not fit in 64 bits")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x81, 0x00 }, "does not fit in 64 bits")]
    [InlineData(new byte[] { 0x80, 0x00 }, "redundant trailing zero")]
    [InlineData(new byte[] { 0x81, 0x80, 0x00 }, "redundant trailing zero")]
    public void Decode_rejects_oversized_and_non_canonical_varints(byte[] version, string expected)
    {
        var bytes = new RawChangeset().Bytes(version).VarUInt(0).VarUInt(0).VarUInt(0).Sealed();

        var error = Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(bytes));

        Assert.Equal(5, error.Offset);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xF0, 0x9F, 0x98 })]
    public void Decode_rejects_invalid_utf8_in_names_and_values(byte[] utf8)
    {
        var name = new RawChangeset().VarUInt(0).VarUInt(0).VarUInt(1).VarUInt((ulong)utf8.Length).Bytes(utf8).VarUInt(0).Sealed();
        var value = RawChangeset.WithNames("A").VarUInt(1).Bytes(0x03, 0, 0, 0, 0, 0x04).VarUInt((ulong)utf8.Length).Bytes(utf8).Sealed();

        Assert.Contains("not valid UTF-8", Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(name)).Message, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(value)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x001D0000u)]
    [InlineData(0x00000001u)]
    [InlineData(0x40000000u)]
    public void Decode_rejects_invalid_decimal_flags(uint flags)
    {
        var raw = RawChangeset.WithNames("A").VarUInt(1).Bytes(0x03, 0, 0, 0, 0, 0x09).Bytes(new byte[12])
            .Bytes((byte)flags, (byte)(flags >> 8), (byte)(flags >> 16), (byte)(flags >> 24));

        var error = Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(raw.Sealed()));

        Assert.Contains("Decimal", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, 841L)]
    [InlineData(0L, -841L)]
    [InlineData(-1L, 0L)]
    [InlineData(3_155_378_976_000_000_000L, 0L)]
    [InlineData(0L, -1L)]
    [InlineData(long.MaxValue, 840L)]
    public void Decode_rejects_dates_outside_the_range_of_DateTimeOffset(long utcTicks, long offsetMinutes)
    {
        var raw = RawChangeset.WithNames("A").VarUInt(1).Bytes(0x03, 0, 0, 0, 0, 0x06)
            .VarUInt((ulong)((utcTicks << 1) ^ (utcTicks >> 63))).VarUInt((ulong)((offsetMinutes << 1) ^ (offsetMinutes >> 63)));

        var error = Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(raw.Sealed()));

        Assert.Contains("Date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_rejects_unknown_path_flags_and_paths_deeper_than_the_maximum()
    {
        var flags = RawChangeset.WithNames("A").VarUInt(1).Bytes(0x01, 0, 0, 1, 0, 0x04).Sealed();
        var deep = RawChangeset.WithNames("A").VarUInt(1).Bytes(0x01, 0, 0).VarUInt(256);
        for (var i = 0; i < 256; i++)
        {
            deep.Bytes(0, 0);
        }

        Assert.Contains("path step flags 0x04", Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(flags)).Message, StringComparison.Ordinal);
        Assert.Contains("at most 255", Assert.Throws<ChangesetFormatException>(() => ChangesetCodec.Decode(deep.Sealed())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decoding_random_bytes_only_ever_throws_ChangesetFormatException()
    {
        var random = new Random(20240917);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length >= 5)
            {
                // Half get a valid header and checksum, so the parser itself is what sees the noise.
                "SGCS\u0001"u8.CopyTo(bytes);
                bytes = RawChangeset.Seal(bytes);
            }

            AssertDecodesOrThrowsFormatException(bytes);
        }
    }

    [Fact]
    public void Decoding_randomly_mutated_valid_encodings_only_ever_throws_ChangesetFormatException()
    {
        var random = new Random(7);
        var valid = ChangesetCodec.Encode(Rich());
        for (var i = 0; i < 3000; i++)
        {
            var bytes = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(5, bytes.Length - 4)] = (byte)random.Next(256);
            }

            AssertDecodesOrThrowsFormatException(RawChangeset.Reseal(bytes));
        }
    }

    private static void AssertDecodesOrThrowsFormatException(byte[] bytes)
    {
        try
        {
            ChangesetCodec.Decode(bytes);
        }
        catch (ChangesetFormatException error)
        {
            Assert.InRange(error.Offset, 0, bytes.Length);
        }
        catch (Exception other)
        {
            Assert.Fail($"Decoding {Convert.ToHexString(bytes)} threw {other}");
        }
    }
}
