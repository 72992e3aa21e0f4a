using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using SourceGenSync.Queries;
using SourceGenSync.Server.Permissions;
using SourceGenSync.Server.Sync.Schema;

namespace SourceGenSync.Server.Sync.Flexible;

/// <summary>A predicate compiled to SQL over the document column <c>o.doc</c> of the objects table.</summary>
internal sealed record CompiledPredicate(string Sql, IReadOnlyList<KeyValuePair<string, object?>> Parameters);

/// <summary>
/// What one flexible session may see, as of one subscription set: per subscribed class, the class's read rule AND
/// (any of its subscriptions), as an AST (for checking writes) and compiled to SQL (for evaluating the view).
/// Classes without a subscription are outside the view entirely. Immutable; a new set makes a new instance.
/// </summary>
internal sealed class FlexibleQuery
{
    private FlexibleQuery(long version, ImmutableDictionary<string, QueryNode> predicates, ImmutableDictionary<string, CompiledPredicate> compiled)
    {
        Version = version;
        Predicates = predicates;
        Compiled = compiled;
    }

    /// <summary>The subscription set's version (0: the client has none yet).</summary>
    public long Version { get; }

    public ImmutableDictionary<string, QueryNode> Predicates { get; }

    public ImmutableDictionary<string, CompiledPredicate> Compiled { get; }

    public static FlexibleQuery Empty(long version) =>
        new(version, ImmutableDictionary<string, QueryNode>.Empty, ImmutableDictionary<string, CompiledPredicate>.Empty);

    /// <summary>Combines validated subscriptions with the user's read rules; throws <see cref="QueryRejectedException"/> when a rule cannot be compiled.</summary>
    public static FlexibleQuery Create(long version, IReadOnlyList<BoundSubscription> subscriptions, UserPermissions permissions, RealmSchema schema)
    {
        var predicates = ImmutableDictionary.CreateBuilder<string, QueryNode>(System.StringComparer.Ordinal);
        var compiled = ImmutableDictionary.CreateBuilder<string, CompiledPredicate>(System.StringComparer.Ordinal);
        foreach (var group in subscriptions.GroupBy(static s => s.ClassName, System.StringComparer.Ordinal))
        {
            var definition = schema.Find(group.Key)!; // validated by SubscriptionQueries.Bind
            var any = group.Select(static s => s.Predicate).Aggregate(QueryNodes.Or);
            // The checked read filter: a rule that cannot apply to this class denies it (it does not refuse the set).
            var predicate = QueryNodes.And(permissions.ReadFilter(group.Key, schema), any);
            predicates[group.Key] = predicate;
            compiled[group.Key] = Compile(predicate, definition);
        }

        return new FlexibleQuery(version, predicates.ToImmutable(), compiled.ToImmutable());
    }

    public static CompiledPredicate Compile(QueryNode predicate, ClassDefinition definition)
    {
        var parameters = new SqlParameterList();
        var sql = new StringBuilder();
        DocumentQuerySql.Write(predicate, definition, "o.doc", parameters, sql, keyColumn: "o.pk");
        return new CompiledPredicate(sql.ToString(), [.. parameters.Items]);
    }

    /// <summary>The view predicate of <paramref name="class"/>; NOT TRUEPREDICATE when the class has no subscription.</summary>
    public QueryNode PredicateOf(string @class) => Predicates.GetValueOrDefault(@class) ?? Deny;

    public static QueryNode Deny { get; } = new NotNode(TruePredicate.Instance);
}
