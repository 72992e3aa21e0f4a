using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SourceGenSync.Schema;

namespace SourceGenSync.Runtime.Tests.Migrations;

/// <summary>
/// A schema version bump with breaking changes rebuilds the reshaped classes: unchanged properties, collections,
/// links and embedded objects keep their values; the rest is left to the migration callback.
/// </summary>
public sealed partial class RebuildTests : IDisposable
{
    private static readonly ObjectSchema[] s_v1 = [PersonV1.Schema, DogV1.Schema, AddressV1.Schema];
    private static readonly ObjectSchema[] s_v2 = [PersonV2.Schema, DogV2.Schema, AddressV2.Schema];

    private readonly TempRealmFolder _folder = new();

    public RebuildTests() =>
        _folder.Write(_folder.Config(s_v1, version: 1), realm =>
        {
            var ada = realm.Add(new PersonV1
            {
                Id = 1, Name = "Ada", Age = 36, Nickname = null, Email = "ada@example.com", Legacy = 7, Bio = "wrote the first program",
                Home = new AddressV1 { Street = "St James's Square", City = "London" },
                Tags = { "math", "poetry" },
                Scores = { ["chess"] = 3 },
                Offices = { new AddressV1 { Street = "Ockham Park" } },
            });
            var alan = realm.Add(new PersonV1 { Id = 2, Name = "Alan", Age = 41, Nickname = "Prof", Email = "alan@example.com", Bio = "broke codes" });
            var rex = realm.Add(new DogV1 { Name = "Rex", Owner = ada });
            var fido = realm.Add(new DogV1 { Name = "Fido", Owner = alan });
            ada.Pet = rex;
            ada.Dogs.Add(rex);
            ada.Dogs.Add(fido);
        });

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Removing_a_property_with_a_version_bump_keeps_every_other_value()
    {
        using var realm = Realm.Open(_folder.Config(s_v2, version: 2));

        var ada = realm.Find<PersonV2>(1)!;
        Assert.Equal(("Ada", "wrote the first program"), (ada.Name, ada.Bio));
        Assert.Equal(["math", "poetry"], ada.Tags);
        Assert.Equal(3, ada.Scores["chess"]);
        Assert.Empty(ada.Lucky);
        Assert.Equal("", ada.Motto);
        Assert.False(_folder.ColumnExists("class_Person", "Legacy"));
        Assert.Equal(0, _folder.Count("SELECT count(*) FROM sgs_properties WHERE class = 'Person' AND name = 'Legacy'"));
        Assert.Equal(0, _folder.Count("SELECT count(*) FROM sqlite_master WHERE name LIKE 'old_%'"));
        Assert.Equal(2, _folder.StoredSchemaVersion);
    }

    [Fact]
    public void Making_a_property_nullable_keeps_its_values()
    {
        using var realm = Realm.Open(_folder.Config(s_v2, version: 2));

        Assert.Equal("ada@example.com", realm.Find<PersonV2>(1)!.Email);
        Assert.Equal("alan@example.com", realm.Find<PersonV2>(2)!.Email);
    }

    [Fact]
    public void Making_a_property_required_turns_nulls_into_the_type_default()
    {
        using var realm = Realm.Open(_folder.Config(s_v2, version: 2));

        Assert.Equal("", realm.Find<PersonV2>(1)!.Nickname);
        Assert.Equal("Prof", realm.Find<PersonV2>(2)!.Nickname);
    }

    [Fact]
    public void A_property_whose_type_changed_gets_the_default_when_no_callback_converts_it()
    {
        using var realm = Realm.Open(_folder.Config(s_v2, version: 2));

        Assert.Equal("", realm.Find<PersonV2>(1)!.Age);
    }

    [Fact]
    public void A_property_whose_type_changed_is_converted_in_the_callback_from_the_old_objects()
    {
        var config = _folder.Config(s_v2, version: 2, callback: static (migration, _) =>
        {
            foreach (var old in migration.OldObjects("Person"))
            {
                migration.FindInNewRealm<PersonV2>(old)!.Age = old.Get<int>("Age").ToString(CultureInfo.InvariantCulture) + " years";
            }
        });

        using (Realm.Open(config))
        {
        }

        using var realm = Realm.Open(_folder.Config(s_v2, version: 2));
        Assert.Equal("36 years", realm.Find<PersonV2>(1)!.Age);
        Assert.Equal("41 years", realm.Find<PersonV2>(2)!.Age);
    }

    [Fact]
    public void Links_and_embedded_objects_survive_a_rebuild()
    {
        using var realm = Realm.Open(_folder.Config(s_v2, version: 2));

        var ada = realm.Find<PersonV2>(1)!;
        Assert.Equal("Rex", ada.Pet!.Name);
        Assert.Equal(["Rex", "Fido"], ada.Dogs.Select(static d => d.Name));
        Assert.Equal("St James's Square", ada.Home!.Street);
        Assert.Equal("Ockham Park", Assert.Single(ada.Offices).Street);
        Assert.Same(ada, realm.Find<DogV2>("Rex")!.Owner);
        Assert.Equal("Alan", realm.Find<DogV2>("Fido")!.Owner!.Name);
        Assert.False(_folder.ColumnExists("class_Address", "City"));
    }

