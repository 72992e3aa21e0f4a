using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Schema;

namespace SourceGenSync.Runtime.Tests.Migrations;

/// <summary>When and how the migration callback runs, and what happens when it fails.</summary>
public sealed partial class CallbackTests : IDisposable
{
    private static readonly ObjectSchema[] s_v1 = [PersonV1.Schema, NoteV1.Schema];

    private readonly TempRealmFolder _folder = new();

    public CallbackTests() =>
        _folder.Write(_folder.Config(s_v1, version: 1), realm =>
        {
            realm.Add(new PersonV1 { Id = 1, FirstName = "Ada", LastName = "Lovelace", Age = 36 });
            realm.Add(new PersonV1 { Id = 2, FirstName = "Alan", LastName = "Turing", Age = 41 });
            realm.Add(new NoteV1 { Text = "remember" });
        });

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_callback_runs_exactly_once_with_the_file_schema_version()
    {
        var calls = new List<(ulong Argument, ulong Property)>();
        var config = _folder.Config([PersonWithFullName.Schema], version: 5, callback: (migration, old) => calls.Add((old, migration.OldSchemaVersion)));

        using (Realm.Open(config))
        {
        }

        using (Realm.Open(config))
        {
        }

        Assert.Equal([(1UL, 1UL)], calls);
        Assert.Equal(5, _folder.StoredSchemaVersion);
    }

    [Fact]
    public void The_callback_is_not_called_when_the_schema_version_is_unchanged()
    {
        var called = false;

        using (Realm.Open(_folder.Config([PersonWithFullName.Schema], version: 1, callback: (_, _) => called = true)))
        {
        }

        Assert.False(called);
        Assert.True(_folder.ColumnExists("class_Person", "FullName"));
    }

    [Fact]
    public void An_additive_bump_runs_the_callback_with_old_values_and_new_properties()
    {
        var config = _folder.Config([PersonWithFullName.Schema], version: 2, callback: static (migration, _) =>
        {
            foreach (var old in migration.OldObjects("Person"))
            {
                Assert.False(old.HasProperty("FullName"));
                migration.FindInNewRealm<PersonWithFullName>(old)!.FullName = old.Get<string>("FirstName") + " " + old.Get<string>("LastName");
            }
        });

        using (Realm.Open(config))
        {
        }

        using var realm = Realm.Open(_folder.Config([PersonWithFullName.Schema], version: 2));
        Assert.Equal(["Ada Lovelace", "Alan Turing"], realm.All<PersonWithFullName>().ToList().Select(static p => p.FullName).Order());
    }

