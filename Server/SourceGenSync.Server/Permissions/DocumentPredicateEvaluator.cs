using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.Data.Sqlite;
using SourceGenSync.Queries;
using SourceGenSync.Server.Sync.Merge;
using SourceGenSync.Server.Sync.Schema;

namespace SourceGenSync.Server.Permissions;

/// <summary>
/// Evaluates a predicate over documents that are not in the store yet (writes checked before they are committed)
/// with the same SQL as the store's queries, on a private in-memory SQLite connection. One call at a time per
/// instance (calls are serialized).
/// </summary>
internal sealed class DocumentPredicateEvaluator : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly object _gate = new();

    public DocumentPredicateEvaluator()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        DocumentSqlFunctions.Register(_connection);
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE candidates (id TEXT NOT NULL, pk TEXT, doc TEXT NOT NULL)";
        create.ExecuteNonQuery();
    }

    /// <summary>
    /// The keys of the documents that satisfy <paramref name="predicate"/>. Each key is the object's primary key
    /// text as the objects table holds it (<see cref="ObjectKeys.Format"/>), which predicates on the primary key
    /// property read; a document is its JSON (ObjectDocumentSerializer). Any other key works for predicates that do
    /// not read the primary key; for those that do, it throws <see cref="ArgumentException"/> (use the overload
    /// with a separate primary key). Throws <see cref="QueryRejectedException"/> for an unsupported predicate.
    /// </summary>
    public IReadOnlySet<string> Matching(ClassDefinition @class, QueryNode predicate, IEnumerable<(string Key, string Json)> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(@class);
        ArgumentNullException.ThrowIfNull(predicate);
        var readsKey = ReadsPrimaryKey(predicate, @class);
        return Matching(@class, predicate, documents.Select(d => (d.Key, readsKey ? CheckedKey(d.Key, @class) : null, d.Json)));
    }

    /// <summary>
    /// The <c>Key</c>s (opaque to the evaluator) of the documents that satisfy <paramref name="predicate"/>;
    /// <c>PrimaryKey</c> is the object's primary key text (<see cref="ObjectKeys.Format"/>), read by predicates on
    /// the primary key property.
    /// </summary>
    public IReadOnlySet<string> Matching(ClassDefinition @class, QueryNode predicate, IEnumerable<(string Key, string? PrimaryKey, string Json)> documents)
    {
        ArgumentNullException.ThrowIfNull(@class);
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(documents);
        var parameters = new SqlParameterList();
        var condition = new StringBuilder();
        DocumentQuerySql.Write(predicate, @class, "doc", parameters, condition, keyColumn: "pk");

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using (var insert = _connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO candidates (id, pk, doc) VALUES (@id, @pk, @doc)";
                var id = insert.Parameters.Add("@id", SqliteType.Text);
                var key = insert.Parameters.Add("@pk", SqliteType.Text);
                var json = insert.Parameters.Add("@doc", SqliteType.Text);
                foreach (var (k, pk, doc) in documents)
                {
                    id.Value = k ?? throw new ArgumentException("A document key cannot be null.", nameof(documents));
                    key.Value = (object?)pk ?? DBNull.Value;
                    json.Value = doc ?? throw new ArgumentException("A document cannot be null.", nameof(documents));
                    insert.ExecuteNonQuery();
                }
            }

            var result = new HashSet<string>(StringComparer.Ordinal);
            using (var select = _connection.CreateCommand())
            {
                select.Transaction = transaction;
                select.CommandText = "SELECT id FROM candidates WHERE " + condition;
                parameters.AddTo(select);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    result.Add(reader.GetString(0));
                }
            }

            // Nothing stays behind: the next call starts from an empty table.
            transaction.Rollback();
            return result;
        }
    }

    public void Dispose() => _connection.Dispose();

    private static string CheckedKey(string key, ClassDefinition @class)
    {
        try
        {
            _ = ObjectKeys.Parse(key ?? throw new ArgumentException("A document key cannot be null."));
            return key;
        }
        catch (FormatException e)
        {
            throw new ArgumentException(
                $"The predicate reads the primary key '{@class.Name}.{@class.PrimaryKey}', but the document key '{key}' is not a primary key's text (ObjectKeys.Format). Pass the primary key separately.", e);
        }
    }

    /// <summary>Whether any comparison of the predicate is on the class's primary key property.</summary>
    private static bool ReadsPrimaryKey(QueryNode node, ClassDefinition @class) => node switch
    {
        AndNode and => ReadsPrimaryKey(and.Left, @class) || ReadsPrimaryKey(and.Right, @class),
        OrNode or => ReadsPrimaryKey(or.Left, @class) || ReadsPrimaryKey(or.Right, @class),
        NotNode not => ReadsPrimaryKey(not.Operand, @class),
        ComparisonNode c => IsKey(c.Property, @class),
        StringNode s => IsKey(s.Property, @class),
        InNode i => IsKey(i.Property, @class),
        _ => false,
    };

    private static bool IsKey(PropertyPath path, ClassDefinition @class) =>
        @class.PrimaryKey.Length > 0 && path.Segments.Count == 1 && path.Segments[0] == @class.PrimaryKey;
}
