using System;
using System.Buffers;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Tasks;
using SourceGenSync.Changesets;
using static SourceGenSync.Runtime.Tests.Changesets.ChangesetSamples;

namespace SourceGenSync.Runtime.Tests.Changesets;

public sealed class ChangesetEncodingTests
{
    [Fact]
    public void Documented_example_encodes_to_the_documented_bytes()
    {
        var bytes = ChangesetCodec.Encode(DocumentedExample());

        Assert.Equal(DocumentedExampleHex, Convert.ToHexString(bytes));
    }

    [Fact]
    public void Documented_example_bytes_decode_to_the_documented_changeset()
    {
        var decoded = ChangesetCodec.Decode(Convert.FromHexString(DocumentedExampleHex));

        AssertEquivalent(DocumentedExample(), decoded);
    }

    [Fact]
    public void Format_document_shows_the_example_bytes_the_tests_check()
    {
        var document = File.ReadAllText(FindFormatDocument());
        var hexOnly = new StringBuilder();
        foreach (var c in document)
        {
            if (!char.IsWhiteSpace(c))
            {
                hexOnly.Append(char.ToUpperInvariant(c));
            }
        }

        Assert.Contains(DocumentedExampleHex, hexOnly.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Encoding_is_deterministic_for_equal_changesets_built_from_different_instances()
    {
        var first = ChangesetCodec.Encode(Rich());
        ChangesetCodec.Encode(DocumentedExample());
        var second = ChangesetCodec.Encode(Rich());
        var copied = ChangesetCodec.Encode(ChangesetCodec.Decode(first));

        Assert.Equal(first, second);
        Assert.Equal(first, copied);
    }

    [Fact]
    public void Encoding_on_many_threads_at_once_gives_the_same_bytes()
    {
        var expected = ChangesetCodec.Encode(Rich());
        var results = new byte[64][];

        Parallel.For(0, results.Length, i => results[i] = ChangesetCodec.Encode(Rich()));

        Assert.All(results, bytes => Assert.Equal(expected, bytes));
    }

    [Fact]
    public void Repeated_names_are_stored_once_in_the_string_table()
    {
        var instructions = new Instruction[1000];
        for (var i = 0; i < instructions.Length; i++)
        {
            instructions[i] = new SetField(ObjectRef.TopLevel("AVeryLongClassNameIndeed", i), "AnEquallyLongFieldName", Payload.Link("AVeryLongClassNameIndeed", i));
        }

        var bytes = ChangesetCodec.Encode(new Changeset(1, 1, instructions));

        Assert.Equal(1, CountOccurrences(bytes, "AVeryLongClassNameIndeed"u8));
        Assert.Equal(1, CountOccurrences(bytes, "AnEquallyLongFieldName"u8));
        // Opcode, two names, two Int keys, path, tags: 12 bytes, of which each name costs one.
        Assert.True(bytes.Length < 13 * instructions.Length, $"{bytes.Length} bytes");
    }

    [Fact]
    public void EncodeTo_appends_the_same_bytes_as_Encode_and_returns_their_count()
    {
        var changeset = Rich();
        var expected = ChangesetCodec.Encode(changeset);
        var writer = new ArrayBufferWriter<byte>();
        writer.Write(new byte[] { 9, 9, 9 });

        var written = ChangesetCodec.EncodeTo(writer, changeset);

        Assert.Equal(expected.Length, written);
        Assert.Equal([9, 9, 9, .. expected], writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void EncodeTo_works_with_a_writer_that_hands_out_small_spans()
    {
        var changeset = Rich();
        var writer = new SmallSpanWriter(7);

        var written = ChangesetCodec.EncodeTo(writer, changeset);

        Assert.Equal(ChangesetCodec.Encode(changeset), writer.Written.ToArray());
        Assert.Equal(written, (int)writer.Written.Length);
    }

    [Fact]
    public void Crc32C_matches_the_standard_check_value_and_the_hardware_path_matches_the_table()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0xE3069283u, Crc32C.ComputeSoftware("123456789"u8));
        Assert.Equal(0u, Crc32C.Compute([]));

        var random = new Random(5);
        for (var length = 0; length < 300; length += 7)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(Crc32C.ComputeSoftware(data), Crc32C.Compute(data));
            Assert.Equal(Crc32C.Compute(data), Crc32C.Finish(Crc32C.Append(Crc32C.Append(Crc32C.Start, data.AsSpan(0, length / 3)), data.AsSpan(length / 3))));
        }
    }

    public static TheoryData<string> InvalidChangesets() => ["null class", "null field", "null key", "null path property", "object value", "object key",
        "link without class", "value with link class", "embedded with value", "unknown payload kind", "lone surrogate", "long name", "too deep", "custom instruction", "null instruction"];

    [Theory]
    [MemberData(nameof(InvalidChangesets))]
    public void Encode_rejects_what_the_format_cannot_represent_and_recovers(string problem)
    {
        Instruction instruction = problem switch
        {
            "null class" => new CreateObject(ObjectRef.TopLevel(null!, 1)),
            "null field" => new SetField(Person, null!, Payload.Of(1)),
            "null key" => new DictionaryErase(Person, "D", null!),
            "null path property" => new CreateObject(new ObjectRef("P", 1, [new PathElement(null!)])),
            "object value" => new SetField(Person, "F", Payload.Of(RealmValue.CreateObject(new object()))),
            "object key" => new CreateObject(ObjectRef.TopLevel("P", RealmValue.CreateObject(new object()))),
            "link without class" => new SetField(Person, "F", new Payload(PayloadKind.Link, 1)),
            "value with link class" => new SetField(Person, "F", new Payload(PayloadKind.Value, 1, "Dog")),
            "embedded with value" => new SetField(Person, "F", new Payload(PayloadKind.NewEmbedded, 1)),
            "unknown payload kind" => new SetField(Person, "F", new Payload((PayloadKind)9, 1)),
            "lone surrogate" => new SetField(Person, "F", Payload.Of("a\uD800b")),
            "long name" => new SetField(Person, new string('x', 1025), Payload.Of(1)),
            "too deep" => new CreateObject(new ObjectRef("P", 1, [.. Array.ConvertAll(new int[256], i => new PathElement("C", i))])),
            "custom instruction" => new CustomInstruction(Person),
            _ => null!,
        };
        var changeset = new Changeset(1, 1, [new CreateObject(Person), instruction]);

        var error = Assert.ThrowsAny<ArgumentException>(() => ChangesetCodec.Encode(changeset));

        Assert.Contains("instruction 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(ChangesetCodec.Encode(Rich()), ChangesetCodec.Encode(Rich()));
        Assert.Equal(DocumentedExampleHex, Convert.ToHexString(ChangesetCodec.Encode(DocumentedExample())));
    }

    [Fact]
    public void Encode_rejects_data_larger_than_the_format_maximum()
    {
        var changeset = new Changeset(1, 1, [new SetField(Person, "Blob", Payload.Of(new byte[(16 * 1024 * 1024) + 1]))]);

        var error = Assert.Throws<ArgumentException>(() => ChangesetCodec.Encode(changeset));

        Assert.Contains("16777216", error.Message, StringComparison.Ordinal);
    }

    private static int CountOccurrences(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle)
    {
        var count = 0;
        int index;
        while ((index = haystack.IndexOf(needle)) >= 0)
        {
            count++;
            haystack = haystack[(index + needle.Length)..];
        }

        return count;
    }

    private static string FindFormatDocument([CallerFilePath] string sourceFile = "")
    {
        // The source path works in local builds; walking up from the output folder covers path-mapped CI builds.
        foreach (var start in new[] { Path.GetDirectoryName(sourceFile), AppContext.BaseDirectory })
        {
            for (var directory = start; !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
            {
                var candidate = Path.Combine(directory, "docs", "changesets.md");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException("docs/changesets.md was not found above the test's source or output folder.");
    }

    private sealed record CustomInstruction(ObjectRef Object) : Instruction(Object);

    private sealed class SmallSpanWriter(int spanSize) : IBufferWriter<byte>
    {
        private readonly ArrayBufferWriter<byte> _inner = new();

        public ReadOnlyMemory<byte> Written => _inner.WrittenMemory;

        public void Advance(int count) => _inner.Advance(count);

        public Memory<byte> GetMemory(int sizeHint = 0) => _inner.GetMemory(spanSize)[..spanSize];

        public Span<byte> GetSpan(int sizeHint = 0) => _inner.GetSpan(spanSize)[..spanSize];
    }
}
