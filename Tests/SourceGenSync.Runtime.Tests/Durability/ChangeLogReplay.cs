using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SourceGenSync.Changesets;

namespace SourceGenSync.Runtime.Tests.Durability;

/// <summary>
/// Reads a realm file's change log (sgs_changesets) with plain SQLite, decodes every changeset and replays its
/// CreateObject / SetField / EraseObject instructions into a map of objects: class → primary key → field → value.
/// </summary>
internal sealed class ChangeLogReplay
{
    public Dictionary<string, Dictionary<RealmValue, Dictionary<string, RealmValue>>> Objects { get; } = new(StringComparer.Ordinal);

    /// <summary>The version column of every row, in order.</summary>
    public List<long> Versions { get; } = [];

    public static ChangeLogReplay Read(SqliteConnection connection)
    {
        var replay = new ChangeLogReplay();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, timestamp, data FROM sgs_changesets ORDER BY version";
        using var reader = command.ExecuteReader();
        var lastTimestamp = long.MinValue;
        while (reader.Read())
        {
            var version = reader.GetInt64(0);
            var timestamp = reader.GetInt64(1);
            var changeset = ChangesetCodec.Decode((byte[])reader.GetValue(2));
            Assert.Equal(version, changeset.Version);
            Assert.Equal(timestamp, changeset.Timestamp);
            Assert.True(timestamp > lastTimestamp, $"Changeset {version} has timestamp {timestamp}, not after the previous {lastTimestamp}.");
            lastTimestamp = timestamp;
            replay.Versions.Add(version);
            foreach (var instruction in changeset.Instructions)
            {
                replay.Apply(version, instruction);
            }
        }

        return replay;
    }

    public Dictionary<RealmValue, Dictionary<string, RealmValue>> Class(string name)
    {
        if (!Objects.TryGetValue(name, out var objects))
        {
            objects = [];
            Objects[name] = objects;
        }

        return objects;
    }

    private void Apply(long version, Instruction instruction)
    {
        Assert.False(instruction.Object.IsEmbedded, $"Changeset {version}: unexpected embedded path in {instruction}.");
        var objects = Class(instruction.Object.Class);
        var key = instruction.Object.PrimaryKey;
        switch (instruction)
        {
            case CreateObject:
                Assert.True(objects.TryAdd(key, new Dictionary<string, RealmValue>(StringComparer.Ordinal)), $"Changeset {version} creates {instruction.Object.Class} {key}, which already exists.");
                break;
            case SetField set:
                Assert.True(objects.TryGetValue(key, out var fields), $"Changeset {version} sets {set.Field} of {instruction.Object.Class} {key}, which does not exist.");
                Assert.Equal(PayloadKind.Value, set.Value.Kind);
                fields[set.Field] = set.Value.Value;
                break;
            case EraseObject:
                Assert.True(objects.Remove(key), $"Changeset {version} erases {instruction.Object.Class} {key}, which does not exist.");
                break;
            default:
                Assert.Fail($"Changeset {version} holds an instruction the crash writer never makes: {instruction}.");
                break;
        }
    }
}
