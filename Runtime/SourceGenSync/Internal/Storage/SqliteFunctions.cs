using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SourceGenSync.Internal.Storage;

/// <summary>
/// SQL functions and collations every realm connection registers (the query compiler relies on them):
/// <c>sgs_decimal</c> compares decimal text numerically; <c>sgs_fold(text)</c> folds case for case-insensitive
/// matching beyond ASCII (SQLite's own LOWER/LIKE fold only ASCII).
/// </summary>
internal static class SqliteFunctions
{
    public const string DecimalCollation = "sgs_decimal";
    public const string FoldFunction = "sgs_fold";

    public static void Register(SqliteConnection connection)
    {
        connection.CreateCollation(DecimalCollation, static (left, right) => CompareDecimalText(left, right));
        connection.CreateFunction<string?, string?>(FoldFunction, static text => text?.ToUpperInvariant(), isDeterministic: true);
    }

    private static int CompareDecimalText(string left, string right)
    {
        var l = decimal.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var a);
        var r = decimal.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var b);
        return l && r ? a.CompareTo(b) : string.CompareOrdinal(left, right);
    }

    /// <summary>The folded form of a query argument, computed once in .NET rather than per row in SQL.</summary>
    public static string Fold(string text) => text.ToUpperInvariant();
}
