using System;
using System.Linq;

namespace SourceGenSync.Runtime.Tests.Migrations;

/// <summary>Class kind changes and new files with a schema version.</summary>
public sealed partial class ClassKindMigrationTests : IDisposable
{
    private readonly TempRealmFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_new_file_starts_at_the_configured_version_without_calling_the_callback()
    {
        var called = false;

        using (Realm.Open(_folder.Config([OwnerV1.Schema, ContactV1.Schema], version: 4, callback: (_, _) => called = true)))
        {
        }

        Assert.False(called);
        Assert.Equal(4, _folder.StoredSchemaVersion);
    }

    [Fact]
    public void A_top_level_class_made_embedded_keeps_the_objects_its_owners_linked_to()
    {
        _folder.Write(_folder.Config([OwnerV1.Schema, ContactV1.Schema], version: 1), static realm =>
        {
            realm.Add(new OwnerV1 { Name = "Ada", Contact = new ContactV1 { Email = "ada@example.com" } });
            realm.Add(new OwnerV1 { Name = "Alan", Contact = new ContactV1 { Email = "alan@example.com" } });
        });

        using var realm = Realm.Open(_folder.Config([OwnerV2.Schema, ContactV2.Schema], version: 2));

        var owners = realm.All<OwnerV2>().ToList().OrderBy(static o => o.Name).ToList();
        Assert.Equal(["ada@example.com", "alan@example.com"], owners.Select(static o => o.Contact!.Email));
        Assert.Equal(1, _folder.Count("SELECT kind FROM sgs_classes WHERE name = 'Contact'"));
        realm.Write(() => owners[0].Contact!.Email = "lovelace@example.com");
        Assert.Equal("lovelace@example.com", realm.All<OwnerV2>().ToList().Single(static o => o.Name == "Ada").Contact!.Email);
    }

    [RealmObject]
    [MapTo("Owner")]
    private partial class OwnerV1
    {
        public partial string Name { get; set; }

        public partial ContactV1? Contact { get; set; }
    }

    [RealmObject]
    [MapTo("Contact")]
    private partial class ContactV1
    {
        public partial string Email { get; set; }
    }

    [RealmObject]
    [MapTo("Owner")]
    private partial class OwnerV2
    {
        public partial string Name { get; set; }

        public partial ContactV2? Contact { get; set; }
    }

    [EmbeddedObject]
    [MapTo("Contact")]
    private partial class ContactV2
    {
        public partial string Email { get; set; }
    }
}
