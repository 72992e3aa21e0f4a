using System;
using System.Collections.Generic;
using System.Text;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;

namespace SourceGenSync.Internal.Queries;

/// <summary>
/// String matching and full-text search. Case-sensitive matches compare ordinally (SQLite's BINARY collation,
/// instr and substr, which count characters the same way on both sides); case-insensitive ones compare
/// <c>sgs_fold(column)</c> with an argument folded once in .NET, so letters beyond ASCII fold too.
/// </summary>
internal static class SqlText
{
    public static void WriteString(SqlColumn column, StringNode node, SqlCompilation compilation, StringBuilder sql)
    {
        if (node.Value is null)
        {
            throw new ArgumentException($"The string match on '{column.Description}' has no value.", nameof(node));
        }

        var mixed = column.Encoding == ValueEncoding.Mixed;
        if (!mixed && column.Encoding != ValueEncoding.String)
        {
            throw new NotSupportedException(
                $"'{column.Description}' is not a string property, so {node.Operator} cannot be applied to it.");
        }

        sql.Append('(');
        if (mixed)
        {
            SqlMixed.WriteStringGuard(column, sql);
        }

        var value = node.CaseSensitive ? node.Value : SqliteFunctions.Fold(node.Value);
        var target = node.CaseSensitive ? column.Sql : SqliteFunctions.FoldFunction + "(" + column.Sql + ")";
        if (value.Length == 0 && node.Operator is StringOperator.Contains or StringOperator.StartsWith or StringOperator.EndsWith)
        {
            // Every string contains, starts and ends with the empty string (instr would say otherwise).
            sql.Append(column.Sql).Append(" IS NOT NULL)");
            return;
        }

        var parameter = compilation.Parameter(node.Operator == StringOperator.Like ? ToGlob(value) : value);
        _ = node.Operator switch
        {
            StringOperator.Equal => sql.Append(target).Append(" = ").Append(parameter),
            StringOperator.Contains => sql.Append("instr(").Append(target).Append(", ").Append(parameter).Append(") > 0"),
            StringOperator.StartsWith => sql.Append("substr(").Append(target).Append(", 1, length(").Append(parameter).Append(")) = ").Append(parameter),
            StringOperator.EndsWith => sql.Append("substr(").Append(target).Append(", -length(").Append(parameter).Append(")) = ").Append(parameter),
            StringOperator.Like => sql.Append(target).Append(" GLOB ").Append(parameter),
            _ => throw new ArgumentOutOfRangeException(nameof(node), node.Operator, "Unknown string operator."),
        };
        sql.Append(')');
    }

    /// <summary>
    /// The realm wildcard pattern (<c>*</c> any run, <c>?</c> one character) as a GLOB pattern: the only other
    /// GLOB metacharacters, <c>[</c> and <c>]</c>, become one-character sets, so they match themselves.
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

    public static void WriteFullText(SqlColumn column, FullTextNode node, SqlCompilation compilation, StringBuilder sql)
    {
        if (column.Property is not { IndexType: IndexType.FullText } property || column.Owner is null || column.OwnerAlias is null)
        {
            throw new NotSupportedException(
                $"'{column.Description}' has no full-text index. Mark the property [Indexed(IndexType.FullText)] to search it with full-text terms.");
        }

        var (include, exclude) = ToFullTextQuery(node.Terms ?? "");
        if (include is null && exclude is null)
        {
            sql.Append('0'); // no searchable word: nothing matches
            return;
        }

        var fts = StorageLayout.Quote(StorageLayout.FullTextTableName(column.Owner.ClassName, property.MappedName));
        var key = column.OwnerAlias + "." + SqlCompilation.KeyColumn;
        var match = include is null ? exclude! : exclude is null ? include : "(" + include + ") NOT (" + exclude + ")";
        sql.Append('(').Append(key).Append(include is null ? " NOT IN" : " IN")
            .Append(" (SELECT rowid FROM ").Append(fts).Append(" WHERE ").Append(fts).Append(" MATCH ")
            .Append(compilation.Parameter(match)).Append("))");
    }

    /// <summary>
    /// Turns user terms into a safe FTS5 query: every word becomes a quoted string (so FTS5 operators and syntax
    /// in user input are plain text), a leading '-' excludes the word, a trailing '*' makes it a prefix. Returns
    /// the words that must all match (AND) and those none may match (OR), each null when there are none.
    /// </summary>
    public static (string? Include, string? Exclude) ToFullTextQuery(string terms)
    {
        var include = new List<string>();
        var exclude = new List<string>();
        foreach (var raw in terms.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw;
            var negate = word.Length > 1 && word[0] == '-';
            if (negate)
            {
                word = word[1..];
            }

            var prefix = word.EndsWith('*');
            word = word.TrimEnd('*');
            if (!HasWordCharacter(word))
            {
                continue; // punctuation alone tokenizes to nothing, and FTS5 rejects an empty phrase
            }

            var phrase = "\"" + word.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (prefix ? " *" : "");
            (negate ? exclude : include).Add(phrase);
        }

        return (include.Count == 0 ? null : string.Join(" AND ", include), exclude.Count == 0 ? null : string.Join(" OR ", exclude));
    }

    private static bool HasWordCharacter(string word)
    {
        foreach (var c in word)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }
}
