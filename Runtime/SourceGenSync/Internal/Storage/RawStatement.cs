using System;
using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Threading;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SourceGenSync.Internal.Storage;

/// <summary>
/// A statement prepared once on a realm's connection and driven through SQLitePCL.raw (bind, step, read, reset):
/// the hot paths (insert, select by key or primary key, query results) without Microsoft.Data.Sqlite's per-execution
/// reader, enumerator and parameter binder objects, and reading blobs as spans (no array per ObjectId or Guid).
/// Parameters are bound by position (1-based, in the order they appear in the SQL). Use it under the realm's gate,
/// and always end an execution with <see cref="Reset"/> (a statement left mid-step keeps its read open).
/// </summary>
internal sealed class RawStatement : IDisposable
{
    // What Microsoft.Data.Sqlite waits for a busy database (RealmFile's DefaultTimeout): SQLite reports BUSY to raw
    // callers at once, so a reader that meets a WAL recovery or a checkpoint retries here instead of failing.
    private static readonly TimeSpan s_busyTimeout = TimeSpan.FromSeconds(60);

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Sql = sql;
        var rc = raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out var stmt);
        if (rc != raw.SQLITE_OK)
        {
            stmt?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        _stmt = stmt!;
    }

    public string Sql { get; }

    /// <summary>The position of a named parameter (<c>$name</c>), or 0 when the SQL does not use it.</summary>
    public int IndexOf(string name) => raw.sqlite3_bind_parameter_index(_stmt, name);

    public void BindNull(int index) => Check(raw.sqlite3_bind_null(_stmt, index));

    public void BindInt64(int index, long value) => Check(raw.sqlite3_bind_int64(_stmt, index, value));

    public void BindDouble(int index, double value) => Check(raw.sqlite3_bind_double(_stmt, index, value));

    public void BindBlob(int index, ReadOnlySpan<byte> value) =>
        // An empty span has no address, which SQLite would bind as NULL: an empty blob is a zero-length zeroblob.
        Check(value.IsEmpty ? raw.sqlite3_bind_zeroblob(_stmt, index, 0) : raw.sqlite3_bind_blob(_stmt, index, value));

    /// <summary>Binds a blob of <paramref name="length"/> zero bytes, to be filled in with <see cref="WriteBlob"/>.</summary>
    public void BindZeroBlob(int index, int length) => Check(raw.sqlite3_bind_zeroblob(_stmt, index, length));

    /// <summary>Writes an encoded changeset's parts over the blob of a row just inserted (the blob's length already).</summary>
    public static void WriteBlob(SqliteConnection connection, string table, string column, long rowid, in SourceGenSync.Changesets.ChangesetWriter.Encoded data)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_blob_open(db, "main", table, column, rowid, 1, out var blob);
        if (rc != raw.SQLITE_OK)
        {
            blob?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        using (blob)
        {
            var offset = 0;
            for (var i = 0; i < data.PartCount; i++)
            {
                var part = data.Part(i);
                if (part.IsEmpty)
                {
                    continue;
                }

                rc = raw.sqlite3_blob_write(blob, part, offset);
                if (rc != raw.SQLITE_OK)
                {
                    SqliteException.ThrowExceptionForRC(rc, db);
                }

                offset += part.Length;
            }

            rc = raw.sqlite3_blob_close(blob);
            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }
    }

    public void BindText(int index, string value)
    {
        if (value.Length == 0)
        {
            Check(raw.sqlite3_bind_text(_stmt, index, value));
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(value, buffer);
            Check(raw.sqlite3_bind_text(_stmt, index, buffer[..length]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Binds an object identity or plain value in its stored form (<see cref="ValueCodec.ToSqlite"/>) without an array for keys.</summary>
    public void BindValue(int index, in RealmValue value)
    {
        switch (value.Type)
        {
            case RealmValueType.Int:
                BindInt64(index, value.AsInt64());
                break;
            case RealmValueType.String:
                BindText(index, value.AsString());
                break;
            case RealmValueType.ObjectId:
                Span<byte> id = stackalloc byte[ObjectId.ByteLength];
                value.AsObjectId().WriteTo(id);
                BindBlob(index, id);
                break;
            case RealmValueType.Guid:
                Span<byte> guid = stackalloc byte[16];
                value.AsGuid().TryWriteBytes(guid, bigEndian: true, out _);
                BindBlob(index, guid);
                break;
            default:
                Bind(index, ValueCodec.ToSqlite(value));
                break;
        }
    }

    /// <summary>Binds a value in the forms <see cref="ValueCodec"/> produces (what a SqliteParameter would take).</summary>
    public void Bind(int index, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                BindNull(index);
                break;
            case long l:
                BindInt64(index, l);
                break;
            case int i:
                BindInt64(index, i);
                break;
            case double d:
                BindDouble(index, d);
                break;
            case string s:
                BindText(index, s);
                break;
            case byte[] b:
                BindBlob(index, b);
                break;
            case bool b:
                BindInt64(index, b ? 1 : 0);
                break;
            default:
                throw new NotSupportedException($"A {value.GetType().Name} cannot be bound to a statement.");
        }
    }

    /// <summary>Advances to the next row: true with a row to read, false when done. Errors throw <see cref="SqliteException"/>.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_stmt);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        return StepSlow(rc);
    }

    /// <summary>Steps a statement that returns no rows (INSERT, UPDATE, DELETE) and resets it.</summary>
    public void Execute()
    {
        try
        {
            while (Step())
            {
            }
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Ends the current execution (the error of a failed step was already thrown by <see cref="Step"/>).</summary>
    public void Reset() => raw.sqlite3_reset(_stmt);

    public bool IsNull(int column) => raw.sqlite3_column_type(_stmt, column) == raw.SQLITE_NULL;

    /// <summary>The storage class of the column's value (SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB, SQLITE_NULL).</summary>
    public int TypeOf(int column) => raw.sqlite3_column_type(_stmt, column);

    public long GetInt64(int column) => raw.sqlite3_column_int64(_stmt, column);

    public double GetDouble(int column) => raw.sqlite3_column_double(_stmt, column);

    public string GetString(int column)
    {
        var bytes = raw.sqlite3_column_blob(_stmt, column);
        return bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The blob's bytes, valid until the next step, reset or column read of this statement.</summary>
    public ReadOnlySpan<byte> GetSpan(int column) => raw.sqlite3_column_blob(_stmt, column);

    public byte[] GetBytes(int column) => raw.sqlite3_column_blob(_stmt, column).ToArray();

    public void Dispose() => _stmt.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    private bool StepSlow(int rc)
    {
        var clock = Stopwatch.StartNew();
        while (rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED && clock.Elapsed < s_busyTimeout)
        {
            raw.sqlite3_reset(_stmt);
            Thread.Sleep(5);
            rc = raw.sqlite3_step(_stmt);
            if (rc == raw.SQLITE_ROW)
            {
                return true;
            }

            if (rc == raw.SQLITE_DONE)
            {
                return false;
            }
        }

        try
        {
            // Thrown before the reset, which would replace the connection's error message.
            SqliteException.ThrowExceptionForRC(rc, _db);
            return false;
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }
}
