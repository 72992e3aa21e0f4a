using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using SourceGenSync.Changesets;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>
/// The store encodes instructions into the changeset as it records them (no instruction objects kept until the
/// commit): the stored bytes must be exactly what ChangesetCodec.Encode gives for the decoded changeset.
/// </summary>
public sealed class RecordedChangesetBytesTests : IDisposable
{
    private readonly TempRealm _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Stored_changesets_are_byte_identical_to_the_codec_encoding_of_their_instructions()
    {
        var projectId = Guid.NewGuid();
        using (var realm = Realm.Open(_temp.Config))
        {
            realm.Write(() =>
            {
                var todo = realm.Add(new TodoItem { Id = ObjectId.GenerateNewId(), Title = "ünïcödé ✓", OwnerId = "o", Priority = -3, DueAt = DateTimeOffset.UnixEpoch.AddHours(5).ToOffset(TimeSpan.FromMinutes(-90)) });
                todo.Tags.Add("a");
                todo.Counts["x"] = 2;
                var project = realm.Add(new Project { Id = projectId, Name = new string('n', 300), Office = new Address { Street = "Main", City = null } });
                project.Items.Add(todo);
                project.Branches.Add(new Address { Street = "Side" });
                project.ByKey["k"] = todo;
                realm.Add(new AllTypes
                {
                    Key = "all",
                    Flag = true,
                    Long = long.MinValue,
                    Float = float.NaN,
                    Double = -0.0,
                    Decimal = 1.50m,
                    Data = [1, 2, 3],
                    Date = DateTimeOffset.MaxValue,
                    Timestamp = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Local),
                    Guid = Guid.NewGuid(),
                    ObjectId = ObjectId.GenerateNewId(),
                    Mixed = 4.5m,
                    OptionalGuid = Guid.NewGuid(),
                });
                realm.Add(new DbLogEntry { Message = "no key", Level = 1 });
            });
            realm.Write(() =>
            {
                var all = realm.Find<AllTypes>("all")!;
                all.LongCounter.Increment(7);
                all.Text = "changed";
                realm.Find<Project>(projectId)!.Office!.City = "Oslo";
                realm.Remove(realm.All<TodoItem>().First());
            });
        }

        var stored = StoredChangesets();
        Assert.Equal(2, stored.Count);
        foreach (var bytes in stored)
        {
            var decoded = ChangesetCodec.Decode(bytes);
            Assert.NotEmpty(decoded.Instructions);
            Assert.Equal(ChangesetCodec.Encode(decoded), bytes);
        }
    }

    [Fact]
    public void A_bulk_insert_spanning_many_buffer_chunks_round_trips_exactly()
    {
        using (var realm = Realm.Open(_temp.Config))
        {
            realm.Write(() =>
            {
                for (var i = 0; i < 5000; i++)
                {
                    realm.Add(new DbNode { Name = "node " + i, Value = i, When = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i) });
                }
            });
        }

        var bytes = StoredChangesets().Single();
        var decoded = ChangesetCodec.Decode(bytes);
        Assert.Equal(5000 * 4, decoded.Instructions.Count);
        Assert.Equal(ChangesetCodec.Encode(decoded), bytes);
        Assert.Equal(new SetField(ObjectRef.TopLevel("DbNode", "node 4999"), "Value", Payload.Of(4999L)), decoded.Instructions.OfType<SetField>().Last(s => s.Field == "Value"));
    }

    [Fact]
    public void A_value_the_format_cannot_hold_fails_the_commit_and_nothing_is_kept()
    {
        var id = ObjectId.GenerateNewId();
        using (var realm = Realm.Open(_temp.Config))
        {
            var error = Assert.Throws<ArgumentException>(() => realm.Write(() =>
            {
                realm.Add(new TodoItem { Id = id, Title = "unpaired \ud800 surrogate" });
                realm.Add(new DbNode { Name = "fine" });
            }));

            Assert.Contains("surrogate", error.Message, StringComparison.Ordinal);
            Assert.Null(realm.Find<TodoItem>(id));
            Assert.Null(realm.Find<DbNode>("fine"));
            realm.Write(() => realm.Add(new DbNode { Name = "after" }));
        }

        var decoded = ChangesetCodec.Decode(StoredChangesets().Single());
        Assert.Equal(1, decoded.Version);
        Assert.Equal(new CreateObject(ObjectRef.TopLevel("DbNode", "after")), decoded.Instructions[0]);
    }

    private List<byte[]> StoredChangesets()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _temp.FilePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM sgs_changesets ORDER BY version";
        using var reader = command.ExecuteReader();
        var result = new List<byte[]>();
        while (reader.Read())
        {
            result.Add((byte[])reader.GetValue(0));
        }

        return result;
    }
}
