using System;
using System.Text;
using SourceGenSync.Queries;

namespace SourceGenSync.Internal.Queries;

/// <summary>
/// Writes a query node as a SQL condition evaluated in a scope. Conditions may be NULL where SQL is unsure (a
/// comparison with a null column); AND and OR already treat that as "no match", and NOT is written as
/// <c>(x) IS NOT 1</c>, so a negated unknown matches, as negating a false comparison does in C#.
/// </summary>
internal static class SqlPredicates
{
    public static void Write(QueryNode node, SqlScope scope, StringBuilder sql)
    {
        var compilation = scope.Compilation;
        switch (node)
        {
            case TruePredicate:
                sql.Append('1');
                break;
            case AndNode and:
                WriteBinary(and.Left, " AND ", and.Right, scope, sql);
                break;
            case OrNode or:
                WriteBinary(or.Left, " OR ", or.Right, scope, sql);
                break;
            case NotNode not:
                sql.Append("((");
                Write(not.Operand, scope, sql);
                sql.Append(") IS NOT 1)");
                break;
            case ComparisonNode comparison:
                SqlComparisons.Write(scope.ResolveColumn(comparison.Property), comparison.Operator, comparison.Value, compilation, sql);
                break;
            case StringNode str:
                SqlText.WriteString(scope.ResolveColumn(str.Property), str, compilation, sql);
                break;
            case FullTextNode fullText:
                SqlText.WriteFullText(scope.ResolveColumn(fullText.Property), fullText, compilation, sql);
                break;
            case InNode inNode:
                SqlComparisons.WriteIn(scope.ResolveColumn(inNode.Property), inNode, compilation, sql);
                break;
            case CollectionAnyNode any:
                SqlCollections.WriteAny(any, scope, sql);
                break;
            case CollectionCountNode count:
                SqlCollections.WriteCount(count, scope, sql);
                break;
            case DictionaryContainsKeyNode containsKey:
                SqlCollections.WriteContainsKey(containsKey, scope, sql);
                break;
            case null:
                throw new ArgumentNullException(nameof(node));
            default:
                throw new NotSupportedException($"The query node {node.GetType().Name} cannot be compiled to SQL.");
        }
    }

    private static void WriteBinary(QueryNode left, string op, QueryNode right, SqlScope scope, StringBuilder sql)
    {
        sql.Append('(');
        Write(left, scope, sql);
        sql.Append(op);
        Write(right, scope, sql);
        sql.Append(')');
    }
}
