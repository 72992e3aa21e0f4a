using System;
using System.Linq;

namespace SourceGenSync.Runtime.Tests.Collections;

public sealed class LinkCollectionTests : IDisposable
{
    private readonly TempRealm _temp = new();
    private readonly Realm _realm;
    private readonly CollHolder _holder;

    public LinkCollectionTests()
    {
        _realm = _temp.Open();
        _holder = _realm.Write(() => _realm.Add(new CollHolder { Id = "h" }));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Adding_an_unmanaged_object_to_a_list_adds_it_to_the_realm()
    {
        var item = new CollItem { Id = 1, Name = "one" };
        _realm.Write(() => _holder.Items.Add(item));

        Assert.True(item.IsManaged);
        Assert.Same(item, _holder.Items[0]);
        Assert.Same(item, _realm.Find<CollItem>(1));
    }

    [Fact]
    public void A_list_can_hold_the_same_object_twice_and_resolves_to_the_live_instance()
    {
        var item = _realm.Write(() => _realm.Add(new CollItem { Id = 1, Name = "one" }));
        _realm.Write(() =>
        {
            _holder.Items.Add(item);
            _holder.Items.Add(new CollItem { Id = 2, Name = "two" });
            _holder.Items.Add(item);
        });

        Assert.Equal([1, 2, 1], _holder.Items.Select(i => i.Id));
        Assert.Same(_holder.Items[0], _holder.Items[2]);
        Assert.Equal(2, _holder.Items.IndexOf(_holder.Items[1]) + 1);
        Assert.Equal(-1, _holder.Items.IndexOf(new CollItem { Id = 1 }));
    }

    [Fact]
    public void Link_elements_read_back_after_reopening()
    {
        _realm.Write(() =>
        {
            _holder.Items.Add(new CollItem { Id = 7, Name = "seven" });
            _holder.Notes.Add(new CollNote { Text = "no key" });
            _holder.ItemSet.Add(new CollItem { Id = 8, Name = "eight" });
            _holder.ItemMap["x"] = new CollItem { Id = 9, Name = "nine" };
            _holder.ItemMap["none"] = null;
        });
        _realm.Dispose();

        var found = _temp.Open().Find<CollHolder>("h")!;
        Assert.Equal("seven", found.Items.Single().Name);
        Assert.Equal("no key", found.Notes.Single().Text);
        Assert.Equal("eight", found.ItemSet.Single().Name);
        Assert.Equal("nine", found.ItemMap["x"]!.Name);
        Assert.Null(found.ItemMap["none"]);
    }

    [Fact]
    public void Removing_the_target_removes_it_from_lists_and_sets_and_nulls_dictionary_values()
    {
        var doomed = new CollItem { Id = 1, Name = "doomed" };
        _realm.Write(() =>
        {
            _holder.Items.Add(new CollItem { Id = 2, Name = "stays" });
            _holder.Items.Add(doomed);
            _holder.Items.Add(_realm.Find<CollItem>(2)!);
            _holder.Items.Add(doomed);
            _holder.ItemSet.Add(doomed);
            _holder.ItemMap["d"] = doomed;
        });

        Assert.Equal(4, _holder.Items.Count);
        _realm.Write(() => _realm.Remove(doomed));

        Assert.Equal([2, 2], _holder.Items.Select(i => i.Id));
        Assert.Empty(_holder.ItemSet);
        Assert.True(_holder.ItemMap.ContainsKey("d"));
        Assert.Null(_holder.ItemMap["d"]);
        Assert.Equal(1, _temp.Count("SELECT max(position) FROM \"class_CollHolder.Items\""));
    }

    [Fact]
    public void A_set_of_links_rejects_the_same_object_twice()
    {
        var item = new CollItem { Id = 1, Name = "one" };
        _realm.Write(() =>
        {
            Assert.True(_holder.ItemSet.Add(item));
            Assert.False(_holder.ItemSet.Add(item));
            Assert.False(_holder.ItemSet.Add(_realm.Find<CollItem>(1)!));
        });

        Assert.Single(_holder.ItemSet);
        Assert.Contains(item, _holder.ItemSet);
        Assert.DoesNotContain(new CollItem { Id = 1 }, _holder.ItemSet);
    }

    [Fact]
    public void Null_is_rejected_in_a_list_of_objects()
    {
        _realm.Write(() => Assert.Throws<ArgumentNullException>(() => _holder.Items.Add(null!)));
        Assert.Empty(_holder.Items);
    }

    [Fact]
    public void An_object_of_another_realm_instance_cannot_be_added()
    {
        var other = _temp.Open();
        var foreign = other.Write(() => other.Add(new CollItem { Id = 5, Name = "foreign" }));

        _realm.Write(() => Assert.Throws<RealmObjectManagedByAnotherRealmException>(() => _holder.Items.Add(foreign)));
    }

    [Fact]
    public void Removing_an_element_from_a_list_of_links_keeps_the_object()
    {
        _realm.Write(() => _holder.Items.Add(new CollItem { Id = 1, Name = "one" }));
        _realm.Write(() => _holder.Items.RemoveAt(0));

        Assert.Empty(_holder.Items);
        Assert.NotNull(_realm.Find<CollItem>(1));
    }

    [Fact]
    public void Removing_a_target_without_primary_key_removes_it_from_lists()
    {
        var note = new CollNote { Text = "bye" };
        _realm.Write(() =>
        {
            _holder.Notes.Add(new CollNote { Text = "stay" });
            _holder.Notes.Add(note);
        });
        _realm.Write(() => _realm.Remove(note));

        Assert.Equal(["stay"], _holder.Notes.Select(n => n.Text));
    }
}
