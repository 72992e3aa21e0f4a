using System.Collections.Generic;
using System.Collections.Immutable;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using static SourceGenSync.Protocol.Tests.Merge.Simulation.SimulationSchema;

namespace SourceGenSync.Protocol.Tests.Merge.Simulation;

/// <summary>One object of a replica, top-level or embedded, with the reference instructions use to reach it.</summary>
internal sealed record ReplicaObject(ObjectRef Ref, ObjectDocument Document, SimulationObjectKind Kind);

/// <summary>Reads a replica the way a local store would: its objects and the references to a given object.</summary>
internal static class ReplicaView
{
    public static List<ReplicaObject> Objects(InMemoryDocumentSource replica)
    {
        var objects = new List<ReplicaObject>();
        foreach (var (key, document) in replica.Documents)
        {
            var top = ObjectRef.TopLevel(key.Class, key.PrimaryKey);
            objects.Add(new ReplicaObject(top, document, SimulationObjectKind.TopLevel));
            if (document.TryGetField(Home, out var home) && home.Kind == DocumentValueKind.Embedded)
            {
                objects.Add(new ReplicaObject(Child(top, new PathElement(Home)), home.Document!, SimulationObjectKind.Address));
            }

            if (document.TryGetField(Parts, out var parts))
            {
                for (var i = 0; i < parts.Items.Count; i++)
                {
                    objects.Add(new ReplicaObject(Child(top, new PathElement(Parts, i)), parts.Items[i].Document!, SimulationObjectKind.Part));
                }
            }

            if (document.TryGetField(Slots, out var slots))
            {
                foreach (var (slot, part) in slots.Entries)
                {
                    objects.Add(new ReplicaObject(Child(top, new PathElement(Slots, Key: slot)), part.Document!, SimulationObjectKind.Part));
                }
            }
        }

        return objects;
    }

    public static ObjectRef Child(ObjectRef parent, PathElement step) =>
        parent with { Path = (parent.Path.IsDefault ? ImmutableArray<PathElement>.Empty : parent.Path).Add(step) };

    /// <summary>
    /// The instructions a local store records before erasing <paramref name="target"/>: every link to it held by
    /// another object is removed (fields set to null, list elements and set members erased, dictionary entries
    /// erased). List elements go in descending index order so the indices stay valid.
    /// </summary>
    public static List<Instruction> ReferenceRemovals(InMemoryDocumentSource replica, DocumentKey target)
    {
        var removals = new List<Instruction>();
        foreach (var item in Objects(replica))
        {
            if (item.Ref.Class == target.Class && item.Ref.PrimaryKey.Equals(target.PrimaryKey))
            {
                continue; // erased along with the target
            }

            foreach (var (field, value) in item.Document.Fields)
            {
                switch (value.Kind)
                {
                    case DocumentValueKind.Link when Is(value, target):
                        removals.Add(new SetField(item.Ref, field, Payload.Of(RealmValue.Null)));
                        break;
                    case DocumentValueKind.List:
                        for (var i = value.Items.Count - 1; i >= 0; i--)
                        {
                            if (Is(value.Items[i], target))
                            {
                                removals.Add(new ListErase(item.Ref, field, i));
                            }
                        }

                        break;
                    case DocumentValueKind.Set:
                        foreach (var member in value.Items)
                        {
                            if (Is(member, target))
                            {
                                removals.Add(new SetErase(item.Ref, field, Payload.Link(member.LinkClass!, member.Value)));
                            }
                        }

                        break;
                    case DocumentValueKind.Dictionary:
                        foreach (var (key, entry) in value.Entries)
                        {
                            if (Is(entry, target))
                            {
                                removals.Add(new DictionaryErase(item.Ref, field, key));
                            }
                        }

                        break;
                }
            }
        }

        return removals;
    }

    /// <summary>Links anywhere in the replica whose target does not exist (there must be none).</summary>
    public static List<string> DanglingLinks(InMemoryDocumentSource replica)
    {
        var dangling = new List<string>();
        foreach (var item in Objects(replica))
        {
            foreach (var (field, value) in item.Document.Fields)
            {
                IEnumerable<DocumentValue> elements = value.Kind switch
                {
                    DocumentValueKind.List or DocumentValueKind.Set => value.Items,
                    DocumentValueKind.Dictionary => value.Entries.Values,
                    _ => [value],
                };
                foreach (var element in elements)
                {
                    if (element.Kind == DocumentValueKind.Link && !replica.TryGet(element.LinkClass!, element.Value, out _))
                    {
                        dangling.Add($"{item.Ref.Class}[{item.Ref.PrimaryKey}] {Describe(item.Ref)}.{field} -> {element}");
                    }
                }
            }
        }

        return dangling;
    }

    private static bool Is(DocumentValue value, DocumentKey target) =>
        value.Kind == DocumentValueKind.Link && value.LinkClass == target.Class && value.Value.Equals(target.PrimaryKey);

    private static string Describe(ObjectRef reference) => reference.Path.IsDefaultOrEmpty ? "" : string.Join(".", reference.Path);
}
