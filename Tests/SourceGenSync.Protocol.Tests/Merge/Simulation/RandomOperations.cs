using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using static SourceGenSync.Protocol.Tests.Merge.Simulation.SimulationSchema;

namespace SourceGenSync.Protocol.Tests.Merge.Simulation;

/// <summary>
/// Random local write transactions, valid on the replica they are made on (as a local store would record them):
/// creates, scalar/link/embedded field sets, erases preceded by reference removal, counter adds, list, set and
/// dictionary edits (lists and dictionaries of embedded objects too), clears. Each instruction is applied to the
/// replica as it is generated, so the next one sees the state it will follow.
/// </summary>
internal sealed class RandomOperations(Random random)
{
    private readonly Random _random = random;

    public List<Instruction> Transaction(InMemoryDocumentSource replica)
    {
        var recorded = new List<Instruction>();
        var operations = 1 + _random.Next(3);
        for (var i = 0; i < operations; i++)
        {
            foreach (var instruction in Operation(replica))
            {
                if (!InstructionApplier.Apply(instruction, replica, (_, why) => throw new InvalidOperationException($"generator made an unfit {instruction}: {why}")))
                {
                    throw new InvalidOperationException("unreachable");
                }

                recorded.Add(instruction);
            }
        }

        return recorded;
    }

    // Returns the instructions of one operation; they are applied one by one as the caller enumerates them.
    private IEnumerable<Instruction> Operation(InMemoryDocumentSource replica)
    {
        var objects = ReplicaView.Objects(replica);
        var topLevel = objects.Where(o => o.Kind == SimulationObjectKind.TopLevel).ToList();
        if (topLevel.Count == 0 || _random.Next(8) == 0)
        {
            return Create(replica);
        }

        if (_random.Next(14) == 0)
        {
            return Erase(replica, Pick(topLevel).Ref);
        }

        var target = Pick(objects);
        return target.Kind switch
        {
            SimulationObjectKind.Address => EditAddress(target),
            SimulationObjectKind.Part => EditPart(target, topLevel),
            _ => EditTopLevel(target, topLevel),
        };
    }

    private IEnumerable<Instruction> Create(InMemoryDocumentSource replica)
    {
        var @class = Pick(Classes);
        var key = (long)(1 + _random.Next(MaxKey));
        if (replica.TryGet(@class, key, out _))
        {
            yield break;
        }

        var reference = ObjectRef.TopLevel(@class, key);
        yield return new CreateObject(reference);
        yield return new SetField(reference, Name, Payload.Of(Pick(Words)));
    }

    private static IEnumerable<Instruction> Erase(InMemoryDocumentSource replica, ObjectRef target)
    {
        var removals = ReplicaView.ReferenceRemovals(replica, new DocumentKey(target.Class, target.PrimaryKey));
        foreach (var removal in removals)
        {
            yield return removal;
        }

        yield return new EraseObject(target);
    }

    private IEnumerable<Instruction> EditTopLevel(ReplicaObject target, List<ReplicaObject> topLevel)
    {
        var at = target.Ref;
        var doc = target.Document;
        switch (_random.Next(13))
        {
            case 0:
                return [new SetField(at, Name, Payload.Of(_random.Next(5) == 0 ? RealmValue.Null : Pick(Words)))];
            case 1:
                return [_random.Next(6) == 0 ? new SetField(at, Count, Payload.Of(_random.Next(100))) : new AddCounter(at, Count, _random.Next(-3, 6))];
            case 2:
                return [new SetField(at, Owner, _random.Next(4) == 0 ? Payload.Of(RealmValue.Null) : LinkTo(topLevel))];
            case 3:
                return _random.Next(4) == 0
                    ? [new SetField(at, Home, Payload.Of(RealmValue.Null))]
                    : [new SetField(at, Home, Payload.NewEmbedded), new SetField(ReplicaView.Child(at, new PathElement(Home)), City, Payload.Of(Pick(Words)))];
            case 4:
                return ListEdit(at, doc, Tags, () => Payload.Of(Pick(Words)));
            case 5:
                return ListEdit(at, doc, Refs, () => LinkTo(topLevel));
            case 6:
                return PartListEdit(at, doc);
            case 7:
                return SetEdit(at, doc, Labels, () => Payload.Of(Pick(Words)));
            case 8:
                return SetEdit(at, doc, Links, () => LinkTo(topLevel));
            case 9:
                return DictionaryEdit(at, doc, Attrs, () => Payload.Of(_random.Next(4) == 0 ? RealmValue.Null : _random.Next(50)));
            case 10:
                return SlotEdit(at, doc);
            case 11:
                return DictionaryEdit(at, doc, Named, () => LinkTo(topLevel));
            default:
                return [new CollectionClear(at, Pick([Tags, Refs, Parts, Labels, Links, Attrs, Slots, Named]))];
        }
    }

