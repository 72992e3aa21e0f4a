using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Queries;
using SourceGenSync.Server.Permissions;
using SourceGenSync.Server.Sync.Merge;
using SourceGenSync.Server.Sync.Schema;

namespace SourceGenSync.Server.Sync.Flexible;

/// <summary>A write the server did not apply, reported to the client as a compensating write.</summary>
internal sealed record DeniedWrite(string Class, RealmValue PrimaryKey, string Reason)
{
    public (string Class, string Key) Key => (Class, ObjectKeys.Format(PrimaryKey));
}

/// <summary>
/// Checks a flexible session's changesets object by object before they are integrated (docs/permissions.md):
/// an object may be written only if, before and after the changeset, it satisfies the class's write rule for this
/// user and lies inside the session's view (its subscriptions AND the read rule). Instructions on any other
/// object are removed, whatever the changeset claims, so a crafted changeset cannot write what the rules deny.
/// </summary>
internal sealed class WriteGuard(FlexibleQuery query, UserPermissions permissions, RealmSchema schema)
{
    public Changeset Filter(Changeset changeset, IDocumentSource state, DocumentPredicateEvaluator evaluator, List<DeniedWrite> denied)
    {
        var touched = changeset.Instructions
            .Select(static i => (i.Object.Class, i.Object.PrimaryKey))
            .Distinct()
            .ToList();

        // The state after this changeset, computed on copies: nothing is applied until the guard has decided.
        var after = new InMemoryDocumentSource();
        var before = new Dictionary<(string, RealmValue), ObjectDocument?>();
        foreach (var (@class, key) in touched)
        {
            var found = state.TryGet(@class, key, out var document) ? document : null;
            before[(@class, key)] = found;
            if (found is not null)
            {
                after.Put(@class, key, found.Clone());
            }
        }

        InstructionApplier.Apply(changeset, after);

        var refused = new Dictionary<(string, RealmValue), string>();
        foreach (var group in touched.GroupBy(static t => t.Class, System.StringComparer.Ordinal))
        {
            var definition = schema.Find(group.Key);
            if (definition is null)
            {
                continue; // validated against the schema already; nothing to check
            }

            // Before and after are evaluated separately, each document under its own key text: a predicate on the
            // primary key property reads the key column, so the key must be exactly the object's key.
            var befores = new List<(string Key, string Json)>();
            var afters = new List<(string Key, string Json)>();
            foreach (var (_, key) in group)
            {
                var text = ObjectKeys.Format(key);
                if (before[(group.Key, key)] is { } old)
                {
                    befores.Add((text, ObjectDocumentSerializer.SerializeToString(old)));
                }

                if (after.TryGet(group.Key, key, out var @new))
                {
                    afters.Add((text, ObjectDocumentSerializer.SerializeToString(@new)));
                }
            }

            // The checked filters: a rule that cannot apply to the class denies (it never throws here).
            // Asymmetric objects sync one way and can never be subscribed to, so they are never in a view: only
            // the write rule applies to them.
            var read = definition.Kind == ClassKind.Asymmetric ? TruePredicate.Instance : query.PredicateOf(group.Key);
            var write = permissions.WriteFilter(group.Key, schema);
            var (readableBefore, writableBefore) = Evaluate(evaluator, definition, read, write, befores);
            var (readableAfter, writableAfter) = Evaluate(evaluator, definition, read, write, afters);
            foreach (var (_, key) in group)
            {
                var text = ObjectKeys.Format(key);
                var reason = Check(text, before[(group.Key, key)] is not null, readableBefore, writableBefore, "before")
                    ?? Check(text, after.TryGet(group.Key, key, out _), readableAfter, writableAfter, "after");
                if (reason is not null)
                {
                    refused[(group.Key, key)] = reason;
                    denied.Add(new DeniedWrite(group.Key, key, reason));
                }
            }
        }

        if (refused.Count == 0)
        {
            return changeset;
        }

        return new Changeset(changeset.Version, changeset.Timestamp, [.. changeset.Instructions.Where(i => !refused.ContainsKey((i.Object.Class, i.Object.PrimaryKey)))]);
    }

    private static (IReadOnlySet<string> Readable, IReadOnlySet<string> Writable) Evaluate(
        DocumentPredicateEvaluator evaluator, ClassDefinition definition, QueryNode read, QueryNode write, List<(string Key, string Json)> states) =>
        states.Count == 0
            ? (new HashSet<string>(), new HashSet<string>())
            : (evaluator.Matching(definition, read, states), evaluator.Matching(definition, write, states));

    private static string? Check(string stateKey, bool exists, IReadOnlySet<string> readable, IReadOnlySet<string> writable, string when)
    {
        if (!exists)
        {
            return null;
        }

        if (!writable.Contains(stateKey))
        {
            return when == "before"
                ? "The write rule of this class does not allow this user to change the object."
                : "The write rule of this class does not allow this user to give the object these values.";
        }

        return readable.Contains(stateKey)
            ? null
            : when == "before"
                ? "The object is outside this session's view (its subscriptions and the read rule)."
                : "The write would put the object outside this session's view (its subscriptions and the read rule).";
    }
}
