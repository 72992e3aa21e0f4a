using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using SourceGenSync.Queries;

namespace SourceGenSync.Sync.Tests.Flexible;

/// <summary>Small pools of values with the edge cases that tell encodings apart, shared by objects and query arguments.</summary>
internal static class ValuePools
{
    public static readonly int[] Ints = [-2, -1, 0, 1, 2, 3, 5, 100, int.MaxValue, int.MinValue];

    public static readonly long[] Longs = [-2, 0, 1, 3, 5, 100, long.MaxValue, long.MinValue, 9_007_199_254_740_993];

    public static readonly float[] Floats = [0f, -0f, 0.1f, 1.5f, -2f, 3f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, 1e-45f];

    public static readonly double[] Doubles = [0, -0.0, 0.1, 1.5, 2, 3, -1.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, double.Epsilon, 9_007_199_254_740_993d];

    public static readonly decimal[] Decimals = [0m, 1.5m, 1.50m, -2m, 3m, 10m, 0.1m, 2.000m, decimal.MaxValue, decimal.MinValue, -0.0000001m, 0.00m];

    public static readonly string[] Strings =
        ["", "a", "A", "ab", "Ab", "abc", "b", "Straße", "STRASSE", "straße", "é", "É", "école", "ÉCOLE", "[x]", "a*b", "a?b", "x'y", "日本", "ǅ", "İstanbul", "ı", "I", "i"];

    public static readonly string[] Fragments =
        ["", "a", "A", "b", "ß", "SS", "É", "é", "[x]", "[", "*", "?", "a*", "*b", "a?b", "*e*", "?", "x'y", "日", "I", "ı", "İ", "ǆ", "STR*", "*ole"];

    public static readonly byte[][] Blobs = [[], [0], [1, 2], [255], [1, 2, 3], [1]];

    public static readonly DateTimeOffset[] Dates =
    [
        new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new(2020, 1, 1, 1, 0, 0, TimeSpan.FromHours(1)),
        new(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(-5)),
        new(2019, 12, 31, 23, 59, 59, TimeSpan.Zero),
        new(2020, 1, 1, 13, 30, 0, TimeSpan.FromMinutes(810)),
        new DateTimeOffset(2000, 2, 29, 12, 0, 0, TimeSpan.Zero).AddTicks(1),
        new(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero),
    ];

    public static readonly DateTime[] DateTimes =
    [
        new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        new(2020, 1, 1, 5, 0, 0, DateTimeKind.Utc),
        new(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc),
        new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1),
    ];

    public static readonly Guid[] Guids =
    [
        Guid.Empty,
        Guid.Parse("00000000-0000-0000-0000-000000000001"),
        Guid.Parse("01000000-0000-0000-0000-000000000000"),
        Guid.Parse("ffffffff-0000-0000-0000-000000000000"),
        Guid.Parse("00000000-0000-0000-ff00-000000000000"),
    ];

    public static readonly ObjectId[] ObjectIds =
    [
        ObjectId.Empty,
        new("000000000000000000000001"),
        new("010000000000000000000000"),
        new("ffffffff0000000000000000"),
    ];
}

/// <summary>Random query trees in the server's subset (and arguments of every type, some of them incompatible).</summary>
internal static class RandomQueries
{
    private enum Kind
    {
        Bool,
        Int,
        Float,
        Double,
        Decimal,
        String,
        Data,
        Date,
        DateTime,
        Guid,
        ObjectId,
    }

    private static readonly (string Name, Kind Kind, bool Nullable)[] Scalars =
    [
        ("_id", Kind.Int, false), ("Flag", Kind.Bool, false), ("MaybeFlag", Kind.Bool, true), ("Int", Kind.Int, false),
        ("MaybeLong", Kind.Int, true), ("Counter", Kind.Int, false), ("Float", Kind.Float, false), ("MaybeFloat", Kind.Float, true),
        ("Double", Kind.Double, false), ("MaybeDouble", Kind.Double, true), ("Decimal", Kind.Decimal, false),
        ("MaybeDecimal", Kind.Decimal, true), ("Text", Kind.String, false), ("MaybeText", Kind.String, true),
        ("MaybeData", Kind.Data, true), ("Date", Kind.Date, false), ("MaybeDate", Kind.Date, true),
        ("Timestamp", Kind.DateTime, false), ("Guid", Kind.Guid, false), ("MaybeGuid", Kind.Guid, true),
        ("ObjectId", Kind.ObjectId, false), ("MaybeObjectId", Kind.ObjectId, true),
    ];