    private IEnumerable<Instruction> EditAddress(ReplicaObject target) => _random.Next(3) switch
    {
        0 => [new SetField(target.Ref, City, Payload.Of(Pick(Words)))],
        1 => [new AddCounter(target.Ref, Visits, _random.Next(1, 4))],
        _ => ListEdit(target.Ref, target.Document, Zips, () => Payload.Of(_random.Next(10))),
    };

    private IEnumerable<Instruction> EditPart(ReplicaObject target, List<ReplicaObject> topLevel) => _random.Next(4) switch
    {
        0 => [new SetField(target.Ref, Label, Payload.Of(Pick(Words)))],
        1 => [new AddCounter(target.Ref, N, _random.Next(1, 4))],
        2 => [new SetField(target.Ref, Link, _random.Next(4) == 0 ? Payload.Of(RealmValue.Null) : LinkTo(topLevel))],
        _ => ListEdit(target.Ref, target.Document, Subs, () => Payload.Of(_random.Next(10))),
    };

    private IEnumerable<Instruction> ListEdit(ObjectRef at, ObjectDocument doc, string field, Func<Payload> element)
    {
        var count = doc.TryGetField(field, out var list) ? list.Items.Count : 0;
        var choice = count == 0 ? 0 : _random.Next(5);
        return choice switch
        {
            0 or 1 => [new ListInsert(at, field, _random.Next(count + 1), element())],
            2 => [new ListSet(at, field, _random.Next(count), element())],
            3 => [new ListErase(at, field, _random.Next(count))],
            _ => [new CollectionClear(at, field)],
        };
    }

    private IEnumerable<Instruction> PartListEdit(ObjectRef at, ObjectDocument doc)
    {
        var count = doc.TryGetField(Parts, out var list) ? list.Items.Count : 0;
        var choice = count == 0 ? 0 : _random.Next(4);
        var index = choice == 0 ? _random.Next(count + 1) : _random.Next(count);
        var part = ReplicaView.Child(at, new PathElement(Parts, index));
        return choice switch
        {
            0 => [new ListInsert(at, Parts, index, Payload.NewEmbedded), new SetField(part, Label, Payload.Of(Pick(Words)))],
            1 => [new ListSet(at, Parts, index, Payload.NewEmbedded), new AddCounter(part, N, 1)],
            _ => [new ListErase(at, Parts, index)],
        };
    }

    private IEnumerable<Instruction> SetEdit(ObjectRef at, ObjectDocument doc, string field, Func<Payload> element)
    {
        if (_random.Next(3) == 0 && doc.TryGetField(field, out var set))
        {
            var member = Pick(set.Items.ToArray());
            return [new SetErase(at, field, member.Kind == DocumentValueKind.Link ? Payload.Link(member.LinkClass!, member.Value) : Payload.Of(member.Value))];
        }

        return [_random.Next(4) == 0 && field == Labels ? new SetErase(at, field, element()) : new SetInsert(at, field, element())];
    }

    private IEnumerable<Instruction> DictionaryEdit(ObjectRef at, ObjectDocument doc, string field, Func<Payload> element)
    {
        if (_random.Next(3) == 0 && doc.TryGetField(field, out var dictionary))
        {
            return [new DictionaryErase(at, field, Pick(dictionary.Entries.Keys.ToArray()))];
        }

        return [new DictionarySet(at, field, Pick(Keys), element())];
    }

    private IEnumerable<Instruction> SlotEdit(ObjectRef at, ObjectDocument doc)
    {
        if (_random.Next(3) == 0 && doc.TryGetField(Slots, out var slots))
        {
            return [new DictionaryErase(at, Slots, Pick(slots.Entries.Keys.ToArray()))];
        }

        var key = Pick(Keys);
        return [new DictionarySet(at, Slots, key, Payload.NewEmbedded), new SetField(ReplicaView.Child(at, new PathElement(Slots, Key: key)), Label, Payload.Of(Pick(Words)))];
    }

    private Payload LinkTo(List<ReplicaObject> topLevel)
    {
        var target = Pick(topLevel).Ref;
        return Payload.Link(target.Class, target.PrimaryKey);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
