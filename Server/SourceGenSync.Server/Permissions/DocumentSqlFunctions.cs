using System.Globalization;
using Microsoft.Data.Sqlite;
using SourceGenSync.Server.Sync.Schema;

namespace SourceGenSync.Server.Permissions;

/// <summary>
/// The SQL functions and collation <see cref="DocumentQuerySql"/> fragments use; every connection that runs them
/// registers these first. All are deterministic. Names and semantics match the local store's (SqliteFunctions),
/// so a query means the same on both sides:
/// <c>sgs_fold(text)</c> folds case beyond ASCII (ToUpperInvariant); <c>sgs_decimal</c> compares decimal text
/// numerically; <c>sgs_doc_value(json, kind)</c> turns a tagged document value (<c>{"$double":1.5}</c>,
/// <c>{"$date":"…"}</c>, ...) into the form the local store keeps it in (<see cref="DocumentScalars"/>).
/// </summary>
internal static class DocumentSqlFunctions
{
    public const string DecimalCollation = "sgs_decimal";
    public const string FoldFunction = "sgs_fold";
    public const string ValueFunction = "sgs_doc_value";

    public static void Register(SqliteConnection connection)
    {
        connection.CreateCollation(DecimalCollation, static (left, right) => CompareDecimalText(left, right));
        connection.CreateFunction<string?, string?>(FoldFunction, static text => text?.ToUpperInvariant(), isDeterministic: true);
        connection.CreateFunction<string?, long, object?>(
            ValueFunction,
            static (json, kind) => DocumentScalars.FromJson(json, (ElementKind)kind),
            isDeterministic: true);
    }

    /// <summary>The folded form of a query argument, computed once in .NET rather than per row in SQL.</summary>
    public static string Fold(string text) => text.ToUpperInvariant();

    private static int CompareDecimalText(string left, string right)
    {
        var l = decimal.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var a);
        var r = decimal.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var b);
        return l && r ? a.CompareTo(b) : string.CompareOrdinal(left, right);
    }
}