    private static readonly (string Name, Kind Kind)[] Collections =
    [
        ("Tags", Kind.String), ("MaybeTags", Kind.String), ("Numbers", Kind.Int), ("Doubles", Kind.Double),
        ("Decimals", Kind.Decimal), ("Dates", Kind.Date), ("Guids", Kind.Guid), ("Blobs", Kind.Data),
    ];

    private static readonly ComparisonOperator[] Operators = Enum.GetValues<ComparisonOperator>();

    private static readonly StringOperator[] StringOperators = Enum.GetValues<StringOperator>();

    public static QueryNode Node(Random random, int depth)
    {
        var roll = random.Next(100);
        if (depth < 3 && roll < 30)
        {
            return random.Next(3) switch
            {
                0 => new AndNode(Node(random, depth + 1), Node(random, depth + 1)),
                1 => new OrNode(Node(random, depth + 1), Node(random, depth + 1)),
                _ => new NotNode(Node(random, depth + 1)),
            };
        }

        return random.Next(100) switch
        {
            < 3 => TruePredicate.Instance,
            < 5 => new NotNode(TruePredicate.Instance),
            < 75 => Leaf(random, Pick(random, Scalars) is var p ? PropertyPath.Of(p.Name) : null!, p.Kind),
            _ => Any(random),
        };
    }

    private static QueryNode Any(Random random)
    {
        var (name, kind) = Pick(random, Collections);
        return new CollectionAnyNode(PropertyPath.Of(name), Leaf(random, PropertyPath.Empty, kind));
    }

    private static QueryNode Leaf(Random random, PropertyPath path, Kind kind)
    {
        var roll = random.Next(100);
        if (kind == Kind.String && roll < 45)
        {
            var op = Pick(random, StringOperators);
            var pattern = random.Next(3) == 0 ? Pick(random, ValuePools.Strings) : Pick(random, ValuePools.Fragments);
            return new StringNode(path, op, pattern, CaseSensitive: random.Next(2) == 0);
        }

        if (roll < 70)
        {
            var op = kind == Kind.Data ? (random.Next(2) == 0 ? ComparisonOperator.Equal : ComparisonOperator.NotEqual) : Pick(random, Operators);
            return new ComparisonNode(path, op, Value(random, kind));
        }

        var values = ImmutableArray.CreateBuilder<RealmValue>();
        var count = random.Next(4);
        for (var i = 0; i < count; i++)
        {
            values.Add(Value(random, kind));
        }

        return new InNode(path, values.ToImmutable());
    }

    /// <summary>Mostly a value of the property's type (numbers of any number type), sometimes null, rarely another type.</summary>
    private static RealmValue Value(Random random, Kind kind)
    {
        var roll = random.Next(100);
        if (roll < 8)
        {
            return RealmValue.Null;
        }

        if (roll < 11)
        {
            kind = Pick(random, Enum.GetValues<Kind>());
        }

        return kind switch
        {
            Kind.Bool => random.Next(2) == 0,
            Kind.Int or Kind.Float or Kind.Double or Kind.Decimal => random.Next(4) switch
            {
                0 => Pick(random, ValuePools.Longs),
                1 => NotNaN(Pick(random, ValuePools.Floats)),
                2 => NotNaN(Pick(random, ValuePools.Doubles)),
                _ => Pick(random, ValuePools.Decimals),
            },
            Kind.String => Pick(random, ValuePools.Strings),
            Kind.Data => Pick(random, ValuePools.Blobs),
            Kind.Date => Pick(random, ValuePools.Dates),
            Kind.DateTime => random.Next(2) == 0 ? Pick(random, ValuePools.Dates) : new DateTimeOffset(Pick(random, ValuePools.DateTimes)),
            Kind.Guid => Pick(random, ValuePools.Guids),
            _ => Pick(random, ValuePools.ObjectIds),
        };
    }

    // A NaN argument cannot be bound by the local store and is refused by the server: not a meaningful comparison.
    private static RealmValue NotNaN(double value) => double.IsNaN(value) ? 0.5 : value;

    private static T Pick<T>(Random random, IReadOnlyList<T> pool) => pool[random.Next(pool.Count)];
}
