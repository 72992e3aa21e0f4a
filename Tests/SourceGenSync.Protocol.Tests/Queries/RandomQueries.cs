using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using SourceGenSync.Queries;

namespace SourceGenSync.Protocol.Tests.Queries;

/// <summary>Seeded random query trees over every node type and every value type (except object links).</summary>
internal sealed class RandomQueries(int seed)
{
    // Property names that are keywords elsewhere in the grammar: they must still work as properties.
    private static readonly string[] TrickyNames =
        ["text", "in", "and", "or", "AND", "true", "null", "False", "like", "contains", "count", "self", "x", "_", "a1", "IN"];

    private readonly Random _random = new(seed);

    public QueryNode Node(int maxHeight, bool inSubquery = false)
    {
        var choice = maxHeight == 0 ? _random.Next(8) : _random.Next(12);
        return choice switch
        {
            0 => TruePredicate.Instance,
            1 => new ComparisonNode(Path(inSubquery), Pick(Enum.GetValues<ComparisonOperator>()), Value()),
            2 => new StringNode(Path(inSubquery), Pick(Enum.GetValues<StringOperator>()), Text(), _random.Next(2) == 0),
            3 => new FullTextNode(Path(inSubquery), Text()),
            4 => new InNode(Path(inSubquery), [.. Enumerable.Range(0, _random.Next(5)).Select(_ => Value())]),
            5 => new CollectionCountNode(Path(inSubquery), Pick(Enum.GetValues<ComparisonOperator>()), Long()),
            6 => new DictionaryContainsKeyNode(Path(inSubquery), Text()),
            7 => new ComparisonNode(Path(inSubquery), ComparisonOperator.Equal, RealmValue.Null),
            8 => new AndNode(Node(maxHeight - 1, inSubquery), Node(maxHeight - 1, inSubquery)),
            9 => new OrNode(Node(maxHeight - 1, inSubquery), Node(maxHeight - 1, inSubquery)),
            10 => new NotNode(Node(maxHeight - 1, inSubquery)),
            _ => new CollectionAnyNode(Path(inSubquery), Node(maxHeight - 1, inSubquery: true)),
        };
    }

    public RealmValue Value() => _random.Next(12) switch
    {
        0 => RealmValue.Null,
        1 => Long(),
        2 => _random.Next(2) == 0,
        3 => Text(),
        4 => RandomBytes(_random.Next(6)),
        5 => new DateTimeOffset(_random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay), TimeSpan.FromMinutes(_random.Next(-840, 841))),
        6 => (float)(_random.NextDouble() * 1e6 - 5e5),
        7 => _random.Next(4) == 0 ? Pick([double.NaN, double.PositiveInfinity, -0.0, double.Epsilon]) : _random.NextDouble() * 1e12,
        8 => new decimal(_random.Next(), _random.Next(), _random.Next(), _random.Next(2) == 0, (byte)_random.Next(29)),
        9 => new ObjectId(RandomBytes(12)),
        10 => new Guid(RandomBytes(16)),
        _ => long.MinValue + _random.Next(3),
    };

    public string Text()
    {
        var length = _random.Next(8);
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            builder.Append(Pick(["a", "Z", " ", "'", "\"", "\\", "$", "\n", "é", "😀", "0", "*", "?", ".", "\t", "\0"]));
        }

        return builder.ToString();
    }

    private PropertyPath Path(bool inSubquery)
    {
        // The empty path is the collection element; the top level may use it too (it formats as @self).
        if (_random.Next(inSubquery ? 4 : 20) == 0)
        {
            return PropertyPath.Empty;
        }

        return PropertyPath.Of([.. Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => Name())]);
    }

    private string Name()
    {
        if (_random.Next(4) == 0)
        {
            return Pick(TrickyNames);
        }

        const string first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
        const string rest = first + "0123456789";
        var builder = new StringBuilder().Append(first[_random.Next(first.Length)]);
        for (var i = _random.Next(10); i > 0; i--)
        {
            builder.Append(rest[_random.Next(rest.Length)]);
        }

        return builder.ToString();
    }

    private long Long() => _random.Next(3) switch
    {
        0 => _random.Next(-5, 5),
        1 => _random.NextInt64(long.MinValue, long.MaxValue),
        _ => long.MaxValue,
    };

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    public ImmutableArray<RealmValue> Values(int count) => [.. Enumerable.Range(0, count).Select(_ => Value())];
}
