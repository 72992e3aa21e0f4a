using System;
using System.Collections.Generic;
using System.Linq;

namespace SourceGenSync.Queries;

/// <summary>
/// Maps a tree to the one tree its text form parses back to (docs/queries.md "Canonical forms"), so
/// <c>QueryParser.Parse(QueryText.Format(n))</c> equals <c>Canonicalize(n)</c> for every <c>n</c>. Trees that format
/// to the same text canonicalize to the same tree, which also makes this a cheap "same query?" test.
/// </summary>
public static class QueryCanonicalizer
{
    public static QueryNode Canonicalize(QueryNode node) => node switch
    {
        // The text form has no separate case-sensitive string equality: `p == $0` is a comparison.
        StringNode { Operator: StringOperator.Equal, CaseSensitive: true } s =>
            new ComparisonNode(s.Property, ComparisonOperator.Equal, s.Value),
        // Format writes `a AND (b AND c)` as `a AND b AND c`, which parses left-associatively.
        AndNode and => LeftFold(Flatten<AndNode>(and, n => (n.Left, n.Right)), (l, r) => new AndNode(l, r)),
        OrNode or => LeftFold(Flatten<OrNode>(or, n => (n.Left, n.Right)), (l, r) => new OrNode(l, r)),
        NotNode not => new NotNode(Canonicalize(not.Operand)),
        CollectionAnyNode any => any with { Predicate = Canonicalize(any.Predicate) },
        _ => node,
    };

    private static List<QueryNode> Flatten<T>(T root, Func<T, (QueryNode Left, QueryNode Right)> children)
        where T : QueryNode
    {
        var terms = new List<QueryNode>();
        var pending = new Stack<QueryNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current is T same)
            {
                var (left, right) = children(same);
                pending.Push(right);
                pending.Push(left);
            }
            else
            {
                terms.Add(Canonicalize(current));
            }
        }

        return terms;
    }

    private static QueryNode LeftFold(List<QueryNode> terms, Func<QueryNode, QueryNode, QueryNode> combine) =>
        terms.Skip(1).Aggregate(terms[0], combine);
}
