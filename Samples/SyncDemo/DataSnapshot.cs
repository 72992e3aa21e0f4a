using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SourceGenSync;
using SyncDemo.Models;

namespace SyncDemo;

/// <summary>One object's synced fields, in a form that compares by value across devices and the server.</summary>
internal readonly record struct TodoRow(string Title, string Status, long Priority, long Views);

/// <summary>
/// The content of one side (a device's realm or the server's merged state) keyed by primary key, so the final
/// check can say exactly which object differs and how.
/// </summary>
internal sealed class DataSnapshot
{
    private DataSnapshot(string source, IReadOnlyDictionary<string, TodoRow> rows)
    {
        Source = source;
        Rows = rows;
    }

    public string Source { get; }

    public IReadOnlyDictionary<string, TodoRow> Rows { get; }

    public static DataSnapshot Of(string source, Realm realm)
    {
        ArgumentNullException.ThrowIfNull(realm);
        var rows = realm.All<TodoItem>().ToList().ToDictionary(
            t => t.Id, t => new TodoRow(t.Title, t.Status, t.Priority, t.Views.Value), StringComparer.Ordinal);
        return new DataSnapshot(source, rows);
    }

    /// <summary>
    /// Reads the server's merged state straight from its SQLite store (read-only; the server may be running):
    /// table <c>objects</c>, one document JSON per object (docs/server.md, docs/merge-rules.md "Document JSON").
    /// </summary>
    public static DataSnapshot OfServer(string storePath, string serverRealm)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = storePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT o.pk, o.doc FROM objects o JOIN realms r ON r.id = o.realm_id
            WHERE r.name = $realm AND o.class = $class;
            """;
        command.Parameters.AddWithValue("$realm", serverRealm);
        command.Parameters.AddWithValue("$class", nameof(TodoItem));
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, TodoRow>(StringComparer.Ordinal);
        while (reader.Read())
        {
            // The key column holds the key as document JSON: a string key is a JSON string.
            var key = JsonSerializer.Deserialize<string>(reader.GetString(0))!;
            using var document = JsonDocument.Parse(reader.GetString(1));
            var root = document.RootElement;
            rows[key] = new TodoRow(
                Text(root, nameof(TodoItem.Title)), Text(root, nameof(TodoItem.Status)),
                Number(root, nameof(TodoItem.Priority)), Number(root, nameof(TodoItem.Views)));
        }

        return new DataSnapshot("server", rows);

        static string Text(JsonElement root, string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

        static long Number(JsonElement root, string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
    }

    /// <summary>The differences from <paramref name="other"/>, one readable line each (empty: identical).</summary>
    public IReadOnlyList<string> Differences(DataSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();
        foreach (var (key, row) in Rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (!other.Rows.TryGetValue(key, out var theirs))
            {
                differences.Add($"{key}: on {Source}, missing on {other.Source}");
            }
            else if (row != theirs)
            {
                differences.Add($"{key}: {Source} has {row}, {other.Source} has {theirs}");
            }
        }

        differences.AddRange(other.Rows.Keys.Where(k => !Rows.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal)
            .Select(k => $"{k}: on {other.Source}, missing on {Source}"));
        return differences;
    }

    /// <summary>An order-independent fingerprint of the content, to print beside the counts.</summary>
    public string Fingerprint()
    {
        var hash = new HashCode();
        foreach (var (key, row) in Rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(row);
        }

        // HashCode is seeded per process: fine for comparing the three sides within one run.
        return ((uint)hash.ToHashCode()).ToString("x8", CultureInfo.InvariantCulture);
    }
}
