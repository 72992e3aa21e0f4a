using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SourceGenSync.Sync;

namespace SourceGenSync.Internal.Sync.Subscriptions;

/// <summary>
/// The flexible-sync subscription sets in a realm file. Every committed <c>Subscriptions.Update</c> stores a whole
/// new set (version = previous + 1, state Pending); the session marks sets Complete (older ones Superseded, their
/// subscriptions deleted) or Error. Subscriptions are not data: these writes never append to the change log.
/// <code>
/// sgs_subscription_sets (version INTEGER PRIMARY KEY, state INTEGER NOT NULL, error TEXT, created_at INTEGER NOT NULL)
/// sgs_subscriptions (set_version INTEGER NOT NULL, position INTEGER NOT NULL, id TEXT NOT NULL, name TEXT,
///     class TEXT NOT NULL, query TEXT NOT NULL, arguments BLOB NOT NULL, created_at INTEGER NOT NULL,
///     updated_at INTEGER NOT NULL, PRIMARY KEY (set_version, position))
/// </code>
/// <c>state</c> is <see cref="SubscriptionSetState"/> as a number (0 Pending, 1 Complete, 2 Error, 3 Superseded);
/// times are Unix milliseconds (UTC); <c>arguments</c> is <see cref="SubscriptionArguments"/>. A file without the
/// tables holds the implicit version 0 (empty, Pending). Every method runs on the caller's connection, inside the
/// caller's transaction when one is open (the realm's connection, or the session's own on the same file).
/// </summary>
internal static class SubscriptionTables
{
    private static readonly string[] s_create =
    [
        "CREATE TABLE IF NOT EXISTS sgs_subscription_sets (version INTEGER PRIMARY KEY, state INTEGER NOT NULL, error TEXT, created_at INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS sgs_subscriptions (set_version INTEGER NOT NULL, position INTEGER NOT NULL, id TEXT NOT NULL, name TEXT, " +
            "class TEXT NOT NULL, query TEXT NOT NULL, arguments BLOB NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, " +
            "PRIMARY KEY (set_version, position))",
    ];

    /// <summary>
    /// Creates the tables if they do not exist (idempotent). Inside an open write transaction the creation is part of
    /// it; without one each statement commits on its own, which is harmless because each is idempotent.
    /// </summary>
    public static void EnsureCreated(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        foreach (var statement in s_create)
        {
            Execute(connection, statement);
        }
    }

    /// <summary>True when the file has the tables (a read; nothing is created).</summary>
    public static bool Exist(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sgs_subscription_sets'";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
    }

    /// <summary>The newest set whatever its state; null when no set was ever stored (the implicit empty version 0).</summary>
    public static StoredSubscriptionSet? ReadLatest(SqliteConnection connection) =>
        ReadWhere(connection, "ORDER BY version DESC LIMIT 1", version: null);

    /// <summary>The newest Complete set: what the server currently syncs for this file; null when none is complete yet.</summary>
    public static StoredSubscriptionSet? ReadLatestComplete(SqliteConnection connection) =>
        ReadWhere(connection, "WHERE state = " + (int)SubscriptionSetState.Complete + " ORDER BY version DESC LIMIT 1", version: null);

    /// <summary>One version; null when it was never stored. Superseded sets come back without their subscriptions.</summary>
    public static StoredSubscriptionSet? ReadVersion(SqliteConnection connection, long version) =>
        ReadWhere(connection, "WHERE version = $version", version);

