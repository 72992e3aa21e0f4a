using System;
using System.Text;
using SourceGenSync.Queries;
using SourceGenSync.Server.Sync.Schema;

namespace SourceGenSync.Server.Permissions;

/// <summary>
/// Writes a query node as a SQL condition over an object's JSON document (docs/merge-rules.md, "Document JSON")
/// that is true exactly when the client's local store would match the object: the same comparisons, null rules
/// (C#: <c>!= value</c> is true for null, ordering with null is false), case folding, decimal collation and
/// wildcards as the local query compiler (Runtime/SourceGenSync/Internal/Queries), applied to each field turned
/// into the form the local store keeps it in (<see cref="DocumentScalars"/>). JSON paths and values are bound as
/// parameters. Only the subset of docs/permissions.md is accepted; anything else throws
/// <see cref="QueryRejectedException"/> naming the property. The connection must have
/// <see cref="DocumentSqlFunctions"/> registered.
/// </summary>
internal static class DocumentQuerySql
{
    private const string Unsupported = "is not supported in subscriptions and permission rules";

    // DocumentScalars.DateTimeTicksMask as SQL: a DateTime travels as ticks | Kind << 62.
    private const string DateTimeMaskSql = "4611686018427387903";

    /// <param name="node">The predicate.</param>
    /// <param name="class">The queried class (top-level).</param>
    /// <param name="documentColumn">The SQL expression of the document JSON (e.g. <c>doc</c> or <c>o.doc</c>).</param>
    /// <param name="parameters">Receives every value and path.</param>
    /// <param name="sql">Receives the condition.</param>
    /// <param name="keyColumn">The SQL expression of the object's primary key text (ObjectKeys form), which a query on the primary key property reads.</param>
    public static void Write(QueryNode node, ClassDefinition @class, string documentColumn, SqlParameterList parameters, StringBuilder sql, string keyColumn = "pk")
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(@class);
        ArgumentException.ThrowIfNullOrEmpty(documentColumn);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentException.ThrowIfNullOrEmpty(keyColumn);
        new Writer(@class, documentColumn, keyColumn, parameters).Write(node, element: null, sql);
    }

    /// <summary>Checks that <paramref name="node"/> is in the supported subset and type-checks against <paramref name="class"/>.</summary>
    public static void Validate(QueryNode node, ClassDefinition @class) =>
        Write(node, @class, "doc", new SqlParameterList(), new StringBuilder());

    /// <summary>A value in the stored form, as SQL, with its kind and a name for messages.</summary>
    private readonly record struct Column(string Sql, ElementKind Kind, string Description);

    private sealed class Writer(ClassDefinition @class, string document, string key, SqlParameterList parameters)
    {
        public void Write(QueryNode node, Column? element, StringBuilder sql)
        {
            switch (node)
            {
                case TruePredicate:
                    sql.Append('1');
                    break;
                case AndNode and:
                    WriteBinary(and.Left, " AND ", and.Right, element, sql);
                    break;
                case OrNode or:
                    WriteBinary(or.Left, " OR ", or.Right, element, sql);
                    break;
                case NotNode not:
                    // A negated unknown (a comparison with null) matches, as negating a false comparison does in C#.
                    sql.Append("((");
                    Write(not.Operand, element, sql);
                    sql.Append(") IS NOT 1)");
                    break;
                case ComparisonNode comparison:
                    WriteComparison(Resolve(comparison.Property, element), comparison, sql);
                    break;
                case StringNode str:
                    WriteString(Resolve(str.Property, element), str, sql);
                    break;
                case InNode inNode:
                    WriteIn(Resolve(inNode.Property, element), inNode, sql);
                    break;
                case CollectionAnyNode any when element is null:
                    WriteAny(any, sql);
                    break;
                case CollectionAnyNode any:
                    throw new QueryRejectedException($"A SUBQUERY over '{Describe(any.Collection)}' inside the SUBQUERY over '{element.Value.Description}' {Unsupported}.");
                case CollectionCountNode count:
                    throw new QueryRejectedException($"'{Describe(count.Collection)}.@count' {Unsupported}; use SUBQUERY(...).@count > 0 to ask whether an element matches.");
                case DictionaryContainsKeyNode keys:
                    throw new QueryRejectedException($"'{Describe(keys.Dictionary)}.@keys' (a dictionary) {Unsupported}.");
                case FullTextNode text:
                    throw new QueryRejectedException($"Full-text search on '{Describe(text.Property)}' {Unsupported}; use CONTAINS[c] instead.");
                case null:
                    throw new ArgumentNullException(nameof(node));
                default:
                    throw new QueryRejectedException($"The query construct {node.GetType().Name} ({node}) {Unsupported}.");
            }
        }

        private void WriteBinary(QueryNode left, string op, QueryNode right, Column? element, StringBuilder sql)
        {
            sql.Append('(');
            Write(left, element, sql);
            sql.Append(op);
            Write(right, element, sql);
            sql.Append(')');
        }

        private void WriteComparison(Column column, ComparisonNode node, StringBuilder sql)
        {
            if (column.Kind == ElementKind.Data && node.Operator is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
            {
                throw new QueryRejectedException($"'{column.Description}' is a data property: only == and != are supported in subscriptions and permission rules.");
            }

            if (node.Value.IsNull)
            {
                _ = node.Operator switch
                {
                    ComparisonOperator.Equal => sql.Append(column.Sql).Append(" IS NULL"),
                    ComparisonOperator.NotEqual => sql.Append(column.Sql).Append(" IS NOT NULL"),
                    _ => sql.Append('0'), // an ordering comparison with null is false (C# lifted operators)
                };
                return;
            }

            var parameter = parameters.Add(DocumentScalars.ToArgument(node.Value, column.Kind, column.Description));
            sql.Append(column.Sql).Append(node.Operator switch
            {
                ComparisonOperator.Equal => " = ",
                ComparisonOperator.NotEqual => " IS NOT ", // a null field differs from every value, as in C#
                ComparisonOperator.LessThan => " < ",
                ComparisonOperator.LessThanOrEqual => " <= ",
                ComparisonOperator.GreaterThan => " > ",
                ComparisonOperator.GreaterThanOrEqual => " >= ",
                _ => throw new QueryRejectedException($"The comparison operator {node.Operator} on '{column.Description}' {Unsupported}."),
            }).Append(parameter);
        }

        private void WriteIn(Column column, InNode node, StringBuilder sql)
        {
            if (node.Values.IsDefaultOrEmpty)
            {
                sql.Append('0'); // an empty list matches nothing
                return;
            }

            var hasNull = false;
            var list = new StringBuilder();
            foreach (var value in node.Values)
            {
                if (value.IsNull)
                {
                    hasNull = true;
                    continue;
                }

                list.Append(list.Length == 0 ? "" : ", ").Append(parameters.Add(DocumentScalars.ToArgument(value, column.Kind, column.Description)));
            }

            sql.Append('(');
            if (list.Length > 0)
            {
                sql.Append(column.Sql).Append(" IN (").Append(list).Append(')');
            }

            if (hasNull)
            {
                sql.Append(list.Length > 0 ? " OR " : "").Append(column.Sql).Append(" IS NULL");
            }

            sql.Append(')');
        }

        private void WriteString(Column column, StringNode node, StringBuilder sql)
        {
            if (column.Kind != ElementKind.String)
            {
                throw new QueryRejectedException($"'{column.Description}' is not a string property, so {node.Operator} cannot be applied to it.");
            }

            if (node.Value is null)
            {
                throw new QueryRejectedException($"The string match on '{column.Description}' has no value.");
            }

            sql.Append('(');
            var value = node.CaseSensitive ? node.Value : DocumentSqlFunctions.Fold(node.Value);
            var target = node.CaseSensitive ? column.Sql : DocumentSqlFunctions.FoldFunction + "(" + column.Sql + ")";
            if (value.Length == 0 && node.Operator is StringOperator.Contains or StringOperator.StartsWith or StringOperator.EndsWith)
            {
                // Every string contains, starts and ends with the empty string (instr would say otherwise).
                sql.Append(column.Sql).Append(" IS NOT NULL)");
                return;
            }

            var parameter = parameters.Add(node.Operator == StringOperator.Like ? ToGlob(value) : value);
            _ = node.Operator switch
            {
                StringOperator.Equal => sql.Append(target).Append(" = ").Append(parameter),
                StringOperator.Contains => sql.Append("instr(").Append(target).Append(", ").Append(parameter).Append(") > 0"),
                StringOperator.StartsWith => sql.Append("substr(").Append(target).Append(", 1, length(").Append(parameter).Append(")) = ").Append(parameter),
                StringOperator.EndsWith => sql.Append("substr(").Append(target).Append(", -length(").Append(parameter).Append(")) = ").Append(parameter),
                StringOperator.Like => sql.Append(target).Append(" GLOB ").Append(parameter),
                _ => throw new QueryRejectedException($"The string operator {node.Operator} on '{column.Description}' {Unsupported}."),
            };
            sql.Append(')');
        }

        private void WriteAny(CollectionAnyNode node, StringBuilder sql)
        {
            var property = Property(node.Collection);
            var type = property.Type;
            if (type.Collection is not (CollectionType.List or CollectionType.Set))
            {
                throw new QueryRejectedException(type.Collection == CollectionType.Dictionary
                    ? $"'{@class.Name}.{property.Name}' is a dictionary; SUBQUERY over a dictionary {Unsupported}."
                    : $"'{@class.Name}.{property.Name}' is not a list or set, so SUBQUERY cannot be applied to it.");
            }

            CheckQueryable(property, $"{@class.Name}.{property.Name}");
            var alias = parameters.NewAlias();
            var tag = type.Collection == CollectionType.List ? "$list" : "$set";
            var description = $"{@class.Name}.{property.Name}[element]";
            var value = alias + ".value";
            var elementSql = type.Element switch
            {
                _ when DocumentScalars.IsPlainJson(type.Element) => value,
                ElementKind.DateTime => "(" + value + " & " + DateTimeMaskSql + ")",
                _ => Tagged(value, type.Element),
            };

            var predicate = new StringBuilder();
            Write(node.Predicate, new Column(Collate(elementSql, type.Element), type.Element, description), predicate);
            sql.Append("EXISTS (SELECT 1 FROM json_each(");
            if (IsPathSafe(property.Name))
            {
                sql.Append(document).Append(", ").Append(parameters.Add(FieldPath(property.Name) + ".\"" + tag + "\""));
            }
            else
            {
                sql.Append(FieldByKey(property.Name)).Append(", ").Append(parameters.Add("$.\"" + tag + "\""));
            }

            sql.Append(") AS ").Append(alias).Append(" WHERE ").Append(predicate).Append(')');
        }

        private Column Resolve(PropertyPath path, Column? element)
        {
            if (element is { } self)
            {
                return path.IsEmpty
                    ? self
                    : throw new QueryRejectedException($"The elements of '{self.Description[..^"[element]".Length]}' are scalars: a SUBQUERY predicate may only compare the element itself ($x), not '{path}'.");
            }

            if (path.IsEmpty)
            {
                throw new QueryRejectedException($"@self can only be compared inside a SUBQUERY over a list or set of '{@class.Name}'.");
            }

            var property = Property(path);
            var description = $"{@class.Name}.{property.Name}";
            if (property.Type.Collection != CollectionType.None)
            {
                throw new QueryRejectedException(property.Type.Collection == CollectionType.Dictionary
                    ? $"'{description}' is a dictionary, which {Unsupported}."
                    : $"'{description}' is a {(property.Type.Collection == CollectionType.List ? "list" : "set")}: compare its elements with SUBQUERY({property.Name}, $x, $x == $0).@count > 0.");
            }

            CheckQueryable(property, description);
            var kind = property.Type.Element;
            string sql;
            if (property.Name == @class.PrimaryKey)
            {
                sql = DocumentScalars.IsPlainJson(kind) ? "json_extract(" + key + ", '$')" : Tagged(key, kind);
            }
            else
            {
                var field = IsPathSafe(property.Name)
                    ? "json_extract(" + document + ", " + parameters.Add(FieldPath(property.Name)) + ")"
                    : FieldByKey(property.Name);
                sql = kind switch
                {
                    _ when DocumentScalars.IsPlainJson(kind) => field,
                    ElementKind.DateTime => "(" + field + " & " + DateTimeMaskSql + ")",
                    _ => Tagged(field, kind),
                };

                // An absent field of a non-nullable property reads as the local column's default.
                if (!property.Type.Nullable)
                {
                    sql = "COALESCE(" + sql + ", " + DocumentScalars.DefaultSql(kind) + ")";
                }
            }

            return new Column(Collate(sql, kind), kind, description);
        }

        private PropertyDefinition Property(PropertyPath path)
        {
            if (path.Segments.Count != 1)
            {
                throw new QueryRejectedException($"'{@class.Name}.{path}' follows a link or embedded object, which {Unsupported}; query the class's own properties.");
            }

            var name = path.Segments[0];
            return @class.Properties.TryGetValue(name, out var property)
                ? property
                : throw new QueryRejectedException($"Class '{@class.Name}' has no property '{name}'.");
        }

        private static void CheckQueryable(PropertyDefinition property, string description)
        {
            if (!DocumentScalars.IsQueryable(property.Type.Element))
            {
                var what = property.Type.Element switch
                {
                    ElementKind.Link => "a link",
                    ElementKind.Embedded => "an embedded object",
                    _ => "a mixed value",
                };
                throw new QueryRejectedException($"'{description}' holds {what}, which {Unsupported}.");
            }
        }

        private string Describe(PropertyPath path) => path.IsEmpty ? "@self" : $"{@class.Name}.{path}";

        // Kinds are enum constants (never user data), so they are part of the SQL text.
        private static string Tagged(string json, ElementKind kind)
        {
            var call = DocumentSqlFunctions.ValueFunction + "(" + json + ", " + ((int)kind).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";

            // A function cannot return a zero-length blob (SQLite makes it NULL), so empty data is restored here.
            return kind == ElementKind.Data ? "(CASE WHEN " + json + " IS NULL THEN NULL ELSE COALESCE(" + call + ", X'') END)" : call;
        }

        private static string Collate(string sql, ElementKind kind) =>
            kind == ElementKind.Decimal ? "(" + sql + " COLLATE " + DocumentSqlFunctions.DecimalCollation + ")" : sql;

        // A JSON path compares its label with the key as written in the document, escapes and all, and quotes the
        // label with '"' without any escape of its own: only names the writer never escapes (plain ASCII, no quote
        // or backslash) go into a path; any other name is found by its decoded key instead (slower, always exact).
        private static bool IsPathSafe(string name)
        {
            foreach (var c in name)
            {
                if (c is < ' ' or > '~' or '"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`')
                {
                    return false;
                }
            }

            return true;
        }

        private static string FieldPath(string name) => "$.\"" + name + "\"";

        private string FieldByKey(string name) =>
            "(SELECT value FROM json_each(" + document + ") WHERE key = " + parameters.Add(name) + ")";
    }

    /// <summary>
    /// The realm wildcard pattern (<c>*</c> any run, <c>?</c> one character) as a GLOB pattern: the only other GLOB
    /// metacharacters, <c>[</c> and <c>]</c>, become one-character sets, so they match themselves.
    /// </summary>
    public static string ToGlob(string pattern)
    {
        var glob = new StringBuilder(pattern.Length + 8);
        foreach (var c in pattern)
        {
            _ = c switch
            {
                '[' => glob.Append("[[]"),
                ']' => glob.Append("[]]"),
                _ => glob.Append(c),
            };
        }

        return glob.ToString();
    }
}
