using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using SourceGenSync.Protocol.Tests.Merge.Simulation;

namespace SourceGenSync.Protocol.Tests.Merge;

/// <summary>
/// The server transforms and applies what clients send. Whatever passes the codec (and some things that cannot,
/// like null names) must never make Transform or Apply throw: unfit instructions are skipped and counted.
/// </summary>
public sealed class HostileInstructionTests
{
    [Fact]
    public void Transform_and_apply_never_throw_on_arbitrary_instructions()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), seed =>
        {
            var random = new Random(seed);
            var state = new InMemoryDocumentSource();
            var operations = new RandomOperations(random);
            for (var i = 0; i < 10; i++)
            {
                operations.Transaction(state);
            }

            var left = new OriginChangeset(new Changeset(1, random.Next(3), Garbage(random)), 1);
            var right = new OriginChangeset(new Changeset(1, random.Next(3), Garbage(random)), 2);
            var result = ChangesetTransformer.Transform([left], [right]);
            var first = state.Clone();
            InstructionApplier.Apply(left.Changeset, first);
            InstructionApplier.Apply(result.Right[0].Changeset, first);
            InstructionApplier.Apply(right.Changeset, state);
            InstructionApplier.Apply(result.Left[0].Changeset, state);
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static Instruction[] Garbage(Random random) => Enumerable.Range(0, random.Next(1, 8)).Select(_ => Instruction(random)).ToArray();

    private static Instruction Instruction(Random random)
    {
        string?[] names = ["name", "tags", "home", "parts", "slots", "labels", "count", null];
        var field = names[random.Next(names.Length)]!;
        var reference = new ObjectRef(
            random.Next(6) == 0 ? null! : SimulationSchema.Classes[random.Next(2)],
            random.Next(5) == 0 ? RealmValue.Create("pk") : RealmValue.Create((long)random.Next(0, 7)),
            random.Next(4) == 0 ? default : [.. Enumerable.Range(0, random.Next(3)).Select(_ => Step(random, names))]);
        var index = (long)random.Next(-2, 6);
        if (random.Next(10) == 0)
        {
            index = random.Next(2) == 0 ? long.MaxValue : long.MinValue;
        }

        var payload = Payload(random);
        var key = random.Next(5) == 0 ? null! : SimulationSchema.Keys[random.Next(3)];
        return random.Next(12) switch
        {
            0 => new CreateObject(reference),
            1 => new EraseObject(reference),
            2 => new SetField(reference, field, payload),
            3 => new AddCounter(reference, field, random.Next(2) == 0 ? long.MaxValue : 1),
            4 => new ListInsert(reference, field, index, payload),
            5 => new ListSet(reference, field, index, payload),
            6 => new ListErase(reference, field, index),
            7 => new SetInsert(reference, field, payload),
            8 => new SetErase(reference, field, payload),
            9 => new DictionarySet(reference, field, key, payload),
            10 => new DictionaryErase(reference, field, key),
            _ => new CollectionClear(reference, field),
        };
    }

    private static PathElement Step(Random random, string?[] names) => new(
        names[random.Next(names.Length)]!,
        random.Next(3) == 0 ? random.Next(-1, 4) : null,
        random.Next(3) == 0 ? SimulationSchema.Keys[random.Next(3)] : null);

    private static Payload Payload(Random random) => random.Next(5) switch
    {
        0 => Changesets.Payload.NewEmbedded,
        1 => Changesets.Payload.Link(SimulationSchema.Classes[random.Next(2)], (long)random.Next(0, 7)),
        2 => new Payload(PayloadKind.Link, 1L, null),
        3 => new Payload(PayloadKind.Value, 1L, "stray class"),
        _ => Changesets.Payload.Of(random.Next(3) == 0 ? RealmValue.Null : (RealmValue)random.Next(5)),
    };
}