    [Fact]
    public void The_full_text_index_of_a_rebuilt_class_covers_the_copied_rows()
    {
        using (Realm.Open(_folder.Config(s_v2, version: 2)))
        {
        }

        Assert.Equal(1, _folder.Count("SELECT count(*) FROM \"fts_Person.Bio\" WHERE \"fts_Person.Bio\" MATCH 'codes'"));
        Assert.Equal(2, _folder.Count("SELECT rowid FROM \"fts_Person.Bio\" WHERE \"fts_Person.Bio\" MATCH 'codes'"));
        Assert.Equal(1, _folder.Count("SELECT rowid FROM \"fts_Person.Bio\" WHERE \"fts_Person.Bio\" MATCH 'program'"));
    }

    [Fact]
    public void A_rebuilt_class_has_its_indexes_back_and_takes_new_writes()
    {
        using (var realm = Realm.Open(_folder.Config(s_v2, version: 2)))
        {
            realm.Write(() =>
            {
                var alan = realm.Find<PersonV2>(2)!;
                alan.Bio = "computable numbers";
                alan.Dogs.Add(realm.Find<DogV2>("Rex")!);
                alan.Tags.Add("logic");
            });
            Assert.ThrowsAny<Exception>(() => realm.Write(() => realm.Add(new PersonV2 { Id = 1 })));
        }

        Assert.True(_folder.TableExists("class_Person.pk.Id"));
        Assert.True(_folder.TableExists("class_Person.Dogs.idx.owner"));
        Assert.Equal(2, _folder.Count("SELECT rowid FROM \"fts_Person.Bio\" WHERE \"fts_Person.Bio\" MATCH 'computable'"));
        Assert.Equal(0, _folder.Count("SELECT count(*) FROM \"fts_Person.Bio\" WHERE \"fts_Person.Bio\" MATCH 'codes'"));
        using var reopened = Realm.Open(_folder.Config(s_v2, version: 2));
        var person = reopened.Find<PersonV2>(2)!;
        Assert.Equal(["Rex"], person.Dogs.Select(static d => d.Name));
        Assert.Equal(["logic"], person.Tags);
    }

    [Fact]
    public void Old_objects_expose_the_old_values_by_their_old_types()
    {
        var seen = new List<string>();
        var config = _folder.Config(s_v2, version: 2, callback: (migration, _) =>
        {
            var ada = migration.OldObjects("Person").Single(static o => o.PrimaryKey == 1);
            Assert.Equal(RealmValueType.Int, ada["Age"].Type);
            Assert.Equal(36L, ada.Get<long>("Age"));
            Assert.Equal("36", ada.Get<string>("Age"));
            Assert.Equal(7L, ada["Legacy"].AsInt64());
            Assert.Null(ada.Get<string?>("Nickname"));
            Assert.True(ada["Nickname"].IsNull);
            Assert.Equal("Rex", ada["Pet"].AsString());
            Assert.Equal(RealmValueType.Int, ada["Home"].Type);
            Assert.True(ada.HasProperty("Legacy"));
            Assert.False(ada.HasProperty("Missing"));
            Assert.Equal(["math", "poetry"], ada.GetList("Tags").Select(static t => t.AsString()));
            Assert.Equal(["Rex", "Fido"], ada.GetList("Dogs").Select(static t => t.AsString()));
            Assert.Equal(3L, ada.GetDictionary("Scores")["chess"].AsInt64());
            Assert.Throws<ArgumentException>(() => ada["Missing"]);
            Assert.Throws<InvalidOperationException>(() => ada["Tags"]);
            Assert.Throws<InvalidCastException>(() => ada.Get<int>("Nickname"));
            seen.AddRange(migration.OldObjects("Address").Select(static a => a.Get<string?>("City") ?? "-"));
        });

        using (Realm.Open(config))
        {
        }

        Assert.Equal(["London", "-"], seen);
    }

    [Fact]
    public void The_callback_sees_unchanged_values_already_copied_into_the_new_objects()
    {
        string? name = null;
        var config = _folder.Config(s_v2, version: 2, callback: (migration, _) =>
        {
            var old = migration.OldObjects("Person").First();
            var person = migration.FindInNewRealm<PersonV2>(old)!;
            name = person.Name + "/" + person.Pet!.Name + "/" + migration.NewRealm.All<PersonV2>().ToList().Count;
        });

        using (Realm.Open(config))
        {
        }

        Assert.Equal("Ada/Rex/2", name);
    }
}
