using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Internal.Sync.Subscriptions;
using SourceGenSync.Sync;

namespace SourceGenSync.Runtime.Tests.Sync.Subscriptions;

/// <summary>The tables the session reads and marks (from a connection of its own), and the argument encoding.</summary>
public sealed class SubscriptionTablesTests : IDisposable
{
    private readonly SubscriptionFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_file_without_the_tables_reads_as_no_set_and_EnsureCreated_is_idempotent()
    {
        _files.Track(Realm.OpenWithoutSession(_files.Config())).Dispose();
        using var connection = RealmFile.Open(_files.PathOf("flx"), readOnly: false);

        Assert.Null(SubscriptionTables.ReadLatest(connection));
        Assert.Null(SubscriptionTables.ReadLatestComplete(connection));
        SubscriptionTables.EnsureCreated(connection);
        SubscriptionTables.EnsureCreated(connection);
        Assert.True(SubscriptionTables.Exist(connection));
        Assert.Null(SubscriptionTables.ReadLatest(connection));
    }

    [Fact]
    public void ReadLatest_and_ReadLatestComplete_as_the_session_sees_them()
    {
        var realm = _files.Open();
        realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<SubTask>(), "a"));
        realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<SubPerson>().Where(f => f.Age == 4)));
        _files.MarkComplete("flx", 1);

        var (latest, complete) = _files.Read("flx", c => (SubscriptionTables.ReadLatest(c), SubscriptionTables.ReadLatestComplete(c)));

        Assert.Equal((2L, SubscriptionSetState.Pending, 2), (latest!.Version, latest.State, latest.Subscriptions.Length));
        Assert.Equal((1L, SubscriptionSetState.Complete, 1), (complete!.Version, complete.State, complete.Subscriptions.Length));
        var person = latest.Subscriptions[1];
        Assert.Equal(("SubPerson", "Age == $0", 4L), (person.ClassName, person.QueryText, person.Arguments[0].AsInt64()));
        Assert.Equal(realm.Subscriptions[1].Stored, person);
    }

    [Fact]
    public void MarkComplete_of_an_unknown_version_changes_nothing()
    {
        var realm = _files.Open();
        realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<SubTask>()));

        _files.MarkComplete("flx", 7);

        Assert.Equal(SubscriptionSetState.Pending, realm.Subscriptions.State);
        Assert.Equal(SubscriptionSetState.Pending, _files.ReadVersion("flx", 0)!.State);
    }

    [Fact]
    public void MarkComplete_and_MarkError_run_inside_the_callers_transaction_and_roll_back_with_it()
    {
        var realm = _files.Open();
        realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<SubTask>()));

        using (var connection = RealmFile.Open(_files.PathOf("flx"), readOnly: false))
        {
            RealmFile.Execute(connection, "BEGIN IMMEDIATE");
            SubscriptionTables.MarkComplete(connection, 1);
            SubscriptionTables.MarkError(connection, 1, "late");
            Assert.Equal(SubscriptionSetState.Error, SubscriptionTables.ReadVersion(connection, 1)!.State);
            RealmFile.Execute(connection, "ROLLBACK");
        }

        SubscriptionSignals.For(_files.PathOf("flx")).StateChanged();
        Assert.Equal(SubscriptionSetState.Pending, realm.Subscriptions.State);
        Assert.Equal(SubscriptionSetState.Pending, _files.ReadVersion("flx", 0)!.State);
    }

    [Fact]
    public void A_superseded_set_cannot_become_Complete_or_Error_again()
    {
        var realm = _files.Open();
        realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<SubTask>()));
        realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<SubPerson>()));
        _files.MarkComplete("flx", 2);

        _files.MarkComplete("flx", 1);
        _files.MarkError("flx", 1, "too late");

        Assert.Equal(SubscriptionSetState.Superseded, _files.ReadVersion("flx", 1)!.State);
        Assert.Equal(SubscriptionSetState.Complete, realm.Subscriptions.State);
    }

    [Fact]
    public void Arguments_of_every_type_round_trip()
    {
        ImmutableArray<RealmValue> values =
        [
            RealmValue.Null, RealmValue.Create(-5L), RealmValue.Create(true), RealmValue.Create("héllo"), RealmValue.Create(new byte[] { 0, 1, 255 }),
            RealmValue.Create(new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.FromHours(-3))), RealmValue.Create(1.5f), RealmValue.Create(-2.25),
            RealmValue.Create(12345.678m), RealmValue.Create(ObjectId.GenerateNewId()), RealmValue.Create(Guid.NewGuid()), RealmValue.Create(""),
        ];

        var decoded = SubscriptionArguments.Decode(SubscriptionArguments.Encode(values));

        Assert.Equal(values.ToArray(), decoded.ToArray());
        Assert.Equal(TimeSpan.FromHours(-3), decoded[5].AsDate().Offset);
        Assert.Empty(SubscriptionArguments.Decode(SubscriptionArguments.Encode([])));
    }

    [Fact]
    public void Damaged_arguments_are_reported_not_misread()
    {
        var encoded = SubscriptionArguments.Encode([RealmValue.Create("a long enough string")]);

        Assert.Throws<InvalidDataException>(() => SubscriptionArguments.Decode(encoded[..^3]));
        Assert.Throws<InvalidDataException>(() => SubscriptionArguments.Decode([9, 0]));
        Assert.Throws<InvalidDataException>(() => SubscriptionArguments.Decode([1, 1, 200]));
    }

    [Fact]
    public void The_signals_of_a_path_are_one_object_for_the_process()
    {
        var path = _files.PathOf("flx");

        Assert.Same(SubscriptionSignals.For(path), SubscriptionSignals.For(Path.Combine(_files.Folder, ".", "flx.realm")));
        Assert.NotSame(SubscriptionSignals.For(path), SubscriptionSignals.For(_files.PathOf("other")));
    }
}
