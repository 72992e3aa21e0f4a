using System;
using BenchmarkDotNet.Attributes;
using SourceGenSync.Benchmarks.Models;
using SourceGenSync.Queries;

namespace SourceGenSync.Benchmarks;

/// <summary>Building a typed query's AST from generated fields, and formatting it to the sync text form.</summary>
[MemoryDiagnoser]
public class QueryBuildingBenchmarks
{
    private static readonly DateTimeOffset Due = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly BenchTodo.Fields<BenchTodo> _fields = new(PropertyPath.Empty);
    private QueryNode _node = TruePredicate.Instance;

    [GlobalSetup]
    public void Setup() => _node = BuildFilter().Node;

    [Benchmark]
    public QueryFilter<BenchTodo> BuildFilter() =>
        (_fields.Priority >= 3 & _fields.Title.Contains("milk", caseSensitive: false))
        | (_fields.Owner.Name == "alice" & _fields.DueAt < Due);

    [Benchmark]
    public QueryFilter<BenchTodo> BuildFilterWithFreshFields()
    {
        var f = new BenchTodo.Fields<BenchTodo>(PropertyPath.Empty);
        return f.Priority.In(1, 2, 3) & f.Owner.Name.StartsWith("a");
    }

    [Benchmark]
    public FormattedQuery FormatText() => QueryText.Format(_node);
}