    /// <summary>
    /// The server has sent everything <paramref name="version"/> selects: that set becomes Complete and every older one
    /// Superseded (their subscriptions are deleted; the set rows stay so waits on them end). Run it in the transaction
    /// that integrates the download it completes, then call <see cref="SubscriptionSignals.StateChanged"/> after the
    /// commit. Version 0 (the initial empty set) is stored first if it never was; another unknown version is ignored.
    /// </summary>
    public static void MarkComplete(SqliteConnection connection, long version)
    {
        ArgumentNullException.ThrowIfNull(connection);
        EnsureCreated(connection);
        if (version == 0)
        {
            Execute(connection, "INSERT OR IGNORE INTO sgs_subscription_sets (version, state, error, created_at) VALUES (0, $a, NULL, $b)",
                (int)SubscriptionSetState.Pending, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }

        if (!Has(connection, version))
        {
            return;
        }

        Execute(connection, "UPDATE sgs_subscription_sets SET state = $a, error = NULL WHERE version = $b AND state <> $c",
            (int)SubscriptionSetState.Complete, version, (int)SubscriptionSetState.Superseded);
        Execute(connection, "UPDATE sgs_subscription_sets SET state = $a, error = NULL WHERE version < $b",
            (int)SubscriptionSetState.Superseded, version);
        Execute(connection, "DELETE FROM sgs_subscriptions WHERE set_version < $a", version);
    }

    /// <summary>
    /// The server refused <paramref name="version"/> (a query it cannot run, a permission): that set becomes Error with
    /// the server's <paramref name="message"/>; other sets keep their state (the server keeps syncing the last Complete one).
    /// Call <see cref="SubscriptionSignals.StateChanged"/> after the commit.
    /// </summary>
    public static void MarkError(SqliteConnection connection, long version, string message)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(message);
        EnsureCreated(connection);
        if (version == 0)
        {
            Execute(connection, "INSERT OR IGNORE INTO sgs_subscription_sets (version, state, error, created_at) VALUES (0, $a, NULL, $b)",
                (int)SubscriptionSetState.Pending, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }

        Execute(connection, "UPDATE sgs_subscription_sets SET state = $a, error = $b WHERE version = $c AND state <> $d",
            (int)SubscriptionSetState.Error, message, version, (int)SubscriptionSetState.Superseded);
    }

    /// <summary>Stores a new set (Update's commit); the caller's write transaction must be open and the tables created.</summary>
    public static void Insert(SqliteConnection connection, StoredSubscriptionSet set, DateTimeOffset createdAt)
    {
        Execute(connection, "INSERT INTO sgs_subscription_sets (version, state, error, created_at) VALUES ($a, $b, $c, $d)",
            set.Version, (int)set.State, set.Error, createdAt.ToUnixTimeMilliseconds());
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO sgs_subscriptions (set_version, position, id, name, class, query, arguments, created_at, updated_at) " +
            "VALUES ($version, $position, $id, $name, $class, $query, $arguments, $created, $updated)";
        var parameters = command.Parameters;
        var version = parameters.Add("$version", SqliteType.Integer);
        var position = parameters.Add("$position", SqliteType.Integer);
        var id = parameters.Add("$id", SqliteType.Text);
        var name = parameters.Add("$name", SqliteType.Text);
        var className = parameters.Add("$class", SqliteType.Text);
        var query = parameters.Add("$query", SqliteType.Text);
        var arguments = parameters.Add("$arguments", SqliteType.Blob);
        var created = parameters.Add("$created", SqliteType.Integer);
        var updated = parameters.Add("$updated", SqliteType.Integer);
        for (var i = 0; i < set.Subscriptions.Length; i++)
        {
            var subscription = set.Subscriptions[i];
            version.Value = set.Version;
            position.Value = i;
            id.Value = subscription.Id.ToString("D");
            name.Value = (object?)subscription.Name ?? DBNull.Value;
            className.Value = subscription.ClassName;
            query.Value = subscription.QueryText;
            arguments.Value = SubscriptionArguments.Encode(subscription.Arguments);
            created.Value = subscription.CreatedAt.ToUnixTimeMilliseconds();
            updated.Value = subscription.UpdatedAt.ToUnixTimeMilliseconds();
            command.ExecuteNonQuery();
        }
    }

    private static StoredSubscriptionSet? ReadWhere(SqliteConnection connection, string clause, long? version)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!Exist(connection))
        {
            return null;
        }

        long found;
        SubscriptionSetState state;
        string? error;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT version, state, error FROM sgs_subscription_sets " + clause;
            if (version is { } v)
            {
                command.Parameters.AddWithValue("$version", v);
            }

            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            found = reader.GetInt64(0);
            state = (SubscriptionSetState)reader.GetInt32(1);
            error = reader.IsDBNull(2) ? null : reader.GetString(2);
        }

        return new StoredSubscriptionSet(found, state, error, ReadSubscriptions(connection, found));
    }

    private static ImmutableArray<StoredSubscription> ReadSubscriptions(SqliteConnection connection, long version)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, class, query, arguments, created_at, updated_at FROM sgs_subscriptions WHERE set_version = $v ORDER BY position";
        command.Parameters.AddWithValue("$v", version);
        using var reader = command.ExecuteReader();
        var result = ImmutableArray.CreateBuilder<StoredSubscription>();
        while (reader.Read())
        {
            result.Add(new StoredSubscription(
                Guid.Parse(reader.GetString(0)),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                SubscriptionArguments.Decode((byte[])reader.GetValue(4)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }

        return result.ToImmutable();
    }

    private static bool Has(SqliteConnection connection, long version)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sgs_subscription_sets WHERE version = $v";
        command.Parameters.AddWithValue("$v", version);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
    }

    private static void Execute(SqliteConnection connection, string sql, params object?[] arguments)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < arguments.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (char)('a' + i), arguments[i] ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }
}
