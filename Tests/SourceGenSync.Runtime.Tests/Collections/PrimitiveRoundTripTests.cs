using System;
using System.Collections.Generic;
using System.Linq;

namespace SourceGenSync.Runtime.Tests.Collections;

/// <summary>Every primitive element type survives a list, set or dictionary, in the same realm and after reopening the file.</summary>
public sealed class PrimitiveRoundTripTests : IDisposable
{
    private readonly TempRealm _temp = new();

    public void Dispose() => _temp.Dispose();

    private void RoundTrip<T>(Func<CollHolder, IList<T>> list, T[] values, IEqualityComparer<T>? comparer = null)
    {
        comparer ??= EqualityComparer<T>.Default;
        var realm = _temp.Open();
        realm.Write(() =>
        {
            var holder = realm.Add(new CollHolder { Id = "h" });
            foreach (var value in values)
            {
                list(holder).Add(value);
            }
        });

        Assert.Equal(values, list(realm.Find<CollHolder>("h")!), comparer);
        realm.Dispose();

        var reopened = _temp.Open();
        var read = list(reopened.Find<CollHolder>("h")!);
        Assert.Equal(values.Length, read.Count);
        Assert.Equal(values, read, comparer);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], read[i], comparer);
        }
    }

    [Fact]
    public void List_of_bool_round_trips() => RoundTrip(h => h.Bools, [true, false, true]);

    [Fact]
    public void List_of_byte_short_and_long_round_trip()
    {
        RoundTrip<byte>(h => h.Bytes, [0, 1, 255]);
        var realm = _temp.Open();
        realm.Write(() =>
        {
            var holder = realm.Find<CollHolder>("h")!;
            holder.Shorts.Add(short.MinValue);
            holder.Shorts.Add(short.MaxValue);
            holder.Longs.Add(long.MinValue);
            holder.Longs.Add(long.MaxValue);
        });
        var found = _temp.Open().Find<CollHolder>("h")!;
        Assert.Equal([short.MinValue, short.MaxValue], found.Shorts);
        Assert.Equal([long.MinValue, long.MaxValue], found.Longs);
    }

    [Fact]
    public void List_of_int_round_trips() => RoundTrip(h => h.Ints, [int.MinValue, -1, 0, 42, int.MaxValue]);

    [Fact]
    public void List_of_nullable_int_keeps_nulls() => RoundTrip(h => h.NullableInts, [1, null, 3, null]);

    [Fact]
    public void List_of_nullable_bool_keeps_nulls() => RoundTrip(h => h.NullableBools, [true, null, false]);

    [Fact]
    public void List_of_float_and_double_round_trip()
    {
        RoundTrip(h => h.Floats, [1.5f, float.MaxValue, -0.25f, float.Epsilon]);
        var realm = _temp.Open();
        realm.Write(() => realm.Find<CollHolder>("h")!.Doubles.Add(Math.PI));
        Assert.Equal(Math.PI, _temp.Open().Find<CollHolder>("h")!.Doubles[0]);
    }

    [Fact]
    public void List_of_decimal_keeps_full_precision() => RoundTrip(h => h.Decimals, [1.25m, decimal.MaxValue, 0.0000000000000000000000000001m, -3m]);

    [Fact]
    public void List_of_string_round_trips() => RoundTrip(h => h.Strings, ["", "hello", "ünïcödé 😀", new string('x', 10_000)]);

    [Fact]
    public void List_of_nullable_string_keeps_nulls() => RoundTrip(h => h.NullableStrings, ["a", null, "c"]);

    [Fact]
    public void List_of_byte_arrays_round_trips() => RoundTrip(h => h.Blobs, [[], [1, 2, 3], [255]], new BytesComparer());

    [Fact]
    public void List_of_DateTimeOffset_keeps_the_offset()
    {
        var values = new[] { new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(-5)), DateTimeOffset.MinValue, new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        RoundTrip(h => h.Dates, values);
        var read = _temp.Open().Find<CollHolder>("h")!.Dates;
        Assert.Equal(TimeSpan.FromHours(-5), read[0].Offset);
    }

    [Fact]
    public void List_of_DateTime_preserves_the_kind_under_PreserveKind()
    {
        var values = new[] { new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified), new DateTime(1999, 12, 31, 0, 0, 0, DateTimeKind.Local) };
        RoundTrip(h => h.Timestamps, values);
        var read = _temp.Open().Find<CollHolder>("h")!.Timestamps;
        Assert.Equal([DateTimeKind.Utc, DateTimeKind.Unspecified, DateTimeKind.Local], read.Select(d => d.Kind));
    }

    [Fact]
    public void List_of_Guid_and_nullable_Guid_round_trip()
    {
        RoundTrip(h => h.Guids, [Guid.NewGuid(), Guid.Empty, Guid.NewGuid()]);
        var realm = _temp.Open();
        var guid = Guid.NewGuid();
        realm.Write(() =>
        {
            var list = realm.Find<CollHolder>("h")!.NullableGuids;
            list.Add(guid);
            list.Add(null);
        });
        Assert.Equal([guid, null], _temp.Open().Find<CollHolder>("h")!.NullableGuids);
    }

    [Fact]
    public void List_of_ObjectId_round_trips() => RoundTrip(h => h.ObjectIds, [ObjectId.GenerateNewId(), ObjectId.GenerateNewId()]);

    [Fact]
    public void List_of_RealmValue_keeps_each_value_type() =>
        RoundTrip(h => h.Mixed, [RealmValue.Null, 1L, true, "text", new byte[] { 9, 8 }, 1.5d, 2.5f, 3.25m, Guid.NewGuid(), ObjectId.GenerateNewId(), new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)]);

    [Fact]
    public void List_of_enums_stores_the_underlying_values()
    {
        RoundTrip(h => h.Moods, [CollMood.Loud, CollMood.Calm, CollMood.Busy]);
        var realm = _temp.Open();
        realm.Write(() =>
        {
            var holder = realm.Find<CollHolder>("h")!;
            holder.Sizes.Add(CollSize.Large);
            holder.Sizes.Add(CollSize.Small);
            holder.MaybeMoods.Add(null);
            holder.MaybeMoods.Add(CollMood.Loud);
        });
        var found = _temp.Open().Find<CollHolder>("h")!;
        Assert.Equal([CollSize.Large, CollSize.Small], found.Sizes);
        Assert.Equal([null, CollMood.Loud], found.MaybeMoods);
        Assert.Equal(300, _temp.Count("SELECT value FROM \"class_CollHolder.Moods\" WHERE position = 0"));
    }

    [Fact]
    public void Set_of_each_primitive_type_round_trips()
    {
        var guid = Guid.NewGuid();
        var date = new DateTimeOffset(2020, 2, 2, 2, 2, 2, TimeSpan.FromHours(3));
        var realm = _temp.Open();
        realm.Write(() =>
        {
            var holder = realm.Add(new CollHolder { Id = "h" });
            holder.IntSet.Add(3);
            holder.StringSet.Add("s");
            holder.GuidSet.Add(guid);
            holder.BlobSet.Add([1, 2]);
            holder.DecimalSet.Add(10.5m);
            holder.DateSet.Add(date);
            holder.MixedSet.Add("m");
            holder.MoodSet.Add(CollMood.Loud);
        });
        realm.Dispose();

        var found = _temp.Open().Find<CollHolder>("h")!;
        Assert.Equal([3], found.IntSet);
        Assert.Equal(["s"], found.StringSet);
        Assert.Equal([guid], found.GuidSet);
        Assert.Equal([1, 2], Assert.Single(found.BlobSet));
        Assert.Equal([10.5m], found.DecimalSet);
        Assert.Equal(date.Offset, Assert.Single(found.DateSet).Offset);
        Assert.Equal("m", Assert.Single(found.MixedSet).AsString());
        Assert.Equal([CollMood.Loud], found.MoodSet);
    }

    [Fact]
    public void Dictionary_of_each_value_type_round_trips()
    {
        var id = ObjectId.GenerateNewId();
        var stamp = new DateTime(2024, 3, 4, 5, 6, 7, DateTimeKind.Local);
        var realm = _temp.Open();
        realm.Write(() =>
        {
            var holder = realm.Add(new CollHolder { Id = "h" });
            holder.IntMap["one"] = 1;
            holder.StringMap["nothing"] = null;
            holder.StringMap["some"] = "thing";
            holder.DoubleMap["pi"] = Math.PI;
            holder.TimestampMap["t"] = stamp;
            holder.ObjectIdMap["id"] = id;
            holder.MixedMap["n"] = 5L;
            holder.MixedMap["s"] = "five";
        });
        realm.Dispose();

        var found = _temp.Open().Find<CollHolder>("h")!;
        Assert.Equal(1, found.IntMap["one"]);
        Assert.Null(found.StringMap["nothing"]);
        Assert.Equal("thing", found.StringMap["some"]);
        Assert.Equal(Math.PI, found.DoubleMap["pi"]);
        Assert.Equal(stamp, found.TimestampMap["t"]);
        Assert.Equal(DateTimeKind.Local, found.TimestampMap["t"].Kind);
        Assert.Equal(id, found.ObjectIdMap["id"]);
        Assert.Equal(RealmValueType.Int, found.MixedMap["n"].Type);
        Assert.Equal("five", found.MixedMap["s"].AsString());
    }

    [Fact]
    public void Unmanaged_collections_are_copied_in_when_the_owner_is_added()
    {
        var realm = _temp.Open();
        var holder = new CollHolder { Id = "h" };
        holder.Ints.Add(1);
        holder.Ints.Add(2);
        holder.StringSet.Add("x");
        holder.IntMap["k"] = 7;
        realm.Write(() => realm.Add(holder));

        Assert.Equal([1, 2], holder.Ints);
        Assert.Equal(["x"], holder.StringSet);
        Assert.Equal(7, holder.IntMap["k"]);
        Assert.IsAssignableFrom<IRealmCollection<int>>(holder.Ints);
    }

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
