using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SourceGenSync.Schema;

namespace SourceGenSync.Runtime.Tests.Migrations;

/// <summary>Breaking schema changes without a schema version bump, newer files, and ShouldDeleteIfMigrationNeeded.</summary>
public sealed partial class MigrationNeededTests : IDisposable
{
    private readonly TempRealmFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("removed", "'Person.Age' was removed")]
    [InlineData("type", "'Person.Age' changed from Int to String")]
    [InlineData("nullability", "'Person.Age' changed from Int to Int?")]
    [InlineData("collection", "'Person.Age' changed from Int to List of Int")]
    [InlineData("set", "'Person.Tags' changed from List of String to Set of String")]
    [InlineData("primaryKey", "'Person.Name' changed from String to String (primary key)")]
    [InlineData("kind", "Class 'Person' changed from TopLevel to Embedded")]
    public void Breaking_change_without_a_version_bump_names_the_class_and_property(string change, string expected)
    {
        WriteOnePerson();
        var called = false;
        var config = _folder.Config(Changed(change), version: 0, callback: (_, _) => called = true);

        var error = Assert.Throws<RealmMigrationNeededException>(() => Realm.Open(config));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("SchemaVersion", error.Message, StringComparison.Ordinal);
        Assert.False(called);
        AssertOnePersonIntact();
    }

    [Fact]
    public void File_with_a_newer_schema_version_than_configured_is_refused_and_left_untouched()
    {
        _folder.Write(_folder.Config([PersonV1.Schema], version: 3), realm => realm.Add(new PersonV1 { Id = 1, Name = "Ada" }));

        var error = Assert.Throws<RealmMigrationNeededException>(() => Realm.Open(_folder.Config([PersonV1.Schema], version: 2)));

        Assert.Contains("schema version 3, newer than this app's 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _folder.StoredSchemaVersion);
        using var realm = Realm.Open(_folder.Config([PersonV1.Schema], version: 3));
        Assert.Equal("Ada", realm.Find<PersonV1>(1)!.Name);
    }

    [Fact]
    public void ShouldDeleteIfMigrationNeeded_replaces_an_incompatible_file_with_an_empty_one()
    {
        WriteOnePerson();
        var config = new RealmConfiguration(_folder.RealmPath) { Schema = [PersonAgeAsText.Schema], ShouldDeleteIfMigrationNeeded = true };

        using var realm = Realm.Open(config);

        Assert.Empty(realm.All<PersonAgeAsText>().ToList());
        realm.Write(() => realm.Add(new PersonAgeAsText { Id = 2, Age = "forty" }));
        Assert.Equal("forty", realm.Find<PersonAgeAsText>(2)!.Age);
    }

    [Fact]
    public void ShouldDeleteIfMigrationNeeded_keeps_the_data_when_the_changes_are_additive()
    {
        WriteOnePerson();
        var config = new RealmConfiguration(_folder.RealmPath) { Schema = [PersonWithEmail.Schema], ShouldDeleteIfMigrationNeeded = true };

        using var realm = Realm.Open(config);

        var person = realm.Find<PersonWithEmail>(1)!;
        Assert.Equal("Ada", person.Name);
        Assert.Equal("", person.Email);
    }

    [Fact]
    public void Read_only_open_of_a_file_with_another_schema_is_refused()
    {
        WriteOnePerson();
        var config = new RealmConfiguration(_folder.RealmPath) { Schema = [PersonWithEmail.Schema], IsReadOnly = true };

        var error = Assert.Throws<RealmMigrationNeededException>(() => Realm.Open(config));

        Assert.Contains("'Person.Email' is not in the file", error.Message, StringComparison.Ordinal);
        Assert.False(_folder.ColumnExists("class_Person", "Email"));
    }

    private static IReadOnlyList<ObjectSchema> Changed(string change) => change switch
    {
        "removed" => [PersonAgeRemoved.Schema],
        "type" => [PersonAgeAsText.Schema],
        "nullability" => [PersonAgeOptional.Schema],
        "collection" => [PersonAgeAsList.Schema],
        "set" => [PersonTagsAsSet.Schema],
        "primaryKey" => [PersonKeyedByName.Schema],
        "kind" => [PersonEmbedded.Schema, Holder.Schema],
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    private void WriteOnePerson() =>
        _folder.Write(_folder.Config([PersonV1.Schema]), realm => realm.Add(new PersonV1 { Id = 1, Name = "Ada", Age = 36, Tags = { "math" } }));

    private void AssertOnePersonIntact()
    {
        Assert.True(File.Exists(_folder.RealmPath));
        using var realm = Realm.Open(_folder.Config([PersonV1.Schema]));
        var person = realm.Find<PersonV1>(1)!;
        Assert.Equal(("Ada", 36), (person.Name, person.Age));
        Assert.Equal(["math"], person.Tags);
    }

    [RealmObject]
    [MapTo("Person")]
    private partial class PersonV1
    {
        [PrimaryKey]
        public partial int Id { get; set; }

        public partial string Name { get; set; }

        public partial int Age { get; set; }

        public partial IList<string> Tags { get; }
    }

    [RealmObject]
    [MapTo("Person")]
    private partial class PersonAgeRemoved
    {
        [PrimaryKey]
        public partial int Id { get; set; }

        public partial string Name { get; set; }

        public partial IList<string> Tags { get; }
    }

    [RealmObject]
    [MapTo("Person")]
    private partial class PersonAgeAsText
    {
        [PrimaryKey]
        public partial int Id { get; set; }

        public partial string Name { get; set; }

        public partial string Age { get; set; }

        public partial IList<string> Tags { get; }
    }

    [RealmObject]
    [MapTo("Person")]
    private partial class PersonAgeOptional
    {
        [PrimaryKey]
        public partial int Id { get; set; }

        public partial string Name { get; set; }

        public partial int? Age { get; set; }

        public partial IList<string> Tags { get; }
    }

    [RealmObject]
    [MapTo("Person")]
    private partial class PersonAgeAsList
    {
        [PrimaryKey]
        public partial int Id { get; set; }

        public partial string Name { get; set; }

        public partial IList<int> Age { get; }

        public partial IList<string> Tags { get; }
    }

    [RealmObject]
    [MapTo("Person")]
    private partial class PersonTagsAsSet
    {
        [PrimaryKey]
        public partial int Id { get; set; }

        public partial string Name { get; set; }

        public partial int Age { get; set; }

        public partial ISet<string> Tags { get; }
    }

    [RealmObject]
    [MapTo("Person")]
    private partial class PersonKeyedByName
    {
        public partial int Id { get; set; }

        [PrimaryKey]
        public partial string Name { get; set; }

        public partial int Age { get; set; }

        public partial IList<string> Tags { get; }
    }

    [RealmObject]
    [MapTo("Person")]
    private partial class PersonWithEmail
    {
        [PrimaryKey]
        public partial int Id { get; set; }

        public partial string Name { get; set; }

        public partial int Age { get; set; }

        public partial IList<string> Tags { get; }

        public partial string Email { get; set; }
    }

    [EmbeddedObject]
    [MapTo("Person")]
    private partial class PersonEmbedded
    {
        public partial int Id { get; set; }

        public partial string Name { get; set; }

        public partial int Age { get; set; }

        public partial IList<string> Tags { get; }
    }

    [RealmObject]
    private partial class Holder
    {
        public partial PersonEmbedded? Person { get; set; }
    }
}
