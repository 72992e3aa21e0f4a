using System;
using System.Collections.Immutable;
using System.Text;

namespace SourceGenSync.Queries;

/// <summary>
/// The documented text form of a query: property paths and operators in text, every value as a numbered
/// argument (<c>$0</c>, <c>$1</c>, ...) carried separately as a typed <see cref="RealmValue"/>, so user data is
/// never spliced into query text. Example: <c>priority &gt;= $0 AND title CONTAINS[c] $1</c>.
/// </summary>
public static class QueryText
{
    public static FormattedQuery Format(QueryNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var builder = new StringBuilder();
        var arguments = ImmutableArray.CreateBuilder<RealmValue>();
        Write(node, builder, arguments, parentPrecedence: 0);
        return new FormattedQuery(builder.ToString(), arguments.ToImmutable());
    }

    // Precedence: OR = 1, AND = 2, NOT and atoms = 3. Parentheses only where needed, so text is stable.
    private static void Write(QueryNode node, StringBuilder text, ImmutableArray<RealmValue>.Builder args, int parentPrecedence)
    {
        switch (node)
        {
            case TruePredicate:
                text.Append("TRUEPREDICATE");
                break;
            case OrNode or:
                WriteBinary(or.Left, " OR ", or.Right, 1, text, args, parentPrecedence);
                break;
            case AndNode and:
                WriteBinary(and.Left, " AND ", and.Right, 2, text, args, parentPrecedence);
                break;
            case NotNode not:
                text.Append("NOT ");
                Write(not.Operand, text, args, parentPrecedence: 3);
                break;
            case ComparisonNode comparison:
                text.Append(comparison.Property).Append(' ').Append(Symbol(comparison.Operator)).Append(' ');
                AppendArgument(comparison.Value, text, args);
                break;
            case StringNode str:
                text.Append(str.Property).Append(' ').Append(Keyword(str.Operator));
                if (!str.CaseSensitive)
                {
                    text.Append("[c]");
                }

                text.Append(' ');
                AppendArgument(str.Value, text, args);
                break;
            case FullTextNode fullText:
                text.Append(fullText.Property).Append(" TEXT ");
                AppendArgument(fullText.Terms, text, args);
                break;
            case InNode inNode:
                text.Append(inNode.Property).Append(" IN {");
                for (var i = 0; i < inNode.Values.Length; i++)
                {
                    if (i > 0)
                    {
                        text.Append(", ");
                    }

                    AppendArgument(inNode.Values[i], text, args);
                }

                text.Append('}');
                break;
            case CollectionAnyNode any:
                text.Append("SUBQUERY(").Append(any.Collection).Append(", $x, ");
                Write(any.Predicate, text, args, parentPrecedence: 0);
                text.Append(").@count > 0");
                break;
            case CollectionCountNode count:
                text.Append(count.Collection).Append(".@count ").Append(Symbol(count.Operator)).Append(' ');
                AppendArgument(count.Count, text, args);
                break;
            case DictionaryContainsKeyNode containsKey:
                text.Append(containsKey.Dictionary).Append(".@keys == ");
                AppendArgument(containsKey.Key, text, args);
                break;
            default:
                throw new NotSupportedException($"The query node {node.GetType().Name} has no text form.");
        }
    }

    private static void WriteBinary(
        QueryNode left, string op, QueryNode right, int precedence,
        StringBuilder text, ImmutableArray<RealmValue>.Builder args, int parentPrecedence)
    {
        var parenthesize = precedence < parentPrecedence;
        if (parenthesize)
        {
            text.Append('(');
        }

        Write(left, text, args, precedence);
        text.Append(op);
        Write(right, text, args, precedence);
        if (parenthesize)
        {
            text.Append(')');
        }
    }

    private static void AppendArgument(RealmValue value, StringBuilder text, ImmutableArray<RealmValue>.Builder args)
    {
        text.Append('$').Append(args.Count);
        args.Add(value);
    }

    public static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "==",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "<=",
        ComparisonOperator.GreaterThan => ">",
        ComparisonOperator.GreaterThanOrEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    private static string Keyword(StringOperator op) => op switch
    {
        StringOperator.Equal => "==",
        StringOperator.Contains => "CONTAINS",
        StringOperator.StartsWith => "BEGINSWITH",
        StringOperator.EndsWith => "ENDSWITH",
        StringOperator.Like => "LIKE",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };
}

/// <summary>Query text plus its arguments, in order (<c>$0</c> is <c>Arguments[0]</c>).</summary>
public sealed record FormattedQuery(string Text, ImmutableArray<RealmValue> Arguments);
