using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Merge;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Queries;
using SourceGenSync.Server.Permissions;
using SourceGenSync.Server.Sync.Merge;
using SourceGenSync.Server.Sync.Schema;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Permissions;

/// <summary>
/// A schema with a property of every queryable type (and some that are not), documents keyed by int primary key,
/// and the evaluator: <see cref="Keys"/> parses a query and returns the primary keys of the documents it matches.
/// </summary>
internal sealed class QueryWorld : IDisposable
{
    public static RealmSchema Schema { get; } = BuildSchema();

    private readonly DocumentPredicateEvaluator _evaluator = new();
    private readonly List<(string Key, string Json)> _documents = [];

    public static ClassDefinition Thing => Schema.Find("Thing")!;

    public QueryWorld Add(long id, params (string Name, object? Value)[] fields)
    {
        var document = new ObjectDocument();
        foreach (var (name, value) in fields)
        {
            document.Set(name, value as DocumentValue ?? DocumentValue.Of(ToValue(value)));
        }

        _documents.Add((ObjectKeys.Format(id), ObjectDocumentSerializer.SerializeToString(document)));
        return this;
    }

    public static DocumentValue List(params object?[] items) => Fill(DocumentValue.NewList(), items);

    public static DocumentValue Set(params object?[] items) => Fill(DocumentValue.NewSet(), items);

    public long[] Keys(string query, params object?[] arguments) =>
        Matching(QueryParser.Parse(query, arguments.Select(ToValue).ToArray()));

    public long[] Matching(QueryNode predicate) =>
        [.. _evaluator.Matching(Thing, predicate, _documents).Select(k => ObjectKeys.Parse(k).AsInt64()).Order()];

    public void Dispose() => _evaluator.Dispose();

    public static RealmValue ToValue(object? value) => value switch
    {
        null => RealmValue.Null,
        RealmValue v => v,
        int i => (long)i,
        long l => l,
        bool b => b,
        float f => f,
        double d => d,
        decimal m => m,
        string s => s,
        byte[] data => data,
        DateTimeOffset date => date,
        Guid g => g,
        ObjectId o => o,
        _ => throw new ArgumentException($"No RealmValue for {value.GetType()}."),
    };

    private static DocumentValue Fill(DocumentValue collection, object?[] items)
    {
        foreach (var item in items)
        {
            collection.Add(DocumentValue.Of(ToValue(item)));
        }

        return collection;
    }

    private static RealmSchema BuildSchema()
    {
        ClassSchema[] classes =
        [
            TestSchema.Class("Thing", "_id", ClassKind.TopLevel,
                ("_id", "int"), ("b", "bool"), ("bn", "bool?"), ("i", "int"), ("ni", "int?"), ("c", "counter"),
                ("f", "float"), ("fn", "float?"), ("d", "double"), ("dn", "double?"), ("m", "decimal"), ("mn", "decimal?"),
                ("s", "string"), ("sn", "string?"), ("bin", "data?"), ("dt", "date?"), ("dtt", "datetime?"),
                ("g", "guid?"), ("o", "objectid?"), ("tags", "list<string>"), ("nums", "set<int>"), ("ws", "list<double>"),
                ("days", "list<date>"), ("prices", "set<decimal?>"), ("we\"ird", "string?"), ("$odd.name", "int?"), ("back\\slash", "string?"), ("ñame·日本", "int?"), ("tä\"gs", "set<string>"),
                ("ownerId", "string?"), ("isPublic", "bool"), ("sharedWith", "list<string>"), ("team", "string?"),
                ("mix", "mixed"), ("scores", "dictionary<int>"), ("owner", "link:Person"), ("home", "embedded:Home")),
            TestSchema.Class("Person", "_id", ClassKind.TopLevel, ("_id", "string"), ("name", "string?")),
            TestSchema.Class("Home", "", ClassKind.Embedded, ("city", "string?")),
            TestSchema.Class("Log", "_id", ClassKind.Asymmetric, ("_id", "int"), ("text", "string?")),
        ];
        var (schema, _, error) = RealmSchema.Empty.Merge(classes, developmentMode: true);
        return schema ?? throw new InvalidOperationException(error);
    }
}
