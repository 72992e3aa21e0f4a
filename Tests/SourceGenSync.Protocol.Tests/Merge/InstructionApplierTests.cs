using System.Collections.Generic;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using static SourceGenSync.Protocol.Tests.Merge.MergeAssert;

namespace SourceGenSync.Protocol.Tests.Merge;

public sealed class InstructionApplierTests
{
    private static readonly ObjectRef Ann = ObjectRef.TopLevel("Person", 1);

    [Fact]
    public void Instructions_that_do_not_fit_are_skipped_counted_and_explained_never_thrown()
    {
        var state = State(new CreateObject(Ann), new SetField(Ann, "Name", Payload.Of("Ann")), new ListInsert(Ann, "Tags", 0, Payload.Of("a")));
        var before = state.Clone();
        var reasons = new List<string>();
        Instruction[] unfit =
        [
            new SetField(ObjectRef.TopLevel("Person", 2), "Name", Payload.Of("missing object")),
            new EraseObject(ObjectRef.TopLevel("Person", 2)),
            new ListInsert(Ann, "Tags", 5, Payload.Of("past the end")),
            new ListSet(Ann, "Tags", -1, Payload.Of("negative")),
            new ListErase(Ann, "Tags", 1),
            new ListInsert(Ann, "Name", 0, Payload.Of("not a list")),
            new SetInsert(Ann, "Tags", Payload.Of("a list, not a set")),
            new AddCounter(Ann, "Name", 1),
            new SetField(Ann with { Path = [new PathElement("Home")] }, "City", Payload.Of("no embedded object")),
            new SetField(Ann with { Path = [new PathElement("Tags", 0)] }, "City", Payload.Of("element is not embedded")),
            new SetInsert(Ann, "Labels", Payload.NewEmbedded),
            new SetField(Ann, "Obj", Payload.Of(RealmValue.CreateObject(new object()))),
            new CreateObject(Ann with { Path = [new PathElement("Home")] }),
        ];

        var result = InstructionApplier.Apply(unfit, state, (_, why) => reasons.Add(why));

        Assert.Equal(new ApplyResult(0, unfit.Length), result);
        Assert.Equal(unfit.Length, reasons.Count);
        Assert.True(before.Equals(state), state.Dump());
    }

    [Fact]
    public void Creating_an_existing_object_and_removing_what_is_absent_are_no_ops_not_skips()
    {
        var state = State(new CreateObject(Ann), new SetField(Ann, "Name", Payload.Of("Ann")));

        var result = InstructionApplier.Apply(
            [new CreateObject(Ann), new SetErase(Ann, "Labels", Payload.Of("x")), new DictionaryErase(Ann, "Scores", "k"), new CollectionClear(Ann, "Tags")],
            state);

        Assert.Equal(new ApplyResult(4, 0), result);
        Assert.Equal("Ann", state.Doc("Person", 1).Field("Name").Value.AsString());
    }

    [Fact]
    public void An_emptied_collection_is_the_same_state_as_one_never_filled()
    {
        var filledAndEmptied = State(
            new CreateObject(Ann),
            new ListInsert(Ann, "Tags", 0, Payload.Of("a")),
            new ListErase(Ann, "Tags", 0),
            new SetInsert(Ann, "Labels", Payload.Of("x")),
            new SetErase(Ann, "Labels", Payload.Of("x")),
            new DictionarySet(Ann, "Scores", "k", Payload.Of(1)),
            new CollectionClear(Ann, "Scores"));

        Assert.True(State(new CreateObject(Ann)).Equals(filledAndEmptied), filledAndEmptied.Dump());
    }

    [Fact]
    public void Counters_start_from_zero_and_wrap_instead_of_overflowing()
    {
        var state = State(
            new CreateObject(Ann),
            new AddCounter(Ann, "Visits", 2),
            new SetField(Ann, "Big", Payload.Of(long.MaxValue)),
            new AddCounter(Ann, "Big", 1));

        Assert.Equal(2, state.Doc("Person", 1).Field("Visits").Value.AsInt64());
        Assert.Equal(long.MinValue, state.Doc("Person", 1).Field("Big").Value.AsInt64());
    }

    [Fact]
    public void Erase_removes_the_object_with_what_it_owns_but_leaves_links_to_it_alone()
    {
        var dog = ObjectRef.TopLevel("Dog", 1);
        var state = State(
            new CreateObject(Ann),
            new SetField(Ann, "Home", Payload.NewEmbedded),
            new CreateObject(dog),
            new SetField(dog, "Owner", Payload.Link("Person", 1)),
            new EraseObject(Ann));

        Assert.False(state.TryGet("Person", 1, out _));
        Assert.Equal(DocumentValue.Link("Person", 1), state.Doc("Dog", 1).Field("Owner"));
    }

    [Fact]
    public void Documents_compare_exactly_and_dump_readably()
    {
        var left = State(new CreateObject(Ann), new SetField(Ann, "Price", Payload.Of(1.0m)));
        var right = State(new CreateObject(Ann), new SetField(Ann, "Price", Payload.Of(1.00m)));

        Assert.False(left.Equals(right));
        Assert.Equal("Person[1] {\"Price\":{\"$decimal\":\"1.0\"}}\n", left.Dump());
    }
}
