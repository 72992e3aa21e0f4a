using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Changesets;

namespace SourceGenSync.Runtime.Tests.Collections;

/// <summary>
/// Removing an object records, before its EraseObject, one instruction per reference the store clears: links set
/// to null, list elements erased (indices right when applied in order), set elements erased, dictionary values set
/// to null — so a replica that applies the changeset in order reaches the same state with no implicit cleanup.
/// </summary>
public sealed class RemovalSideEffectTests : IDisposable
{
    private readonly TempRealm _temp = new();
    private readonly Realm _realm;
    private readonly ObjectRef _holder = ObjectRef.TopLevel("CollHolder", "h");

    public RemovalSideEffectTests() => _realm = _temp.Open();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void List_elements_are_erased_highest_index_first_so_sequential_application_gives_the_stored_list()
    {
        var (holder, doomed, other) = _realm.Write(() =>
        {
            var doomed = new CollItem { Id = 1, Name = "doomed" };
            var other = new CollItem { Id = 2, Name = "other" };
            var holder = _realm.Add(new CollHolder { Id = "h" });
            foreach (var item in new[] { doomed, other, doomed, doomed, other, doomed })
            {
                holder.Items.Add(item);
            }

            return (holder, _realm.Find<CollItem>(1)!, _realm.Find<CollItem>(2)!);
        });
        var before = holder.Items.Select(i => i.Id).ToList();

        _realm.Write(() => _realm.Remove(doomed));

        var instructions = _temp.LastChangeset();
        Assert.Equal(
            [
                new ListErase(_holder, "Items", 5),
                new ListErase(_holder, "Items", 3),
                new ListErase(_holder, "Items", 2),
                new ListErase(_holder, "Items", 0),
                new EraseObject(ObjectRef.TopLevel("CollItem", 1)),
            ],
            instructions);

        // Applying the erases in order to the list as it was gives the list as the store now has it.
        foreach (var erase in instructions.OfType<ListErase>())
        {
            before.RemoveAt(checked((int)erase.Index));
        }

        Assert.Equal(holder.Items.Select(i => i.Id), before);
        Assert.Equal([2, 2], before);
        Assert.True(other.IsValid);
    }

    [Fact]
    public void Set_elements_and_dictionary_values_record_SetErase_and_DictionarySet_to_null_before_EraseObject()
    {
        var doomed = _realm.Write(() =>
        {
            var item = new CollItem { Id = 7, Name = "x" };
            var holder = _realm.Add(new CollHolder { Id = "h" });
            holder.ItemSet.Add(item);
            holder.ItemMap["b"] = _realm.Find<CollItem>(7);
            holder.ItemMap["a"] = _realm.Find<CollItem>(7);
            holder.ItemMap["keep"] = null;
            return _realm.Find<CollItem>(7)!;
        });

        _realm.Write(() => _realm.Remove(doomed));

        var holder = _realm.Find<CollHolder>("h")!;
        Assert.Empty(holder.ItemSet);
        Assert.Equal(["a", "b", "keep"], holder.ItemMap.Keys.Order());
        Assert.All(holder.ItemMap.Values, Assert.Null);
        Assert.Equal(
            [
                new SetErase(_holder, "ItemSet", Payload.Link("CollItem", 7L)),
                new DictionarySet(_holder, "ItemMap", "a", Payload.Of(RealmValue.Null)),
                new DictionarySet(_holder, "ItemMap", "b", Payload.Of(RealmValue.Null)),
                new EraseObject(ObjectRef.TopLevel("CollItem", 7)),
            ],
            _temp.LastChangeset());
    }

    [Fact]
    public void A_link_held_by_an_embedded_object_is_set_to_null_through_its_owner_path()
    {
        var doomed = _realm.Write(() =>
        {
            var item = new CollItem { Id = 3, Name = "x" };
            var holder = _realm.Add(new CollHolder { Id = "h" });
            holder.Parts.Add(new CollPart { Label = "first" });
            holder.Parts.Add(new CollPart { Label = "second", Item = item });
            holder.PartMap["p"] = new CollPart { Label = "mapped", Item = _realm.Find<CollItem>(3) };
            return _realm.Find<CollItem>(3)!;
        });

        _realm.Write(() => _realm.Remove(doomed));

        var instructions = _temp.LastChangeset();
        var inList = new ObjectRef("CollHolder", "h", [new PathElement("Parts", Index: 1)]);
        var inMap = new ObjectRef("CollHolder", "h", [new PathElement("PartMap", Key: "p")]);
        Assert.Equal(3, instructions.Count);
        Assert.Contains(new SetField(inList, "Item", Payload.Of(RealmValue.Null)), instructions);
        Assert.Contains(new SetField(inMap, "Item", Payload.Of(RealmValue.Null)), instructions);
        Assert.Equal(new EraseObject(ObjectRef.TopLevel("CollItem", 3)), instructions[^1]);
        var holder = _realm.Find<CollHolder>("h")!;
        Assert.Null(holder.Parts[1].Item);
        Assert.Null(holder.PartMap["p"]!.Item);
    }

    [Fact]
    public void Side_effects_of_removing_several_objects_each_precede_their_own_EraseObject()
    {
        _realm.Write(() =>
        {
            var holder = _realm.Add(new CollHolder { Id = "h" });
            holder.Items.Add(new CollItem { Id = 1, Name = "a" });
            holder.Items.Add(new CollItem { Id = 2, Name = "b" });
            holder.Items.Add(_realm.Find<CollItem>(1)!);
        });

        _realm.Write(() => _realm.RemoveAll<CollItem>());

        var instructions = _temp.LastChangeset();
        Assert.Empty(_realm.Find<CollHolder>("h")!.Items);
        var replayed = new List<long> { 1, 2, 1 };
        var erased = new HashSet<RealmValue>();
        foreach (var instruction in instructions)
        {
            switch (instruction)
            {
                case ListErase erase:
                    replayed.RemoveAt(checked((int)erase.Index));
                    break;
                case EraseObject erase:
                    // By the time an object is erased nothing refers to it any more.
                    Assert.DoesNotContain(erase.Object.PrimaryKey.AsInt64(), replayed);
                    erased.Add(erase.Object.PrimaryKey);
                    break;
                default:
                    Assert.Fail($"Unexpected instruction {instruction}.");
                    break;
            }
        }

        Assert.Empty(replayed);
        Assert.Equal(2, erased.Count);
    }
}
