using System;
using System.Collections.Generic;
using System.Linq;

namespace SourceGenSync.Runtime.Tests.Migrations;

/// <summary>Migrations that change how objects are identified: links to them are re-pointed through the row key.</summary>
public sealed partial class PrimaryKeyMigrationTests : IDisposable
{
    private readonly TempRealmFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Moving_the_primary_key_to_another_property_repoints_links_to_the_objects()
    {
        WriteV1(("ada@example.com", "alan@example.com"));

        using var realm = Realm.Open(_folder.Config([PersonKeyedByEmail.Schema, DogV2.Schema, TagV1.Schema, PostV1.Schema], version: 2));

        var ada = realm.Find<PersonKeyedByEmail>("ada@example.com")!;
        Assert.Equal((1, "Ada"), (ada.Id, ada.Name));
        Assert.Same(ada, realm.Find<DogV2>("Rex")!.Owner);
        Assert.Equal("Alan", realm.Find<DogV2>("Fido")!.Owner!.Name);
        Assert.True(_folder.TableExists("class_Person.pk.Email"));
    }

    [Fact]
    public void Duplicate_primary_keys_after_the_migration_fail_the_open_and_keep_the_file()
    {
        WriteV1(("same@example.com", "same@example.com"));

        var error = Assert.Throws<RealmMigrationException>(() =>
            Realm.Open(_folder.Config([PersonKeyedByEmail.Schema, DogV2.Schema, TagV1.Schema, PostV1.Schema], version: 2)));

        Assert.Contains("'Person.Email' must be unique", error.Message, StringComparison.Ordinal);
        Assert.Contains("'same@example.com'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _folder.StoredSchemaVersion);
        using var realm = Realm.Open(_folder.Config([PersonV1.Schema, DogV1.Schema, TagV1.Schema, PostV1.Schema], version: 1));
        Assert.Equal("Ada", realm.Find<DogV1>("Rex")!.Owner!.Name);
    }

    [Fact]
    public void Giving_a_class_a_primary_key_repoints_lists_that_linked_by_row_key()
    {
        WriteV1(("ada@example.com", "alan@example.com"));

        using var realm = Realm.Open(_folder.Config([PersonV1.Schema, DogV1.Schema, TagKeyedByName.Schema, PostV2.Schema], version: 2));

        var post = Assert.Single(realm.All<PostV2>().ToList());
        Assert.Equal(["csharp", "sqlite"], post.Tags.Select(static t => t.Name));
        Assert.Equal("csharp", post.Main!.Name);
        Assert.Same(post.Main, realm.Find<TagKeyedByName>("csharp"));
    }

    [Fact]
    public void A_renamed_primary_key_keeps_links_valid()
    {
        WriteV1(("ada@example.com", "alan@example.com"));
        var config = _folder.Config([PersonKeyRenamed.Schema, DogV3.Schema, TagV1.Schema, PostV1.Schema], version: 2,
            callback: static (migration, _) => migration.RenameProperty("Person", "Id", "PersonId"));

        using var realm = Realm.Open(config);

        Assert.Equal("Ada", realm.Find<DogV3>("Rex")!.Owner!.Name);
        Assert.Equal("Alan", realm.Find<PersonKeyRenamed>(2)!.Name);
    }

    private void WriteV1((string Ada, string Alan) emails) =>
        _folder.Write(_folder.Config([PersonV1.Schema, DogV1.Schema, TagV1.Schema, PostV1.Schema], version: 1), realm =>
        {
            var ada = realm.Add(new PersonV1 { Id = 1, Name = "Ada", Email = emails.Ada });
            var alan = realm.Add(new PersonV1 { Id = 2, Name = "Alan", Email = emails.Alan });
            realm.Add(new DogV1 { Name = "Rex", Owner = ada });
            realm.Add(new DogV1 { Name = "Fido", Owner = alan });
            var csharp = realm.Add(new TagV1 { Name = "csharp" });
            var sqlite = realm.Add(new TagV1 { Name = "sqlite" });
            realm.Add(new PostV1 { Title = "Hello", Main = csharp, Tags = { csharp, sqlite } });
        });

    [RealmObject]
    [MapTo("Person")]
    private partial class PersonV1
    {
        [PrimaryKey]
        public partial int Id { get; set; }

        public partial string Name { get; set; }

        public partial string Email { get; set; }
    }

    [RealmObject]
    [MapTo("Dog")]
    private partial class DogV1
    {
        [PrimaryKey]
        public partial string Name { get; set; }

        public partial PersonV1? Owner { get; set; }
    }

    [RealmObject]
    [MapTo("Tag")]
    private partial class TagV1
    {
        public partial string Name { get; set; }
    }

    [RealmObject]
    [MapTo("Post")]
    private partial class PostV1
    {
        public partial string Title { get; set; }

        public partial TagV1? Main { get; set; }

        public partial IList<TagV1> Tags { get; }
    }

    [RealmObject]
    [MapTo("Person")]
    private partial class PersonKeyedByEmail
    {
        public partial int Id { get; set; }

        public partial string Name { get; set; }

        [PrimaryKey]
        public partial string Email { get; set; }
    }

    [RealmObject]
    [MapTo("Dog")]
    private partial class DogV2
    {
        [PrimaryKey]
        public partial string Name { get; set; }

        public partial PersonKeyedByEmail? Owner { get; set; }
    }

    [RealmObject]
    [MapTo("Person")]
    private partial class PersonKeyRenamed
    {
        [PrimaryKey]
        public partial int PersonId { get; set; }

        public partial string Name { get; set; }

        public partial string Email { get; set; }
    }

    [RealmObject]
    [MapTo("Dog")]
    private partial class DogV3
    {
        [PrimaryKey]
        public partial string Name { get; set; }

        public partial PersonKeyRenamed? Owner { get; set; }
    }

    [RealmObject]
    [MapTo("Tag")]
    private partial class TagKeyedByName
    {
        [PrimaryKey]
        public partial string Name { get; set; }
    }

    [RealmObject]
    [MapTo("Post")]
    private partial class PostV2
    {
        public partial string Title { get; set; }

        public partial TagKeyedByName? Main { get; set; }

        public partial IList<TagKeyedByName> Tags { get; }
    }
}
