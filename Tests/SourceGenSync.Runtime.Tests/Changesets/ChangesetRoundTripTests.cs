using System;
using System.Collections.Immutable;
using SourceGenSync.Changesets;
using static SourceGenSync.Runtime.Tests.Changesets.ChangesetSamples;

namespace SourceGenSync.Runtime.Tests.Changesets;

public sealed class ChangesetRoundTripTests
{
    [Fact]
    public void Every_instruction_kind_round_trips()
    {
        var changeset = Rich();

        var decoded = RoundTrip(changeset);

        AssertEquivalent(changeset, decoded);
        var kinds = new System.Collections.Generic.HashSet<Type>();
        foreach (var instruction in decoded.Instructions)
        {
            kinds.Add(instruction.GetType());
        }

        Assert.Equal(12, kinds.Count);
    }

    [Theory]
    [MemberData(nameof(ValueNames), MemberType = typeof(ChangesetSamples))]
    public void Value_round_trips_as_field_value_list_element_set_member_and_dictionary_entry(string name)
    {
        var value = ChangesetSamples.Values[name];
        var changeset = new Changeset(1, 1,
        [
            new SetField(Person, "F", Payload.Of(value)),
            new ListInsert(Person, "L", 0, Payload.Of(value)),
            new ListSet(Person, "L", 0, Payload.Of(value)),
            new SetInsert(Person, "S", Payload.Of(value)),
            new SetErase(Person, "S", Payload.Of(value)),
            new DictionarySet(Person, "D", "k", Payload.Of(value)),
        ]);

        var decoded = RoundTrip(changeset);

        AssertEquivalent(changeset, decoded);
        Assert.Equal(value.Type, ((SetField)decoded.Instructions[0]).Value.Value.Type);
    }

    [Theory]
    [MemberData(nameof(ValueNames), MemberType = typeof(ChangesetSamples))]
    public void Value_round_trips_as_primary_key_and_link_target(string name)
    {
        var value = ChangesetSamples.Values[name];
        var target = ObjectRef.TopLevel("Thing", value);
        var changeset = new Changeset(1, 1, [new CreateObject(target), new SetField(Person, "Link", Payload.Link("Thing", value))]);

        var decoded = RoundTrip(changeset);

        AssertEquivalent(changeset, decoded);
        var link = ((SetField)decoded.Instructions[1]).Value;
        Assert.Equal(PayloadKind.Link, link.Kind);
        Assert.Equal("Thing", link.LinkClass);
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(1L, -1L)]
    [InlineData(long.MaxValue, long.MinValue)]
    [InlineData(long.MinValue, long.MaxValue)]
    [InlineData(987_654_321L, 1_700_000_000_000L << 16)]
    public void Version_and_timestamp_round_trip_across_the_whole_range(long version, long timestamp)
    {
        var decoded = RoundTrip(new Changeset(version, timestamp, []));

        Assert.Equal(version, decoded.Version);
        Assert.Equal(timestamp, decoded.Timestamp);
        Assert.Empty(decoded.Instructions);
    }

    [Fact]
    public void Counter_deltas_list_indexes_and_path_indexes_keep_extreme_values()
    {
        var path = new ObjectRef("P", 1, [new PathElement("L", long.MinValue), new PathElement("M", long.MaxValue)]);
        var changeset = new Changeset(1, 1,
        [
            new AddCounter(path, "C", long.MinValue),
            new AddCounter(path, "C", long.MaxValue),
            new ListInsert(path, "L", long.MaxValue, Payload.Of(1)),
            new ListErase(path, "L", -1),
        ]);

        AssertEquivalent(changeset, RoundTrip(changeset));
    }

    [Fact]
    public void Doubles_and_floats_keep_their_exact_bits()
    {
        double[] doubles = [-0.0, 0.0, double.NaN, -double.NaN, BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001), double.Epsilon, double.PositiveInfinity, double.NegativeInfinity];
        float[] floats = [-0.0f, float.NaN, BitConverter.Int32BitsToSingle(0x7FC0_1234), float.Epsilon, float.NegativeInfinity];
        var instructions = new System.Collections.Generic.List<Instruction>();
        foreach (var d in doubles)
        {
            instructions.Add(new SetField(Person, "D", Payload.Of(d)));
        }

        foreach (var f in floats)
        {
            instructions.Add(new SetField(Person, "F", Payload.Of(f)));
        }

        var decoded = RoundTrip(new Changeset(1, 1, instructions));

        for (var i = 0; i < doubles.Length; i++)
        {
            var read = ((SetField)decoded.Instructions[i]).Value.Value.AsDouble();
            Assert.Equal(BitConverter.DoubleToInt64Bits(doubles[i]), BitConverter.DoubleToInt64Bits(read));
        }

