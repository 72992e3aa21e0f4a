using System;
using System.Collections.Generic;
using System.Linq;

namespace SourceGenSync.Runtime.Tests.Migrations;

/// <summary>New classes, new properties and index changes apply on open, without a schema version bump.</summary>
public sealed partial class AdditiveChangeTests : IDisposable
{
    private readonly TempRealmFolder _folder = new();

    public AdditiveChangeTests() =>
        _folder.Write(_folder.Config([PersonV1.Schema]), realm =>
        {
            realm.Add(new PersonV1 { Id = 1, Name = "Ada", Bio = "wrote the first program" });
            realm.Add(new PersonV1 { Id = 2, Name = "Alan", Bio = "broke codes" });
        });

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void New_properties_of_every_type_give_existing_objects_the_type_default()
    {
        using var realm = Realm.Open(_folder.Config([PersonV2.Schema, PetV2.Schema]));

        var ada = realm.Find<PersonV2>(1)!;
        Assert.Equal("Ada", ada.Name);
        Assert.Equal((0, 0L, false, 0d, 0f, 0m), (ada.Age, ada.Long, ada.Flag, ada.Double, ada.Float, ada.Decimal));
        Assert.Equal("", ada.Text);
        Assert.Empty(ada.Data);
        Assert.Equal(default, ada.Date);
        Assert.Equal(default, ada.Timestamp);
        Assert.Equal(Guid.Empty, ada.Guid);
        Assert.Equal(ObjectId.Empty, ada.ObjectId);
        Assert.True(ada.Mixed.IsNull);
        Assert.Null(ada.OptionalInt);
        Assert.Null(ada.OptionalText);
        Assert.Empty(ada.Tags);
        Assert.Empty(ada.Counts);
        Assert.Null(ada.Pet);
        Assert.Equal(0, _folder.StoredSchemaVersion);
    }

    [Fact]
    public void New_properties_and_a_new_class_can_be_written_after_the_upgrade()
    {
        using (var realm = Realm.Open(_folder.Config([PersonV2.Schema, PetV2.Schema])))
        {
            realm.Write(() =>
            {
                var ada = realm.Find<PersonV2>(1)!;
                ada.Age = 36;
                ada.Tags.Add("math");
                ada.Pet = realm.Add(new PetV2 { Name = "Rex" });
            });
        }

        using var reopened = Realm.Open(_folder.Config([PersonV2.Schema, PetV2.Schema]));
        var person = reopened.Find<PersonV2>(1)!;
        Assert.Equal(36, person.Age);
        Assert.Equal(["math"], person.Tags);
        Assert.Equal("Rex", person.Pet!.Name);
    }

    [Fact]
    public void A_new_index_and_a_new_full_text_index_on_existing_properties_cover_the_existing_rows()
    {
        using (Realm.Open(_folder.Config([PersonV2.Schema, PetV2.Schema])))
        {
        }

        Assert.True(_folder.TableExists("class_Person.idx.Name"));
        Assert.True(_folder.TableExists("fts_Person.Bio"));
        Assert.Equal(1, _folder.Count("SELECT count(*) FROM \"fts_Person.Bio\" WHERE \"fts_Person.Bio\" MATCH 'codes'"));
        Assert.Equal(2, _folder.Count("SELECT rowid FROM \"fts_Person.Bio\" WHERE \"fts_Person.Bio\" MATCH 'codes'"));
        Assert.Equal(0, _folder.StoredSchemaVersion);
    }

    [Fact]
    public void Dropping_an_index_is_also_applied_without_a_version_bump()
    {
        using (Realm.Open(_folder.Config([PersonV2.Schema, PetV2.Schema])))
        {
        }

        using var realm = Realm.Open(_folder.Config([PersonV3.Schema, PetV2.Schema]));

        Assert.False(_folder.TableExists("class_Person.idx.Name"));
        Assert.False(_folder.TableExists("fts_Person.Bio"));
        Assert.Equal(["Ada", "Alan"], realm.All<PersonV3>().ToList().Select(static p => p.Name).Order());
    }

    [RealmObject]
    [MapTo("Person")]
    private partial class PersonV1
    {
        [PrimaryKey]
        public partial int Id { get; set; }

        public partial string Name { get; set; }

        public partial string Bio { get; set; }
    }

    [RealmObject]
    [MapTo("Person")]
    private partial class PersonV2
    {
        [PrimaryKey]
        public partial int Id { get; set; }

        [Indexed]
        public partial string Name { get; set; }

        [Indexed(IndexType.FullText)]
        public partial string Bio { get; set; }

        public partial int Age { get; set; }

        public partial long Long { get; set; }

        public partial bool Flag { get; set; }

        public partial double Double { get; set; }

        public partial float Float { get; set; }

        public partial decimal Decimal { get; set; }

        public partial string Text { get; set; }

        public partial byte[] Data { get; set; }

        public partial DateTimeOffset Date { get; set; }

        public partial DateTime Timestamp { get; set; }

        public partial Guid Guid { get; set; }

        public partial ObjectId ObjectId { get; set; }

        public partial RealmValue Mixed { get; set; }

        public partial int? OptionalInt { get; set; }

        public partial string? OptionalText { get; set; }

        public partial IList<string> Tags { get; }

        public partial IDictionary<string, int> Counts { get; }

        public partial PetV2? Pet { get; set; }
    }

    /// <summary>PersonV2 without its indexes.</summary>
    [RealmObject]
    [MapTo("Person")]
    private partial class PersonV3
    {
        [PrimaryKey]
        public partial int Id { get; set; }

        public partial string Name { get; set; }

        public partial string Bio { get; set; }

        public partial int Age { get; set; }

        public partial long Long { get; set; }

        public partial bool Flag { get; set; }

        public partial double Double { get; set; }

        public partial float Float { get; set; }

        public partial decimal Decimal { get; set; }

        public partial string Text { get; set; }

        public partial byte[] Data { get; set; }

        public partial DateTimeOffset Date { get; set; }

        public partial DateTime Timestamp { get; set; }

        public partial Guid Guid { get; set; }

        public partial ObjectId ObjectId { get; set; }

        public partial RealmValue Mixed { get; set; }

        public partial int? OptionalInt { get; set; }

        public partial string? OptionalText { get; set; }

        public partial IList<string> Tags { get; }

        public partial IDictionary<string, int> Counts { get; }

        public partial PetV2? Pet { get; set; }
    }

    [RealmObject]
    [MapTo("Pet")]
    private partial class PetV2
    {
        [PrimaryKey]
        public partial string Name { get; set; }
    }
}
