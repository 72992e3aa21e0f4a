using System;
using System.Threading.Tasks;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>Embedded objects belong to exactly one owner and live and die with it.</summary>
public sealed class EmbeddedTests : IDisposable
{
    private readonly TempRealm _temp = new();

    public void Dispose() => _temp.Dispose();

    private long AddressRows() => (long)_temp.Scalar("SELECT count(*) FROM \"class_Address\"")!;

    [Fact]
    public void An_embedded_object_becomes_managed_with_its_owner_and_reads_back_after_reopening()
    {
        var realm = _temp.Open();
        var office = new Address { Street = "Main", City = "Oslo" };
        var project = new Project { Id = Guid.NewGuid(), Name = "p", Office = office };

        realm.Write(() => realm.Add(project));

        Assert.True(office.IsManaged);
        Assert.Same(office, project.Office);
        var read = _temp.Open().Find<Project>(project.Id)!;
        Assert.Equal("Main", read.Office!.Street);
        Assert.Equal("Oslo", read.Office.City);
        Assert.Equal(1L, AddressRows());
    }

    [Fact]
    public void Replacing_an_embedded_object_deletes_the_old_row_and_invalidates_the_old_object()
    {
        var realm = _temp.Open();
        var old = new Address { Street = "Old" };
        var project = realm.Write(() => realm.Add(new Project { Id = Guid.NewGuid(), Name = "p", Office = old }));

        realm.Write(() => project.Office = new Address { Street = "New" });

        Assert.False(old.IsValid);
        Assert.Throws<RealmInvalidObjectException>(() => old.Street);
        Assert.Equal("New", project.Office!.Street);
        Assert.Equal(1L, AddressRows());
    }

    [Fact]
    public void Setting_an_embedded_property_to_null_deletes_its_row()
    {
        var realm = _temp.Open();
        var project = realm.Write(() => realm.Add(new Project { Id = Guid.NewGuid(), Name = "p", Office = new Address { Street = "s" } }));

        realm.Write(() => project.Office = null);

        Assert.Null(project.Office);
        Assert.Equal(0L, AddressRows());
    }

    [Fact]
    public void Removing_the_owner_deletes_its_embedded_objects()
    {
        var realm = _temp.Open();
        var office = new Address { Street = "s" };
        var project = realm.Write(() => realm.Add(new Project { Id = Guid.NewGuid(), Name = "p", Office = office }));

        realm.Write(() => realm.Remove(project));

        Assert.False(office.IsValid);
        Assert.Equal(0L, AddressRows());
    }

    [Fact]
    public void Removing_an_embedded_object_clears_the_owner_property()
    {
        var realm = _temp.Open();
        var office = new Address { Street = "s" };
        var project = realm.Write(() => realm.Add(new Project { Id = Guid.NewGuid(), Name = "p", Office = office }));

        realm.Write(() =>
        {
            realm.Remove(office);
            Assert.Null(project.Office);
        });

        Assert.Null(project.Office);
        Assert.False(office.IsValid);
        Assert.Equal(0L, AddressRows());
    }

    [Fact]
    public void Upserting_the_owner_replaces_its_embedded_object_without_leaking_rows()
    {
        var realm = _temp.Open();
        var id = Guid.NewGuid();
        realm.Write(() => realm.Add(new Project { Id = id, Name = "p", Office = new Address { Street = "1" } }));

        realm.Write(() => realm.Add(new Project { Id = id, Name = "p", Office = new Address { Street = "2" } }, update: true));

        Assert.Equal("2", realm.Find<Project>(id)!.Office!.Street);
        Assert.Equal(1L, AddressRows());
    }

    [Fact]
    public void Editing_a_managed_embedded_object_persists()
    {
        var realm = _temp.Open();
        var project = realm.Write(() => realm.Add(new Project { Id = Guid.NewGuid(), Name = "p", Office = new Address { Street = "s" } }));

        realm.Write(() => project.Office!.City = "Bergen");

        Assert.Equal("Bergen", _temp.Open().Find<Project>(project.Id)!.Office!.City);
    }

    [Fact]
    public async Task An_embedded_object_edited_by_another_instance_shows_the_new_value_after_the_refresh()
    {
        var writer = _temp.Open();
        var reader = _temp.Open();
        var id = Guid.NewGuid();
        var written = writer.Write(() => writer.Add(new Project { Id = id, Name = "p", Office = new Address { Street = "s", City = "Oslo" } }));
        reader.Refresh();
        var office = reader.Find<Project>(id)!.Office!;
        Assert.Equal("Oslo", office.City);

        writer.Write(() => written.Office!.City = "Bergen");

        await TempRealm.WaitUntil(() => office.City == "Bergen", "the embedded object showed the new city");
    }

    [Fact]
    public async Task An_embedded_object_replaced_by_another_instance_is_replaced_after_the_refresh()
    {
        var writer = _temp.Open();
        var reader = _temp.Open();
        var id = Guid.NewGuid();
        var written = writer.Write(() => writer.Add(new Project { Id = id, Name = "p", Office = new Address { Street = "old" } }));
        reader.Refresh();
        var project = reader.Find<Project>(id)!;
        var old = project.Office!;
        Assert.Equal("old", old.Street);

        writer.Write(() => written.Office = new Address { Street = "new" });

        await TempRealm.WaitUntil(() => !old.IsValid, "the replaced embedded object became invalid");
        Assert.Equal("new", project.Office!.Street);
    }

    [Fact]
    public void An_embedded_object_cannot_be_passed_to_Add_because_it_is_not_an_IRealmObject()
    {
        // Add<T> requires T : IRealmObject, so `realm.Add(new Address())` does not compile; embedded objects are
        // only added through the property or collection of their owner.
        Assert.False(typeof(IRealmObject).IsAssignableFrom(typeof(Address)));
        Assert.True(typeof(IEmbeddedObject).IsAssignableFrom(typeof(Address)));
    }

    [Fact]
    public void An_embedded_object_already_owned_cannot_be_assigned_to_a_second_owner()
    {
        var realm = _temp.Open();
        var office = new Address { Street = "s" };
        realm.Write(() => realm.Add(new Project { Id = Guid.NewGuid(), Name = "a", Office = office }));
        var second = realm.Write(() => realm.Add(new Project { Id = Guid.NewGuid(), Name = "b" }));

        Assert.Throws<RealmObjectManagedByAnotherRealmException>(() => realm.Write(() => second.Office = office));

        Assert.Null(second.Office);
        Assert.Equal(1L, AddressRows());
    }
}
