using System.Collections.Generic;
using System.Text;
using Microsoft.Data.Sqlite;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync;

// Row-level statements of Add: the key of an existing primary key, the insert and the whole-row update.
public sealed partial class Realm
{
    /// <summary>SQLITE_CONSTRAINT_UNIQUE: a UNIQUE index rejected the row.</summary>
    private const int SqliteConstraintUnique = 2067;

    private long? FindKey(ClassState state, in RealmValue identity)
    {
        if (state.TryGetByIdentity(identity, out var live) && live.Accessor is ManagedAccessor { Key: >= 0, State: AccessorState.Loaded } accessor)
        {
            return accessor.Key;
        }

        lock (Gate)
        {
            var statement = state.KeyByIdentity ??= new RawStatement(_connection, $"SELECT {StorageLayout.Quote(StorageLayout.KeyColumn)} FROM {state.Table.QuotedName} WHERE {state.Table.PrimaryKey!.QuotedName} = $id");
            try
            {
                statement.BindValue(1, identity);
                return statement.Step() ? statement.GetInt64(0) : null;
            }
            finally
            {
                statement.Reset();
            }
        }
    }

    private long InsertRow(ClassState state, RowCollector row)
    {
        var values = row.Values;
        lock (Gate)
        {
            var statement = state.Insert ??= new RawStatement(_connection, InsertSql(state.Table, values.Length));
            for (var p = 0; p < values.Length; p++)
            {
                values[p].BindTo(statement, p + 1);
            }

            NoteWrite();
            try
            {
                statement.Execute();
            }
            catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteConstraintUnique && state.Table.PrimaryKey is not null)
            {
                // Only the primary-key index of a class table is unique: this is a plain Add of an existing key.
                throw new RealmDuplicatePrimaryKeyValueException(state.Table.ClassName, Describe(row.PrimaryKey));
            }

            // The connection's last rowid is this row's even when full-text triggers inserted rows of their own
            // (the connection is used under the gate).
            return SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);
        }
    }

    private static string InsertSql(TableMap table, int count)
    {
        if (count == 0)
        {
            return $"INSERT INTO {table.QuotedName} DEFAULT VALUES";
        }

        var columns = new StringBuilder();
        var parameters = new StringBuilder();
        var i = 0;
        foreach (var column in table.Columns)
        {
            Append(column.QuotedName);
            if (column.HasAux)
            {
                Append(column.QuotedAuxName);
            }
        }

        return $"INSERT INTO {table.QuotedName} ({columns}) VALUES ({parameters})";

        void Append(string quoted)
        {
            if (i > 0)
            {
                columns.Append(", ");
                parameters.Append(", ");
            }

            columns.Append(quoted);
            parameters.Append("$p").Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            i++;
        }
    }

    private void UpdateRow(ClassState state, long key, ColumnValue[] values)
    {
        lock (Gate)
        {
            var sets = new StringBuilder();
            var names = new List<string> { "$key" };
            foreach (var column in state.Table.Columns)
            {
                Append(column.QuotedName);
                if (column.HasAux)
                {
                    Append(column.QuotedAuxName);
                }
            }

            var command = Command($"UPDATE {state.Table.QuotedName} SET {sets} WHERE {StorageLayout.Quote(StorageLayout.KeyColumn)} = $key", [.. names]);
            command.Parameters[0].Value = key;
            for (var p = 0; p < values.Length; p++)
            {
                command.Parameters[p + 1].Value = values[p].ToObject();
            }

            command.ExecuteNonQuery();
            NoteWrite();

            void Append(string quoted)
            {
                var name = "$p" + (names.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                sets.Append(sets.Length == 0 ? "" : ", ").Append(quoted).Append(" = ").Append(name);
                names.Add(name);
            }
        }
    }
}
