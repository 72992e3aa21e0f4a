using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace SourceGenSync.Internal.Queries;

/// <summary>
/// A compiled statement: SQL text with named parameters (<c>$p0</c>, <c>$p1</c>, ...) and their values in SQLite
/// form. User values only ever travel as parameters, never inside <see cref="Text"/>.
/// </summary>
internal sealed class SqlQuery
{
    private readonly (string Name, object Value)[] _parameters;

    public SqlQuery(string text, (string Name, object Value)[] parameters)
    {
        Text = text ?? throw new ArgumentNullException(nameof(text));
        _parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
    }

    public string Text { get; }

    public IReadOnlyList<(string Name, object Value)> Parameters => _parameters;

    /// <summary>Sets the command's text and replaces its parameters with this query's.</summary>
    public void Bind(SqliteCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.CommandText = Text;
        command.Parameters.Clear();
        foreach (var (name, value) in _parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }

    public override string ToString() => Text;
}

/// <summary>What <see cref="SqlQueryCompiler.CompileAggregate"/> computes.</summary>
internal enum AggregateKind
{
    Sum,
    Min,
    Max,
    Average,
}
