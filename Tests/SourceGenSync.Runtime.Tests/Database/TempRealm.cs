using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using SourceGenSync.Changesets;
using SourceGenSync.Runtime.Tests.Models;
using SourceGenSync.Schema;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>
/// A realm file in its own temporary folder. Every realm opened through it is disposed, and the folder deleted,
/// when the test ends.
/// </summary>
public sealed class TempRealm : TempFolder
{
    public TempRealm()
        : base("sgs-db-")
    {
        FilePath = Path.Combine(Folder, "x.realm");
    }

    /// <summary>Every class the database tests use: a fixed schema keeps them independent of other folders' models.</summary>
    public static IReadOnlyList<ObjectSchema> Schema { get; } =
        [TodoItem.Schema, Project.Schema, Comment.Schema, Address.Schema, AllTypes.Schema, DbNode.Schema, DbLogEntry.Schema, AuditEvent.Schema];

    public string FilePath { get; }

    public RealmConfiguration Config => new(FilePath) { Schema = Schema };

    public RealmConfiguration ReadOnlyConfig => new(FilePath) { Schema = Schema, IsReadOnly = true };

    /// <summary>Opens a new instance on the file (disposed at the end of the test).</summary>
    public Realm Open(RealmConfiguration? config = null) => Track(Realm.Open(config ?? Config));

    public byte[] FileBytes() => File.ReadAllBytes(FilePath);

    /// <summary>The change log, read with a plain SQLite connection (dispose the realms first to see every commit).</summary>
    public List<Changeset> Changesets() => ReadChangeLog(FilePath);

    /// <summary>A scalar query on the file with a plain SQLite connection.</summary>
    public object? Scalar(string sql) => ReadScalar(FilePath, sql);

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after a generous deadline.</summary>
    public static Task WaitUntil(Func<bool> condition, string what) => PollUntil(condition, what, TimeSpan.FromSeconds(10));
}
