using System;
using System.Linq;
using SourceGenSync.Changesets;

namespace SourceGenSync.Runtime.Tests.Collections;

/// <summary>Collection edits are recorded in the committed changeset, in order, with the right payloads.</summary>
public sealed class CollectionChangesetTests : IDisposable
{
    private readonly TempRealm _temp = new();
    private readonly Realm _realm;
    private readonly CollHolder _holder;
    private readonly ObjectRef _ref = ObjectRef.TopLevel("CollHolder", "h");

    public CollectionChangesetTests()
    {
        _realm = _temp.Open();
        _holder = _realm.Write(() => _realm.Add(new CollHolder { Id = "h" }));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void List_edits_record_insert_set_erase_and_clear()
    {
        _realm.Write(() =>
        {
            _holder.Strings.Add("a");
            _holder.Strings.Insert(0, "b");
            _holder.Strings[1] = "c";
            _holder.Strings.RemoveAt(0);
            _holder.Strings.Clear();
        });

        Assert.Equal(
            [
                new ListInsert(_ref, "Strings", 0, Payload.Of("a")),
                new ListInsert(_ref, "Strings", 0, Payload.Of("b")),
                new ListSet(_ref, "Strings", 1, Payload.Of("c")),
                new ListErase(_ref, "Strings", 0),
                new CollectionClear(_ref, "Strings"),
            ],
            _temp.LastCollectionInstructions());
    }

    [Fact]
    public void Move_records_an_erase_then_an_insert_of_the_same_value()
    {
        _realm.Write(() =>
        {
            _holder.Ints.Add(1);
            _holder.Ints.Add(2);
            _holder.Ints.Add(3);
        });
        _realm.Write(() => _holder.Ints.Move(0, 2));

        Assert.Equal([new ListErase(_ref, "Ints", 0), new ListInsert(_ref, "Ints", 2, Payload.Of(1L))], _temp.LastCollectionInstructions());
    }

    [Fact]
    public void Set_edits_record_inserts_and_erases_but_not_duplicates_or_missing_members()
    {
        _realm.Write(() =>
        {
            _holder.IntSet.Add(1);
            _holder.IntSet.Add(1);
            _holder.IntSet.Remove(2);
            _holder.IntSet.Remove(1);
        });

        Assert.Equal([new SetInsert(_ref, "IntSet", Payload.Of(1L)), new SetErase(_ref, "IntSet", Payload.Of(1L))], _temp.LastCollectionInstructions());
    }

    [Fact]
    public void Dictionary_edits_record_sets_and_erases_by_key()
    {
        _realm.Write(() =>
        {
            _holder.StringMap["k"] = "v";
            _holder.StringMap["k"] = null;
            _holder.StringMap.Remove("k");
            _holder.StringMap.Remove("missing");
        });

        Assert.Equal(
            [
                new DictionarySet(_ref, "StringMap", "k", Payload.Of("v")),
                new DictionarySet(_ref, "StringMap", "k", Payload.Of(RealmValue.Null)),
                new DictionaryErase(_ref, "StringMap", "k"),
            ],
            _temp.LastCollectionInstructions());
    }

    [Fact]
    public void Adding_an_unmanaged_link_target_records_its_creation_before_the_list_insert()
    {
        _realm.Write(() => _holder.Items.Add(new CollItem { Id = 4, Name = "four" }));

        var instructions = _temp.LastChangeset();
        var create = Assert.IsType<CreateObject>(instructions[0]);
        Assert.Equal(ObjectRef.TopLevel("CollItem", 4L), create.Object);
        Assert.Equal(new ListInsert(_ref, "Items", 0, Payload.Link("CollItem", 4L)), instructions[^1]);
    }

    [Fact]
    public void An_embedded_element_is_recorded_as_a_new_embedded_payload_then_its_fields_by_path()
    {
        _realm.Write(() =>
        {
            _holder.Parts.Add(new CollPart { Label = "first" });
            _holder.Parts.Insert(0, new CollPart { Label = "zero", Size = 7 });
        });

        var instructions = _temp.LastChangeset();
        Assert.Equal([new ListInsert(_ref, "Parts", 0, Payload.NewEmbedded), new ListInsert(_ref, "Parts", 0, Payload.NewEmbedded)], instructions.OfType<ListInsert>());
        var zero = instructions.ToList().FindLastIndex(i => i is ListInsert);
        var path = new ObjectRef("CollHolder", "h", [new PathElement("Parts", Index: 0)]);
        Assert.Contains(new SetField(path, "Size", Payload.Of(7L)), instructions);
        Assert.Contains(new SetField(path, "Label", Payload.Of("zero")), instructions.Skip(zero + 1));
    }

    [Fact]
    public void DateTime_elements_travel_as_packed_ints()
    {
        var value = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        _realm.Write(() => _holder.Timestamps.Add(value));

        var insert = Assert.IsType<ListInsert>(Assert.Single(_temp.LastCollectionInstructions()));
        Assert.Equal(value.Ticks | ((long)DateTimeKind.Utc << 62), insert.Value.Value.AsInt64());
    }

    [Fact]
    public void Replacing_a_collection_through_Add_with_update_clears_then_inserts()
    {
        var replacement = new CollHolder { Id = "h" };
        replacement.Ints.Add(9);
        _realm.Write(() => _holder.Ints.Add(1));
        _realm.Write(() => _realm.Add(replacement, update: true));

        var ints = _temp.LastCollectionInstructions().Where(i => i is ListInsert { Field: "Ints" } or CollectionClear { Field: "Ints" }).ToList();
        Assert.Equal([new CollectionClear(_ref, "Ints"), new ListInsert(_ref, "Ints", 0, Payload.Of(9L))], ints);
        Assert.Equal([9], _holder.Ints);
    }

    [Fact]
    public void Replacing_an_empty_collection_records_no_clear()
    {
        var replacement = new CollHolder { Id = "h" };
        replacement.Strings.Add("x");
        _realm.Write(() => _realm.Add(replacement, update: true));

        Assert.DoesNotContain(_temp.LastCollectionInstructions(), i => i is CollectionClear);
        Assert.Contains(new ListInsert(_ref, "Strings", 0, Payload.Of("x")), _temp.LastCollectionInstructions());
    }

    [Fact]
    public void Edits_to_a_collection_of_an_embedded_element_are_recorded_under_its_path()
    {
        _realm.Write(() =>
        {
            _holder.Parts.Add(new CollPart { Label = "a" });
            _holder.Parts.Add(new CollPart { Label = "b" });
        });
        _realm.Write(() => _holder.Parts[1].Tags.Add("tagged"));

        var path = new ObjectRef("CollHolder", "h", [new PathElement("Parts", Index: 1)]);
        Assert.Equal([new ListInsert(path, "Tags", 0, Payload.Of("tagged"))], _temp.LastCollectionInstructions());
        Assert.Equal(["tagged"], _temp.Open().Find<CollHolder>("h")!.Parts[1].Tags);
    }
}
