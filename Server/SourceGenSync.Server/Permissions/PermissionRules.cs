using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Queries;
using SourceGenSync.Server.Sync.Schema;

namespace SourceGenSync.Server.Permissions;

/// <summary>Which rule of a class: what a user may download, or what they may change.</summary>
internal enum RuleKind
{
    Read,
    Write,
}

/// <summary>The user a session acts for, as rules see them: <c>$user.id</c>, <c>$user.provider</c> and <c>$user.&lt;claim&gt;</c>.</summary>
internal sealed record UserIdentity(string Id, string Provider, IReadOnlyDictionary<string, string> Claims);

/// <summary>
/// The configured permission rules (docs/permissions.md), every text parsed once at startup so a typo stops the
/// server instead of silently denying. <see cref="For"/> binds them to one user. Without rules
/// (<see cref="Enabled"/> false) everything is allowed: development mode.
/// </summary>
internal sealed class PermissionRules
{
    /// <summary>Matches nothing: what every missing, unbindable or ill-typed rule becomes.</summary>
    public static QueryNode Deny { get; } = new NotNode(TruePredicate.Instance);

    private readonly ClassRules? _default;
    private readonly ImmutableDictionary<string, ClassRules> _classes;

    public PermissionRules(RulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _default = options.Default is null ? null : ClassRules.Parse("Default", options.Default);
        var classes = ImmutableDictionary.CreateBuilder<string, ClassRules>(StringComparer.Ordinal);
        foreach (var (name, rules) in options.Classes ?? [])
        {
            if (rules is not null)
            {
                classes[name] = ClassRules.Parse($"Classes:{name}", rules);
            }
        }

        _classes = classes.ToImmutable();
        Enabled = _default is not null || _classes.Count > 0;
    }

    /// <summary>False when no rule is configured: every class is readable and writable by everyone.</summary>
    public bool Enabled { get; }

    public UserPermissions For(UserIdentity user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserPermissions(this, user);
    }

    /// <summary>
    /// Problems of the rules against a realm's schema, one message per rule that cannot apply (an unknown class or
    /// property, a value of the wrong type, a construct outside the subset). Such rules deny; log the messages.
    /// </summary>
    public IReadOnlyList<string> Validate(RealmSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var messages = new List<string>();
        if (!Enabled)
        {
            return messages;
        }

        foreach (var (name, rules) in _classes.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var @class = schema.Find(name);
            if (@class is null)
            {
                messages.Add($"Rules:Classes:{name} names a class that is not in the realm's schema; the rules do nothing until a client adds it.");
                continue;
            }

            rules.Check(@class, messages);
        }

        if (_default is not null)
        {
            foreach (var @class in schema.Classes.Values.Where(c => c.Kind == ClassKind.TopLevel && !_classes.ContainsKey(c.Name)).OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                _default.Check(@class, messages);
            }
        }

        return messages;
    }

    /// <summary>The rules that apply to <paramref name="className"/>: its own, else the default, else none (denied).</summary>
    internal ClassRules? RulesOf(string className) => _classes.GetValueOrDefault(className) ?? _default;

    /// <summary>One class's (or the default's) parsed rules.</summary>
    internal sealed class ClassRules
    {
        private ClassRules(string key, string? read, string? write)
        {
            Key = key;
            Read = read;
            Write = write;
        }

        /// <summary>The configuration path under Rules, for messages (<c>Default</c>, <c>Classes:Task</c>).</summary>
        public string Key { get; }

        public string? Read { get; }

        public string? Write { get; }

        public string? Text(RuleKind kind) => kind == RuleKind.Read ? Read : Write;

        public static ClassRules Parse(string key, ClassRuleOptions options)
        {
            var rules = new ClassRules(key, Normalize(options.Read), Normalize(options.Write));
            foreach (var kind in new[] { RuleKind.Read, RuleKind.Write })
            {
                if (rules.Text(kind) is { } text)
                {
                    try
                    {
                        RuleText.ParseForCheck(text);
                    }
                    catch (QueryParseException e)
                    {
                        throw new InvalidOperationException(
                            $"The permission rule Rules:{key}:{kind} does not parse at position {e.Position}: {e.Message} Rule: {text}", e);
                    }
                }
            }

            return rules;
        }

        public void Check(ClassDefinition @class, List<string> messages)
        {
            foreach (var kind in new[] { RuleKind.Read, RuleKind.Write })
            {
                if (Text(kind) is { } text && RuleText.TypeCheck(RuleText.ParseForCheck(text), @class) is { } problem)
                {
                    messages.Add($"The permission rule Rules:{Key}:{kind} cannot apply to class '{@class.Name}' ({problem}); {kind.ToString().ToLowerInvariant()}s of '{@class.Name}' are denied.");
                }
            }
        }

        private static string? Normalize(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
    }
}

/// <summary>Parsing rule texts: variables only (no numbered arguments).</summary>
internal static class RuleText
{
    private static readonly QueryParserOptions CheckOptions = new() { ResolveVariable = Placeholder };

    /// <summary>Parses with a placeholder string for every <c>$user.…</c> variable: syntax and variable names only.</summary>
    public static QueryNode ParseForCheck(string text) => QueryParser.Parse(text, [], CheckOptions);

    /// <summary>Parses for one user; null when a variable has no value for them (a missing claim).</summary>
    public static QueryNode? ParseFor(string text, UserIdentity user)
    {
        try
        {
            return QueryParser.Parse(text, [], new QueryParserOptions { ResolveVariable = name => Resolve(name, user) });
        }
        catch (QueryParseException)
        {
            return null;
        }
    }

    /// <summary>Null when the rule compiles for the class, else why not.</summary>
    public static string? TypeCheck(QueryNode node, ClassDefinition @class)
    {
        try
        {
            DocumentQuerySql.Validate(node, @class);
            return null;
        }
        catch (QueryRejectedException e)
        {
            return e.Message;
        }
    }

    private static RealmValue? Placeholder(string name) =>
        name.StartsWith("user.", StringComparison.Ordinal) && name.Length > 5 ? RealmValue.Create("") : (RealmValue?)null;

    private static RealmValue? Resolve(string name, UserIdentity user)
    {
        if (!name.StartsWith("user.", StringComparison.Ordinal))
        {
            return null;
        }

        var part = name[5..];
        var value = part switch
        {
            "id" => user.Id,
            "provider" => user.Provider,
            _ => user.Claims.TryGetValue(part, out var claim) ? claim : null,
        };
        return value is null ? (RealmValue?)null : RealmValue.Create(value);
    }
}
