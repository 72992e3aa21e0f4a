using System.Collections.Concurrent;
using System.Collections.Generic;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Queries;
using SourceGenSync.Server.Sync.Schema;

namespace SourceGenSync.Server.Permissions;

/// <summary>
/// The rules bound to one user: per class, the predicate an object must satisfy to be downloaded
/// (<see cref="ReadFilter(string, RealmSchema)"/>) or changed (<see cref="WriteFilter(string, RealmSchema)"/>). Every filter returned compiles with
/// <see cref="DocumentQuerySql"/> for the class it was asked for; a rule that is missing, names a claim the user
/// does not have, or does not type-check against the schema is <see cref="PermissionRules.Deny"/>, never allow.
/// Thread-safe; filters are cached per class and schema.
/// </summary>
internal sealed class UserPermissions
{
    private readonly PermissionRules _rules;
    private readonly ConcurrentDictionary<(ClassDefinition Class, RuleKind Kind), QueryNode> _filters = new();

    internal UserPermissions(PermissionRules rules, UserIdentity user)
    {
        _rules = rules;
        User = user;
    }

    public UserIdentity User { get; }

    /// <summary>
    /// What the user may download of <paramref name="className"/> (TRUEPREDICATE when rules are off), checked against
    /// <paramref name="schema"/>: a rule that does not apply to the class denies. Use this overload.
    /// </summary>
    public QueryNode ReadFilter(string className, RealmSchema schema) => Filter(className, schema, RuleKind.Read);

    /// <summary>What the user may create, change or delete of <paramref name="className"/>, checked like <see cref="ReadFilter(string, RealmSchema)"/>.</summary>
    public QueryNode WriteFilter(string className, RealmSchema schema) => Filter(className, schema, RuleKind.Write);

    /// <summary>
    /// The read rule bound to the user, not checked against a schema: compiling it may throw
    /// <see cref="QueryRejectedException"/> (treat that as deny). Prefer <see cref="ReadFilter(string, RealmSchema)"/>.
    /// </summary>
    public QueryNode ReadFilter(string className) => Unchecked(className, RuleKind.Read);

    /// <summary>The write rule bound to the user, not checked against a schema (see <see cref="ReadFilter(string)"/>).</summary>
    public QueryNode WriteFilter(string className) => Unchecked(className, RuleKind.Write);

    /// <summary>Problems of the configured rules against <paramref name="schema"/>, for the log (the rules concerned deny).</summary>
    public IReadOnlyList<string> Validate(RealmSchema schema) => _rules.Validate(schema);

    private QueryNode Filter(string className, RealmSchema schema, RuleKind kind)
    {
        System.ArgumentNullException.ThrowIfNull(className);
        System.ArgumentNullException.ThrowIfNull(schema);
        if (!_rules.Enabled)
        {
            return TruePredicate.Instance;
        }

        // Asymmetric (ingest-only) classes have a write rule and nothing to read; embedded objects are checked
        // through their owner.
        if (schema.Find(className) is not { } @class
            || @class.Kind == ClassKind.Embedded
            || (@class.Kind == ClassKind.Asymmetric && kind == RuleKind.Read))
        {
            return PermissionRules.Deny;
        }

        return _filters.GetOrAdd((@class, kind), static (key, self) => self.Bind(key.Class, key.Kind), this);
    }

    private QueryNode Bind(ClassDefinition @class, RuleKind kind)
    {
        var node = Unchecked(@class.Name, kind);
        return RuleText.TypeCheck(node, @class) is null ? node : PermissionRules.Deny;
    }

    private QueryNode Unchecked(string className, RuleKind kind)
    {
        System.ArgumentNullException.ThrowIfNull(className);
        if (!_rules.Enabled)
        {
            return TruePredicate.Instance;
        }

        return _rules.RulesOf(className)?.Text(kind) is { } text && RuleText.ParseFor(text, User) is { } node
            ? node
            : PermissionRules.Deny;
    }
}
