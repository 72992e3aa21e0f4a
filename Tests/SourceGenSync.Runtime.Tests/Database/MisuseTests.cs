using System;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>Mistakes fail with the documented exception and a message that says what to do; files are not damaged.</summary>
public sealed class MisuseTests : IDisposable
{
    private readonly TempRealm _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Writing_a_managed_object_outside_a_transaction_throws_and_leaves_the_file_intact()
    {
        var realm = _temp.Open();
        var node = realm.Write(() => realm.Add(new DbNode { Name = "n", Value = 1 }));

        var error = Assert.Throws<RealmInvalidTransactionException>(() => node.Value = 2);

        Assert.Contains("realm.Write", error.Message, StringComparison.Ordinal);
        Assert.Contains("DbNode", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, node.Value);
        Assert.Equal(1, _temp.Open().Find<DbNode>("n")!.Value);
        Assert.Equal(1L, _temp.Scalar("SELECT count(*) FROM sgs_changesets"));
    }

    [Fact]
    public void Changing_the_primary_key_of_a_managed_object_throws()
    {
        var realm = _temp.Open();
        var node = realm.Write(() => realm.Add(new DbNode { Name = "n" }));

        realm.Write(() =>
        {
            var error = Assert.Throws<InvalidOperationException>(() => node.Name = "m");
            Assert.Contains("primary key", error.Message, StringComparison.Ordinal);
        });

        Assert.Equal("n", node.Name);
        Assert.NotNull(realm.Find<DbNode>("n"));
    }

    [Fact]
    public void Objects_of_a_disposed_realm_throw_RealmInvalidObjectException_saying_the_realm_was_closed()
    {
        var realm = Realm.Open(_temp.Config);
        var node = realm.Write(() => realm.Add(new DbNode { Name = "n" }));

        realm.Dispose();

        Assert.False(node.IsValid);
        var error = Assert.Throws<RealmInvalidObjectException>(() => node.Value);
        Assert.Contains("closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Queries_of_a_disposed_realm_throw_even_after_having_been_enumerated()
    {
        var realm = Realm.Open(_temp.Config);
        realm.Write(() => realm.Add(new DbNode { Name = "n" }));
        var fresh = realm.All<DbNode>();
        var enumerated = realm.All<DbNode>();
        Assert.Single(enumerated);

        realm.Dispose();

        Assert.Throws<ObjectDisposedException>(() => fresh.ToList());
        Assert.Throws<ObjectDisposedException>(() => fresh.Count());
        Assert.Throws<ObjectDisposedException>(() => enumerated.ToList());
        Assert.Throws<ObjectDisposedException>(() => ((RealmResults<DbNode>)enumerated).Count);
        Assert.False(((RealmResults<DbNode>)enumerated).IsValid);
    }

    [Fact]
    public void Find_on_a_class_without_a_primary_key_throws_and_suggests_a_query()
    {
        var realm = _temp.Open();

        var error = Assert.Throws<InvalidOperationException>(() => realm.Find<DbLogEntry>(1));

        Assert.Contains("no primary key", error.Message, StringComparison.Ordinal);
        Assert.Contains("All<DbLogEntry>", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("text")]
    [InlineData("sqlite-header-then-garbage")]
    public void A_file_that_is_not_a_realm_throws_RealmCorruptFileException_and_is_left_byte_for_byte(string kind)
    {
        var bytes = kind switch
        {
            "random" => RandomBytes(8192, seed: 1),
            "text" => "These are my notes, not a database.\n"u8.ToArray(),
            _ => [.. "SQLite format 3\0"u8.ToArray(), .. RandomBytes(8192, seed: 2)],
        };
        File.WriteAllBytes(_temp.FilePath, bytes);

        var error = Assert.Throws<RealmCorruptFileException>(() => Realm.Open(_temp.Config));

        Assert.Contains(_temp.FilePath, error.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, _temp.FileBytes());
        Assert.False(File.Exists(_temp.FilePath + "-wal"));
    }

    [Fact]
    public void An_sqlite_database_that_is_not_a_realm_throws_RealmCorruptFileException_and_is_left_byte_for_byte()
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _temp.FilePath, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('ada');";
            command.ExecuteNonQuery();
        }

        var before = _temp.FileBytes();

        var error = Assert.Throws<RealmCorruptFileException>(() => Realm.Open(_temp.Config));

        Assert.Contains("not a realm", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, _temp.FileBytes());
        Assert.Equal("ada", _temp.Scalar("SELECT name FROM customers"));
    }

    [Fact]
    public void An_sqlite_database_that_is_not_a_realm_is_rejected_read_only_too()
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _temp.FilePath, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (x)";
            command.ExecuteNonQuery();
        }

        var before = _temp.FileBytes();

        Assert.Throws<RealmCorruptFileException>(() => Realm.Open(_temp.ReadOnlyConfig));
        Assert.Equal(before, _temp.FileBytes());
    }

    [Fact]
    public void A_file_from_a_newer_schema_version_throws_RealmMigrationNeededException_and_is_left_intact()
    {
        using (var realm = Realm.Open(new RealmConfiguration(_temp.FilePath) { Schema = TempRealm.Schema, SchemaVersion = 5 }))
        {
            realm.Write(() => realm.Add(new DbNode { Name = "v5" }));
        }

        var before = _temp.FileBytes();

        var error = Assert.Throws<RealmMigrationNeededException>(() => Realm.Open(new RealmConfiguration(_temp.FilePath) { Schema = TempRealm.Schema, SchemaVersion = 3 }));

        Assert.Contains("schema version 5", error.Message, StringComparison.Ordinal);
        Assert.Contains("this app's 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, _temp.FileBytes());
        using var newer = Realm.Open(new RealmConfiguration(_temp.FilePath) { Schema = TempRealm.Schema, SchemaVersion = 5 });
        Assert.NotNull(newer.Find<DbNode>("v5"));
    }

    [Fact]
    public void Writing_to_a_realm_in_a_missing_unwritable_location_throws_RealmFileAccessErrorException()
    {
        var blocker = Path.Combine(_temp.Folder, "a-file");
        File.WriteAllText(blocker, "not a folder");

        Assert.Throws<RealmFileAccessErrorException>(() => Realm.Open(new RealmConfiguration(Path.Combine(blocker, "x.realm")) { Schema = TempRealm.Schema }));
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
