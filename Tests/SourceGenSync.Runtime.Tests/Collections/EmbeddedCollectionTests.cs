using System;
using System.Linq;

namespace SourceGenSync.Runtime.Tests.Collections;

public sealed class EmbeddedCollectionTests : IDisposable
{
    private readonly TempRealm _temp = new();
    private readonly Realm _realm;
    private readonly CollHolder _holder;

    public EmbeddedCollectionTests()
    {
        _realm = _temp.Open();
        _holder = _realm.Write(() => _realm.Add(new CollHolder { Id = "h" }));
    }

    public void Dispose() => _temp.Dispose();

    private long PartRows() => _temp.Count("SELECT count(*) FROM \"class_CollPart\"");

    [Fact]
    public void Adding_an_embedded_object_makes_it_managed_under_the_owner()
    {
        var part = new CollPart { Label = "wheel", Size = 4 };
        part.Tags.Add("round");
        _realm.Write(() => _holder.Parts.Add(part));

        Assert.True(part.IsManaged);
        Assert.Same(part, _holder.Parts[0]);
        Assert.Equal(["round"], part.Tags);
        _realm.Write(() => part.Size = 5);
        Assert.Equal(5, _holder.Parts[0].Size);
    }

    [Fact]
    public void Embedded_elements_and_their_content_read_back_after_reopening()
    {
        _realm.Write(() =>
        {
            var part = new CollPart { Label = "a", Size = 1, Item = new CollItem { Id = 3, Name = "linked" } };
            part.Tags.Add("t1");
            _holder.Parts.Add(part);
            _holder.Parts.Add(new CollPart { Label = "b", Size = 2 });
            _holder.PartMap["k"] = new CollPart { Label = "mapped" };
        });
        _realm.Dispose();

        var found = _temp.Open().Find<CollHolder>("h")!;
        Assert.Equal(["a", "b"], found.Parts.Select(p => p.Label));
        Assert.Equal(["t1"], found.Parts[0].Tags);
        Assert.Equal("linked", found.Parts[0].Item!.Name);
        Assert.Equal("mapped", found.PartMap["k"]!.Label);
    }

    [Fact]
    public void RemoveAt_deletes_the_embedded_row_and_invalidates_the_object()
    {
        _realm.Write(() =>
        {
            _holder.Parts.Add(new CollPart { Label = "a" });
            _holder.Parts.Add(new CollPart { Label = "b" });
        });
        var first = _holder.Parts[0];
        _realm.Write(() => _holder.Parts.RemoveAt(0));

        Assert.False(first.IsValid);
        Assert.Equal(["b"], _holder.Parts.Select(p => p.Label));
        Assert.Equal(1, PartRows());
    }

    [Fact]
    public void Replacing_an_element_deletes_the_old_embedded_object()
    {
        _realm.Write(() => _holder.Parts.Add(new CollPart { Label = "old" }));
        var old = _holder.Parts[0];
        _realm.Write(() => _holder.Parts[0] = new CollPart { Label = "new" });

        Assert.False(old.IsValid);
        Assert.Equal("new", _holder.Parts[0].Label);
        Assert.Equal(1, PartRows());
    }

    [Fact]
    public void Clear_and_removing_the_owner_cascade_to_embedded_rows_and_their_collections()
    {
        _realm.Write(() =>
        {
            var part = new CollPart { Label = "a" };
            part.Tags.Add("x");
            _holder.Parts.Add(part);
            _holder.Parts.Add(new CollPart { Label = "b" });
            _holder.PartMap["m"] = new CollPart { Label = "m" };
        });
        Assert.Equal(3, PartRows());

        _realm.Write(() => _holder.Parts.Clear());
        Assert.Equal(1, PartRows());
        Assert.Equal(0, _temp.Count("SELECT count(*) FROM \"class_CollPart.Tags\""));

        _realm.Write(() => _realm.Remove(_holder));
        Assert.Equal(0, PartRows());
    }

    [Fact]
    public void A_managed_embedded_object_cannot_be_added_to_a_second_owner()
    {
        _realm.Write(() => _holder.Parts.Add(new CollPart { Label = "a" }));
        var other = _realm.Write(() => _realm.Add(new CollHolder { Id = "other" }));

        _realm.Write(() => Assert.Throws<RealmObjectManagedByAnotherRealmException>(() => other.Parts.Add(_holder.Parts[0])));
    }

    [Fact]
    public void Moving_an_embedded_element_is_not_supported()
    {
        _realm.Write(() =>
        {
            _holder.Parts.Add(new CollPart { Label = "a" });
            _holder.Parts.Add(new CollPart { Label = "b" });
        });

        _realm.Write(() => Assert.Throws<NotSupportedException>(() => _holder.Parts.Move(0, 1)));
    }

    [Fact]
    public void Dictionary_of_embedded_objects_replaces_and_removes_rows()
    {
        _realm.Write(() => _holder.PartMap["k"] = new CollPart { Label = "first" });
        var first = _holder.PartMap["k"]!;
        _realm.Write(() => _holder.PartMap["k"] = new CollPart { Label = "second" });

        Assert.False(first.IsValid);
        Assert.Equal("second", _holder.PartMap["k"]!.Label);
        Assert.Equal(1, PartRows());

        _realm.Write(() => _holder.PartMap.Remove("k"));
        Assert.Equal(0, PartRows());
    }
}
