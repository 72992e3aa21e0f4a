using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using SourceGenSync.Queries;
using SourceGenSync.Server.Permissions;
using SourceGenSync.Server.Sync.Merge;
using SourceGenSync.Server.Sync.Schema;
using SourceGenSync.Sync.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SourceGenSync.Sync.Tests.Flexible;

/// <summary>
/// The same query means the same objects on the client and on the server. Random objects are written to a local
/// realm; its change log is applied to documents exactly as the server holds them (InstructionApplier, then
/// ObjectDocumentSerializer); then hundreds of seeded random queries in the server's subset run on both sides:
/// the local store's SQL over its tables for the query, and the server's SQL over the JSON documents for the query
/// as a client sends it (text form and arguments, parsed back), must return the same keys; a query one side refuses
/// must be refused by the other.
/// </summary>
public sealed class QueryEquivalenceTests(ITestOutputHelper output) : IDisposable
{
    private const int ObjectCount = 160;
    private const int QueryCount = 800;

    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(20261122)]
    [InlineData(7)]
    [InlineData(99)]
    [InlineData(12345)]
    public void Random_queries_select_the_same_objects_locally_and_on_the_server(int seed)
    {
        var random = new Random(seed);
        var path = _folder.File($"equivalence-{seed}.realm");
        var config = new RealmConfiguration(path) { ObjectClasses = [typeof(QueryTarget)] };
        using var realm = Realm.Open(config);
        WriteRandomObjects(realm, random);

        var @class = ServerClass(config);
        var documents = ServerDocuments(path);
        Assert.Equal(realm.All<QueryTarget>().Count(), documents.Count);

        using var evaluator = new DocumentPredicateEvaluator();
        var all = (RealmResults<QueryTarget>)realm.All<QueryTarget>();
        var compared = 0;
        var rejected = 0;
        var nonTrivial = 0;
        for (var i = 0; i < QueryCount; i++)
        {
            var query = RandomQueries.Node(random, depth: 0);
            var local = Local(realm, all, query, out var localError);
            IReadOnlySet<string>? server;
            QueryRejectedException? serverError = null;
            try
            {
                // What the server evaluates is the query as the client sends it: text and arguments, parsed back.
                var formatted = QueryText.Format(query);
                server = evaluator.Matching(@class, QueryParser.Parse(formatted.Text, formatted.Arguments), documents);
            }
            catch (QueryRejectedException e)
            {
                server = null;
                serverError = e;
            }

            if (server is null || local is null)
            {
                Assert.True(server is null && local is null,
                    $"Query {i} ({query}): {(server is null ? $"the server refused it ({serverError!.Message}) but the local store ran it" : $"the local store refused it ({localError!.Message}) but the server ran it")}.");
                rejected++;
                continue;
            }

            var serverKeys = server.Select(k => ObjectKeys.Parse(k).AsInt64()).Order().ToList();
            if (!local.SequenceEqual(serverKeys))
            {
                Assert.Fail(
                $"Query {i}: {query} [{string.Join(", ", QueryText.Format(query).Arguments)}]\n" +
                $"local only: {string.Join(", ", local.Except(serverKeys))}\nserver only: {string.Join(", ", serverKeys.Except(local))}\n" +
                $"first differing document: {FirstDifference(documents, local, serverKeys)}");
            }

            compared++;
            if (local.Count > 0 && local.Count < documents.Count)
            {
                nonTrivial++;
            }
        }

        output.WriteLine($"seed {seed}: {compared} queries compared ({nonTrivial} matching some but not all objects), {rejected} refused by both sides.");
        Assert.True(compared > QueryCount / 2, $"only {compared} of {QueryCount} queries were valid");
        Assert.True(nonTrivial > QueryCount / 4, $"only {nonTrivial} queries told objects apart");
    }

    private static List<long>? Local(Realm realm, RealmResults<QueryTarget> all, QueryNode query, out Exception? error)
    {
        error = null;
        try
        {
            return [.. new RealmResults<QueryTarget>(realm, all.Table, all.Model.Where(query)).AsEnumerable().Select(t => t.Id).Order()];
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidOperationException)
        {
            error = e;
            return null;
        }
    }

    private static string FirstDifference(List<(string Key, string Json)> documents, List<long> local, List<long> server)
    {
        var id = local.Except(server).Concat(server.Except(local)).First();
        return documents.First(d => ObjectKeys.Parse(d.Key).AsInt64() == id).Json;
    }

    private static ClassDefinition ServerClass(RealmConfiguration config)
    {
        var (schema, _, error) = RealmSchema.Empty.Merge(SyncSchema.ToProtocol(config.Schema), developmentMode: true);
        Assert.True(schema is not null, error);
        return schema.Find(nameof(QueryTarget))!;
    }

    /// <summary>The realm's change log applied to documents, serialized as the server's objects table holds them.</summary>
    private static List<(string Key, string Json)> ServerDocuments(string path)
    {
        var documents = new InMemoryDocumentSource();
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT data FROM sgs_changesets ORDER BY version";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var result = InstructionApplier.Apply(ChangesetCodec.Decode((byte[])reader.GetValue(0)), documents);
                Assert.Equal(0, result.Skipped);
            }
        }

        return [.. documents.Documents
            .Where(d => d.Key.Class == nameof(QueryTarget))
            .Select(d => (ObjectKeys.Format(d.Key.PrimaryKey), ObjectDocumentSerializer.SerializeToString(d.Value)))];
    }

    private static void WriteRandomObjects(Realm realm, Random random)
    {
        var managed = new List<QueryTarget>();
        realm.Write(() =>
        {
            for (var id = 1; id <= ObjectCount; id++)
            {
                var target = new QueryTarget { Id = id };
                Fill(target, random);
                managed.Add(realm.Add(target));
            }
        });

        // A second transaction edits and deletes, so documents also come from updates, nulling and erasures.
        realm.Write(() =>
        {
            foreach (var target in managed.Where(_ => random.Next(4) == 0).ToList())
            {
                if (random.Next(6) == 0)
                {
                    realm.Remove(target);
                    continue;
                }

                Fill(target, random);
            }
        });
    }

    private static void Fill(QueryTarget target, Random random)
    {
        T Pick<T>(IReadOnlyList<T> pool) => pool[random.Next(pool.Count)];
        T? Maybe<T>(IReadOnlyList<T> pool)
            where T : struct => random.Next(4) == 0 ? null : Pick(pool);

        target.Flag = random.Next(2) == 0;
        target.MaybeFlag = random.Next(3) switch { 0 => null, 1 => true, _ => false };
        target.Int = Pick(ValuePools.Ints);
        target.MaybeLong = random.Next(4) == 0 ? null : Pick(ValuePools.Longs);
        target.Counter = Pick(ValuePools.Longs);
        target.Float = Pick(ValuePools.Floats);
        target.MaybeFloat = Maybe(ValuePools.Floats);
        target.Double = Pick(ValuePools.Doubles);
        target.MaybeDouble = Maybe(ValuePools.Doubles);
        target.Decimal = Pick(ValuePools.Decimals);
        target.MaybeDecimal = Maybe(ValuePools.Decimals);
        target.Text = Pick(ValuePools.Strings);
        target.MaybeText = random.Next(4) == 0 ? null : Pick(ValuePools.Strings);
        target.MaybeData = random.Next(4) == 0 ? null : Pick(ValuePools.Blobs);
        target.Date = Pick(ValuePools.Dates);
        target.MaybeDate = Maybe(ValuePools.Dates);
        target.Timestamp = Pick(ValuePools.DateTimes);
        target.Guid = Pick(ValuePools.Guids);
        target.MaybeGuid = Maybe(ValuePools.Guids);
        target.ObjectId = Pick(ValuePools.ObjectIds);
        target.MaybeObjectId = Maybe(ValuePools.ObjectIds);
        Refill(target.Tags, random, () => Pick(ValuePools.Strings));
        Refill(target.MaybeTags, random, () => random.Next(4) == 0 ? null : Pick(ValuePools.Strings));
        Refill(target.Numbers, random, () => Pick(ValuePools.Longs));
        Refill(target.Doubles, random, () => Pick(ValuePools.Doubles));
        Refill(target.Decimals, random, () => Pick(ValuePools.Decimals));
        Refill(target.Dates, random, () => Pick(ValuePools.Dates));
        Refill(target.Guids, random, () => Pick(ValuePools.Guids));
        Refill(target.Blobs, random, () => Pick(ValuePools.Blobs));
    }

    private static void Refill<T>(ICollection<T> collection, Random random, Func<T> next)
    {
        collection.Clear();
        var count = random.Next(4);
        for (var i = 0; i < count; i++)
        {
            collection.Add(next());
        }
    }
}