    [Fact]
    public void A_callback_that_throws_surfaces_as_RealmMigrationException_and_leaves_the_file_as_it_was()
    {
        var boom = new InvalidOperationException("boom");
        var config = _folder.Config([PersonRenamed.Schema], version: 2, callback: (migration, _) =>
        {
            migration.RenameProperty("Person", "FirstName", "GivenName");
            migration.RemoveType("Note");
            throw boom;
        });

        var error = Assert.Throws<RealmMigrationException>(() => Realm.Open(config));

        Assert.Same(boom, error.InnerException);
        Assert.Contains(_folder.RealmPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("boom", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _folder.StoredSchemaVersion);
        Assert.Equal(0, _folder.Count("SELECT count(*) FROM sqlite_master WHERE name LIKE 'old_%'"));
        using var realm = Realm.Open(_folder.Config(s_v1, version: 1));
        Assert.Equal(("Ada", 36), (realm.Find<PersonV1>(1)!.FirstName, realm.Find<PersonV1>(1)!.Age));
        Assert.Equal("remember", Assert.Single(realm.All<NoteV1>().ToList()).Text);
    }

    [Fact]
    public void RenameProperty_carries_the_values_into_the_new_property()
    {
        var config = _folder.Config([PersonRenamed.Schema], version: 2, callback: static (migration, _) => migration.RenameProperty("Person", "FirstName", "GivenName"));

        using (Realm.Open(config))
        {
        }

        using var realm = Realm.Open(_folder.Config([PersonRenamed.Schema], version: 2));
        Assert.Equal(("Ada", "Lovelace", 36), (realm.Find<PersonRenamed>(1)!.GivenName, realm.Find<PersonRenamed>(1)!.LastName, realm.Find<PersonRenamed>(1)!.Age));
        Assert.False(_folder.ColumnExists("class_Person", "FirstName"));
    }

    [Fact]
    public void RenameProperty_refreshes_new_objects_the_callback_already_read()
    {
        string? seen = null;
        var config = _folder.Config([PersonRenamed.Schema], version: 2, callback: (migration, _) =>
        {
            var ada = migration.NewRealm.Find<PersonRenamed>(1)!;
            Assert.Equal("", ada.GivenName);
            migration.RenameProperty("Person", "FirstName", "GivenName");
            seen = ada.GivenName;
        });

        using (Realm.Open(config))
        {
        }

        Assert.Equal("Ada", seen);
    }

    [Fact]
    public void RenameProperty_between_different_stored_types_fails_with_a_clear_message()
    {
        var config = _folder.Config([PersonRenamedToNumber.Schema], version: 2, callback: static (migration, _) => migration.RenameProperty("Person", "FirstName", "GivenName"));

        var error = Assert.Throws<RealmMigrationException>(() => Realm.Open(config));

        var inner = Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains("'Person.FirstName' (String) to 'GivenName' (Int)", inner.Message, StringComparison.Ordinal);
        Assert.Equal(1, _folder.StoredSchemaVersion);
    }

    [Theory]
    [InlineData("Person", "Nope", "GivenName", "no property 'Nope'")]
    [InlineData("Person", "FirstName", "Nope", "no stored property 'Nope'")]
    [InlineData("Animal", "FirstName", "GivenName", "'Animal' is not in the realm's old schema")]
    public void RenameProperty_with_names_that_do_not_exist_fails(string className, string oldName, string newName, string expected)
    {
        var config = _folder.Config([PersonRenamed.Schema], version: 2, callback: (migration, _) => migration.RenameProperty(className, oldName, newName));

        var error = Assert.Throws<RealmMigrationException>(() => Realm.Open(config));

        Assert.IsType<ArgumentException>(error.InnerException);
        Assert.Contains(expected, error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveType_deletes_a_class_that_is_no_longer_configured()
    {
        var results = new List<bool>();
        var config = _folder.Config([PersonV1.Schema], version: 2, callback: (migration, _) =>
        {
            Assert.Equal("remember", Assert.Single(migration.OldObjects("Note")).Get<string>("Text"));
            results.Add(migration.RemoveType("Note"));
            results.Add(migration.RemoveType("Note"));
            results.Add(migration.RemoveType("NeverThere"));
            Assert.Throws<InvalidOperationException>(() => migration.OldObjects("Note"));
        });

        using (Realm.Open(config))
        {
        }

        Assert.Equal([true, false, false], results);
        Assert.False(_folder.TableExists("class_Note"));
        Assert.Equal(0, _folder.Count("SELECT count(*) FROM sgs_classes WHERE name = 'Note'"));
    }

    [Fact]
    public void RemoveType_of_a_configured_class_is_refused()
    {
        var config = _folder.Config(s_v1, version: 2, callback: static (migration, _) => migration.RemoveType("Note"));

        var error = Assert.Throws<RealmMigrationException>(() => Realm.Open(config));

        Assert.Contains("still in the configured schema", error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_left_out_of_the_configuration_stays_in_the_file()
    {
        using (Realm.Open(_folder.Config([PersonV1.Schema], version: 2, callback: static (_, _) => { })))
        {
        }

        using var realm = Realm.Open(_folder.Config(s_v1, version: 2));
        Assert.Equal("remember", Assert.Single(realm.All<NoteV1>().ToList()).Text);
    }

    [Fact]
    public void Objects_added_and_removed_in_the_callback_are_kept_and_Write_is_refused()
    {
        Exception? nested = null;
        var config = _folder.Config(s_v1, version: 2, callback: (migration, _) =>
        {
            var realm = migration.NewRealm;
            realm.Add(new PersonV1 { Id = 3, FirstName = "Grace", LastName = "Hopper" });
            realm.Remove(realm.Find<PersonV1>(2)!);
            nested = Record.Exception(() => realm.Write(() => { }));
        });

        using (Realm.Open(config))
        {
        }

        Assert.IsType<RealmInvalidTransactionException>(nested);
        using var reopened = Realm.Open(_folder.Config(s_v1, version: 2));
        Assert.Equal([1, 3], reopened.All<PersonV1>().ToList().Select(static p => p.Id).Order());
    }

    [Fact]
    public void The_migration_is_not_recorded_in_the_change_log_and_later_writes_are()
    {
        var before = _folder.Count("SELECT count(*) FROM sgs_changesets");
        var config = _folder.Config([PersonWithFullName.Schema], version: 2, callback: static (migration, _) =>
        {
            foreach (var person in migration.NewRealm.All<PersonWithFullName>().ToList())
            {
                person.FullName = "migrated";
            }
        });

        using (var realm = Realm.Open(config))
        {
            Assert.Equal(before, _folder.Count("SELECT count(*) FROM sgs_changesets"));
            realm.Write(() => realm.Find<PersonWithFullName>(1)!.Age = 37);
        }

        Assert.Equal(before + 1, _folder.Count("SELECT count(*) FROM sgs_changesets"));
        using var reopened = Realm.Open(_folder.Config([PersonWithFullName.Schema], version: 2));
        Assert.Equal(("migrated", 37), (reopened.Find<PersonWithFullName>(1)!.FullName, reopened.Find<PersonWithFullName>(1)!.Age));
    }

    [Fact]
    public void The_migration_object_cannot_be_used_after_the_callback()
    {
        Migration? kept = null;
        using (Realm.Open(_folder.Config(s_v1, version: 2, callback: (migration, _) => kept = migration)))
        {
        }

        Assert.Throws<InvalidOperationException>(() => kept!.OldObjects("Person"));
        Assert.True(kept!.NewRealm.IsClosed);
    }
}
