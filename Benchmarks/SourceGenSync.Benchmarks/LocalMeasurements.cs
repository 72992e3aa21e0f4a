using System;
using System.Diagnostics;
using System.Linq;
using Microsoft.Data.Sqlite;
using SourceGenSync.Benchmarks.Models;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Benchmarks;

/// <summary>
/// One measurement each, on its own file in <see cref="TempFolder"/>. Opening a realm is never timed; what is timed
/// is stated on each method. Rates are per second, latencies in nanoseconds.
/// </summary>
internal static class LocalMeasurements
{
    /// <summary>
    /// Bulk insert: <see cref="LocalData.Count"/> new objects in one write transaction, commit included (the commit
    /// encodes the transaction's changeset and appends it to the change log).
    /// </summary>
    public static double Insert(TempFolder folder, LocalData data)
    {
        using var realm = Realm.Open(LocalData.Config(folder.NewFile("insert")));
        Settle();
        var stopwatch = Stopwatch.StartNew();
        realm.Write(() =>
        {
            for (var i = 0; i < data.Count; i++)
            {
                realm.Add(data.Item(i));
            }
        });
        stopwatch.Stop();
        return data.Count / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The same rows through plain Microsoft.Data.Sqlite: the SDK's own table definition (so indexes match), WAL
    /// and synchronous=FULL, one transaction, one prepared command reused for every row.
    /// </summary>
    public static double RawSqliteInsert(TempFolder folder, LocalData data)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = folder.NewFile("raw"), Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL");
        Execute(connection, "PRAGMA synchronous=FULL");
        var table = new StorageLayout([BenchItem.Schema]).Tables[0];
        foreach (var statement in SchemaDdl.CreateClass(table))
        {
            Execute(connection, statement);
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {table.QuotedName} (\"_id\", \"Name\", \"Quantity\", \"Price\", \"IsActive\") VALUES ($id, $name, $quantity, $price, $active)";
        var id = insert.Parameters.Add("$id", SqliteType.Blob);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var quantity = insert.Parameters.Add("$quantity", SqliteType.Integer);
        var price = insert.Parameters.Add("$price", SqliteType.Real);
        var active = insert.Parameters.Add("$active", SqliteType.Integer);
        insert.Prepare();
        Settle();
        var stopwatch = Stopwatch.StartNew();
        using (var transaction = connection.BeginTransaction())
        {
            insert.Transaction = transaction;
            for (var i = 0; i < data.Count; i++)
            {
                id.Value = data.Ids[i].ToByteArray();
                name.Value = data.Names[i];
                quantity.Value = (long)i;
                price.Value = i * 0.25;
                active.Value = (i & 1) == 0 ? 1L : 0L;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        stopwatch.Stop();
        return data.Count / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Durable small transactions: one object added and committed per transaction, <paramref name="commits"/> times.</summary>
    public static double SingleWriteTransactions(TempFolder folder, LocalData data, int commits)
    {
        using var realm = Realm.Open(LocalData.Config(folder.NewFile("tx")));
        Settle();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < commits; i++)
        {
            var item = data.Item(i);
            realm.Write(() => realm.Add(item));
        }

        stopwatch.Stop();
        return commits / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>A file holding every input object, for the read measurements.</summary>
    public static string Populate(TempFolder folder, LocalData data)
    {
        var path = folder.NewFile("read");
        using var realm = Realm.Open(LocalData.Config(path));
        realm.Write(() =>
        {
            for (var i = 0; i < data.Count; i++)
            {
                realm.Add(data.Item(i));
            }
        });
        return path;
    }

    /// <summary>
    /// Find by primary key, every key once in random order: cold (a freshly opened realm, so every lookup reads and
    /// materializes a row), then warm (the same objects again, still referenced, so the identity map answers).
    /// </summary>
    public static (double Cold, double Warm) FindByPrimaryKey(string path, LocalData data)
    {
        using var realm = Realm.Open(LocalData.Config(path));
        var keys = data.ShuffledIds();
        var found = new BenchItem?[keys.Length];
        Settle();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < keys.Length; i++)
        {
            found[i] = realm.Find<BenchItem>(keys[i]);
        }

        var cold = keys.Length / stopwatch.Elapsed.TotalSeconds;
        Check(found.All(static f => f is not null), "a cold Find missed an existing key");

        keys = data.ShuffledIds();
        stopwatch.Restart();
        for (var i = 0; i < keys.Length; i++)
        {
            found[i] = realm.Find<BenchItem>(keys[i]);
        }

        var warm = keys.Length / stopwatch.Elapsed.TotalSeconds;
        Check(found.All(static f => f is not null), "a warm Find missed an existing key");
        return (cold, warm);
    }

    /// <summary>
    /// Baseline for the reads: plain Microsoft.Data.Sqlite on the same file, every key once in random order with one
    /// prepared SELECT of the row (every column read, the ObjectId as a byte array), and one full scan of the table.
    /// </summary>
    public static (double Find, double Scan) RawSqliteReads(string path, LocalData data)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        var table = new StorageLayout([BenchItem.Schema]).Tables[0];
        var columns = table.SelectList();
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {columns} FROM {table.QuotedName} WHERE \"_id\" = $id";
        var id = select.Parameters.Add("$id", SqliteType.Blob);
        select.Prepare();
        var keys = data.ShuffledIds();
        long check = 0;
        Settle();
        var stopwatch = Stopwatch.StartNew();
        using (var transaction = connection.BeginTransaction())
        {
            select.Transaction = transaction;
            foreach (var key in keys)
            {
                id.Value = key.ToByteArray();
                using var reader = select.ExecuteReader();
                if (reader.Read())
                {
                    check += ReadRow(reader);
                }
            }
        }

        var find = keys.Length / stopwatch.Elapsed.TotalSeconds;
        Check(check == keys.Length, "a raw find missed an existing key");

        using var scan = connection.CreateCommand();
        scan.CommandText = $"SELECT {columns} FROM {table.QuotedName}";
        Settle();
        stopwatch.Restart();
        var rows = 0;
        using (var reader = scan.ExecuteReader())
        {
            while (reader.Read())
            {
                rows += (int)ReadRow(reader);
            }
        }

        var scanRate = rows / stopwatch.Elapsed.TotalSeconds;
        Check(rows == data.Count, $"the raw scan read {rows} rows, not {data.Count}");
        return (find, scanRate);

        static long ReadRow(SqliteDataReader reader)
        {
            var key = reader.GetInt64(0);
            var objectId = new ObjectId((byte[])reader.GetValue(1));
            var name = reader.GetString(2);
            var quantity = reader.GetInt64(3);
            var price = reader.GetDouble(4);
            var active = reader.GetInt64(5) != 0;
            return key > 0 && objectId != default && name.Length > 0 && quantity >= 0 && price >= 0 && (active || !active) ? 1 : 0;
        }
    }

    /// <summary>Enumerating <c>All&lt;T&gt;()</c> on a freshly opened realm: every row read and materialized as an object.</summary>
    public static double MaterializeAll(string path, LocalData data)
    {
        using var realm = Realm.Open(LocalData.Config(path));
        Settle();
        var stopwatch = Stopwatch.StartNew();
        var count = 0;
        foreach (var item in realm.All<BenchItem>())
        {
            count += item is null ? 0 : 1;
        }

        stopwatch.Stop();
        Check(count == data.Count, $"All<T>() gave {count} objects, not {data.Count}");
        return count / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>A LINQ-filtered query on a freshly opened realm (translation, SQL filter, materialization); the filter keeps every row.</summary>
    public static double MaterializeFiltered(string path, LocalData data)
    {
        using var realm = Realm.Open(LocalData.Config(path));
        Settle();
        var stopwatch = Stopwatch.StartNew();
        var count = 0;
        foreach (var item in realm.All<BenchItem>().Where(static x => x.Quantity >= 0 && x.Price >= 0))
        {
            count += item is null ? 0 : 1;
        }

        stopwatch.Stop();
        Check(count == data.Count, $"the filtered query gave {count} objects, not {data.Count}");
        return count / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Property reads of a managed object: (long get ns, string get ns, bytes allocated over the long gets).</summary>
    public static (double LongNs, double StringNs, long AllocatedBytes) ManagedGet(string path, LocalData data, int iterations)
    {
        using var realm = Realm.Open(LocalData.Config(path));
        var item = realm.Find<BenchItem>(data.Ids[0])!;
        long sum = 0;
        for (var i = 0; i < 100_000; i++)
        {
            sum += item.Quantity + item.Name.Length;
        }

        Settle();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            sum += item.Quantity;
        }

        stopwatch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var longNs = stopwatch.Elapsed.TotalNanoseconds / iterations;

        stopwatch.Restart();
        for (var i = 0; i < iterations; i++)
        {
            sum += item.Name.Length;
        }

        stopwatch.Stop();
        GC.KeepAlive(sum);
        return (longNs, stopwatch.Elapsed.TotalNanoseconds / iterations, allocated);
    }

    /// <summary>Property writes of a managed object inside one write transaction (an UPDATE and a recorded SetField each), rolled back after.</summary>
    public static double ManagedSet(string path, LocalData data, int iterations)
    {
        using var realm = Realm.Open(LocalData.Config(path));
        var item = realm.Find<BenchItem>(data.Ids[0])!;
        using var transaction = realm.BeginWrite();
        for (var i = 0; i < 1_000; i++)
        {
            item.Quantity = i;
        }

        Settle();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            item.Quantity = i;
        }

        stopwatch.Stop();
        return stopwatch.Elapsed.TotalNanoseconds / iterations;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Starts each timing with a clean heap, so one measurement's garbage is not collected in the next.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark self-check failed: " + what + ".");
        }
    }
}
