using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SourceGenSync.Server.Permissions;

/// <summary>
/// The parameters of one SQL statement built from several fragments (a subscription, a read rule, the caller's own
/// conditions). Every value and JSON path of a query goes in here, never into the SQL text, so user data is inert.
/// Names are <c>@q0</c>, <c>@q1</c>, ...; callers composing with their own parameters avoid that prefix.
/// </summary>
internal sealed class SqlParameterList
{
    private readonly List<KeyValuePair<string, object?>> _items = [];
    private int _aliases;

    public IReadOnlyList<KeyValuePair<string, object?>> Items => _items;

    /// <summary>Adds a value and returns its parameter name.</summary>
    public string Add(object? value)
    {
        var name = "@q" + _items.Count.ToString(CultureInfo.InvariantCulture);
        _items.Add(new KeyValuePair<string, object?>(name, value));
        return name;
    }

    /// <summary>A table alias no other fragment of this statement uses (for <c>json_each</c> subqueries).</summary>
    public string NewAlias() => "sgs_e" + (_aliases++).ToString(CultureInfo.InvariantCulture);

    /// <summary>Adds every parameter to <paramref name="command"/> (null as SQL NULL).</summary>
    public void AddTo(SqliteCommand command)
    {
        foreach (var (name, value) in _items)
        {
            command.Parameters.AddWithValue(name, value ?? System.DBNull.Value);
        }
    }
}