        for (var i = 0; i < floats.Length; i++)
        {
            var read = ((SetField)decoded.Instructions[doubles.Length + i]).Value.Value.AsFloat();
            Assert.Equal(BitConverter.SingleToInt32Bits(floats[i]), BitConverter.SingleToInt32Bits(read));
        }
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.00")]
    [InlineData("-0.000")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-7.9228162514264337593543950335")]
    public void Decimals_keep_their_scale_and_sign(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        var decoded = RoundTrip(new Changeset(1, 1, [new SetField(Person, "M", Payload.Of(value))]));

        var read = ((SetField)decoded.Instructions[0]).Value.Value.AsDecimal();
        Assert.Equal(decimal.GetBits(value), decimal.GetBits(read));
    }

    [Fact]
    public void Dates_keep_their_offset_and_the_extremes_of_the_range()
    {
        DateTimeOffset[] dates =
        [
            DateTimeOffset.MinValue,
            DateTimeOffset.MaxValue,
            new(1, 1, 1, 14, 0, 0, TimeSpan.FromHours(14)),
            new(9999, 12, 31, 9, 59, 59, TimeSpan.FromHours(-14)),
            new(2024, 9, 30, 23, 15, 1, 123, TimeSpan.FromMinutes(345)),
        ];
        var instructions = new System.Collections.Generic.List<Instruction>();
        foreach (var date in dates)
        {
            instructions.Add(new SetField(Person, "When", Payload.Of(date)));
        }

        var decoded = RoundTrip(new Changeset(1, 1, instructions));

        for (var i = 0; i < dates.Length; i++)
        {
            var read = ((SetField)decoded.Instructions[i]).Value.Value.AsDate();
            Assert.Equal(dates[i].UtcTicks, read.UtcTicks);
            Assert.Equal(dates[i].Offset, read.Offset);
        }
    }

    [Fact]
    public void Large_data_and_long_strings_round_trip()
    {
        var data = new byte[1_000_003];
        new Random(17).NextBytes(data);
        var text = new string('é', 300_000) + "👋";

        var decoded = RoundTrip(new Changeset(1, 1, [new SetField(Person, "Blob", Payload.Of(data)), new DictionarySet(Person, "D", text, Payload.Of(text))]));

        Assert.Equal(data, ((SetField)decoded.Instructions[0]).Value.Value.AsData());
        var entry = (DictionarySet)decoded.Instructions[1];
        Assert.Equal(text, entry.Key);
        Assert.Equal(text, entry.Value.Value.AsString());
    }

    [Fact]
    public void Unicode_and_empty_names_and_keys_round_trip()
    {
        var target = new ObjectRef("Ünïcødé_类", "", [new PathElement("", Key: ""), new PathElement("Ω", Key: "🔑")]);
        var changeset = new Changeset(1, 1,
        [
            new DictionarySet(target, "字段", "", Payload.Link("Ünïcødé_类", "")),
            new DictionaryErase(target, "", "ключ"),
        ]);

        AssertEquivalent(changeset, RoundTrip(changeset));
    }

    [Fact]
    public void Embedded_paths_keep_indexes_keys_both_and_neither()
    {
        var target = new ObjectRef("Person", 7,
        [
            new PathElement("Home"),
            new PathElement("Rooms", Index: 0),
            new PathElement("Furniture", Key: "sofa"),
            new PathElement("Odd", Index: 3, Key: "both"),
            new PathElement("Rooms", Index: 1_000_000_000_000),
        ]);
        var changeset = new Changeset(1, 1, [new SetField(target, "Color", Payload.Of("red")), new SetField(target, "Cushion", Payload.NewEmbedded)]);

        var decoded = RoundTrip(changeset);

        AssertEquivalent(changeset, decoded);
        var path = decoded.Instructions[0].Object.Path;
        Assert.Equal<PathElement>(target.Path, path);
        Assert.Equal(new PathElement("Odd", 3, "both"), path[3]);
    }

    [Fact]
    public void Deepest_allowed_path_round_trips()
    {
        var steps = new PathElement[255];
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = new PathElement("Child", Index: i);
        }

        var changeset = new Changeset(1, 1, [new SetField(new ObjectRef("Tree", 1, [.. steps]), "Leaf", Payload.Of(true))]);

        AssertEquivalent(changeset, RoundTrip(changeset));
    }

    [Fact]
    public void Default_path_decodes_as_an_empty_path()
    {
        var target = new ObjectRef("Person", 1, default);

        var decoded = RoundTrip(new Changeset(1, 1, [new CreateObject(target)]));

        var path = decoded.Instructions[0].Object.Path;
        Assert.False(path.IsDefault);
        Assert.True(path.IsEmpty);
        Assert.False(decoded.Instructions[0].Object.IsEmbedded);
    }

    [Fact]
    public void Decoded_names_are_shared_string_instances()
    {
        var decoded = RoundTrip(Rich());

        Assert.Same(decoded.Instructions[0].Object.Class, decoded.Instructions[5].Object.Class);
        Assert.Same(((ListSet)decoded.Instructions[13]).Field, ((ListErase)decoded.Instructions[14]).Field);
    }

    [Fact]
    public void Bulk_changeset_of_many_objects_round_trips()
    {
        var instructions = new Instruction[50_000];
        for (var i = 0; i < instructions.Length; i += 5)
        {
            var item = ObjectRef.TopLevel("Item", i);
            instructions[i] = new CreateObject(item);
            instructions[i + 1] = new SetField(item, "Name", Payload.Of("item " + i));
            instructions[i + 2] = new SetField(item, "Price", Payload.Of(i * 0.25m));
            instructions[i + 3] = new SetField(item, "Owner", Payload.Link("Person", i % 10));
            instructions[i + 4] = new ListInsert(item, "Tags", 0, Payload.Of("t"));
        }

        var changeset = new Changeset(9, 9, instructions);
        var bytes = ChangesetCodec.Encode(changeset);

        AssertEquivalent(changeset, ChangesetCodec.Decode(bytes));
        // About 15 bytes per instruction, most of it the values themselves (a decimal alone takes 17).
        Assert.True(bytes.Length < instructions.Length * 16, $"{bytes.Length} bytes for {instructions.Length} instructions");
    }

    [Fact]
    public void ImmutableArray_paths_built_differently_compare_equal_after_decoding()
    {
        var target = new ObjectRef("A", 1, ImmutableArray.Create(new PathElement("B", 1)));

        var decoded = RoundTrip(new Changeset(1, 1, [new EraseObject(target)]));

        Assert.Equal(new EraseObject(target), decoded.Instructions[0]);
    }
}
