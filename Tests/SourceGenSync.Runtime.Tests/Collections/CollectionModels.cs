using System;
using System.Collections.Generic;

namespace SourceGenSync.Runtime.Tests.Collections;

public enum CollMood
{
    Calm = 1,
    Busy = 2,
    Loud = 300,
}

public enum CollSize : byte
{
    Small = 1,
    Large = 250,
}

/// <summary>Owns one collection of every element type the generator supports.</summary>
[RealmObject]
[DateTimeKindPolicy(DateTimeKindPolicy.PreserveKind)]
public partial class CollHolder
{
    [PrimaryKey]
    public partial string Id { get; set; }

    public partial IList<bool> Bools { get; }

    public partial IList<byte> Bytes { get; }

    public partial IList<short> Shorts { get; }

    public partial IList<int> Ints { get; }

    public partial IList<long> Longs { get; }

    public partial IList<int?> NullableInts { get; }

    public partial IList<bool?> NullableBools { get; }

    public partial IList<float> Floats { get; }

    public partial IList<double> Doubles { get; }

    public partial IList<decimal> Decimals { get; }

    public partial IList<string> Strings { get; }

    public partial IList<string?> NullableStrings { get; }

    public partial IList<byte[]> Blobs { get; }

    public partial IList<DateTimeOffset> Dates { get; }

    public partial IList<DateTime> Timestamps { get; }

    public partial IList<Guid> Guids { get; }

    public partial IList<Guid?> NullableGuids { get; }

    public partial IList<ObjectId> ObjectIds { get; }

    public partial IList<RealmValue> Mixed { get; }

    public partial IList<CollMood> Moods { get; }

    public partial IList<CollMood?> MaybeMoods { get; }

    public partial IList<CollSize> Sizes { get; }

    public partial IList<CollItem> Items { get; }

    public partial IList<CollNote> Notes { get; }

    public partial IList<CollPart> Parts { get; }

    public partial ISet<int> IntSet { get; }

    public partial ISet<string> StringSet { get; }

    public partial ISet<Guid> GuidSet { get; }

    public partial ISet<byte[]> BlobSet { get; }

    public partial ISet<decimal> DecimalSet { get; }

    public partial ISet<DateTimeOffset> DateSet { get; }

    public partial ISet<RealmValue> MixedSet { get; }

    public partial ISet<CollMood> MoodSet { get; }

    public partial ISet<CollItem> ItemSet { get; }

    public partial IDictionary<string, int> IntMap { get; }

    public partial IDictionary<string, string?> StringMap { get; }

    public partial IDictionary<string, double> DoubleMap { get; }

    public partial IDictionary<string, DateTime> TimestampMap { get; }

    public partial IDictionary<string, ObjectId> ObjectIdMap { get; }

    public partial IDictionary<string, RealmValue> MixedMap { get; }

    public partial IDictionary<string, CollItem?> ItemMap { get; }

    public partial IDictionary<string, CollPart?> PartMap { get; }
}

/// <summary>A link target with an integer primary key.</summary>
[RealmObject]
public partial class CollItem
{
    [PrimaryKey]
    public partial int Id { get; set; }

    public partial string Name { get; set; }
}

/// <summary>A link target without a primary key (links store its row key).</summary>
[RealmObject]
public partial class CollNote
{
    public partial string Text { get; set; }
}

/// <summary>An embedded element with its own collection and link.</summary>
[EmbeddedObject]
public partial class CollPart
{
    public partial string Label { get; set; }

    public partial int Size { get; set; }

    public partial IList<string> Tags { get; }

    public partial CollItem? Item { get; set; }
}
