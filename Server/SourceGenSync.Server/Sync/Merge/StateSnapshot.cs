using System.Collections.Generic;
using System.Collections.Immutable;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;

namespace SourceGenSync.Server.Sync.Merge;

/// <summary>
/// Turns merged state back into instructions: the bootstrap a fresh client receives once history has been
/// compacted (docs/protocol.md, "Compaction"). Applying the result to an empty replica gives exactly the documents
/// it was made from: CreateObject, then each field in document order; embedded objects as NewEmbedded followed by
/// their own fields on the longer path; lists by ListInsert at increasing indices, sets by SetInsert, dictionaries
/// by DictionarySet.
/// </summary>
internal static class StateSnapshot
{
    public static List<Instruction> Instructions(string @class, RealmValue primaryKey, ObjectDocument document)
    {
        var instructions = new List<Instruction>();
        var top = ObjectRef.TopLevel(@class, primaryKey);
        instructions.Add(new CreateObject(top));
        AddFields(instructions, top, document);
        return instructions;
    }

    private static void AddFields(List<Instruction> instructions, ObjectRef owner, ObjectDocument document)
    {
        foreach (var (field, value) in document.Fields)
        {
            switch (value.Kind)
            {
                case DocumentValueKind.List:
                    for (var i = 0; i < value.Items.Count; i++)
                    {
                        instructions.Add(new ListInsert(owner, field, i, PayloadOf(value.Items[i])));
                        Embedded(instructions, owner, new PathElement(field, Index: i), value.Items[i]);
                    }

                    break;
                case DocumentValueKind.Set:
                    foreach (var item in value.Items)
                    {
                        instructions.Add(new SetInsert(owner, field, PayloadOf(item)));
                    }

                    break;
                case DocumentValueKind.Dictionary:
                    foreach (var (key, item) in value.Entries)
                    {
                        instructions.Add(new DictionarySet(owner, field, key, PayloadOf(item)));
                        Embedded(instructions, owner, new PathElement(field, Key: key), item);
                    }

                    break;
                default:
                    instructions.Add(new SetField(owner, field, PayloadOf(value)));
                    Embedded(instructions, owner, new PathElement(field), value);
                    break;
            }
        }
    }

    private static void Embedded(List<Instruction> instructions, ObjectRef owner, PathElement step, DocumentValue value)
    {
        if (value.Kind == DocumentValueKind.Embedded)
        {
            var path = (owner.Path.IsDefault ? ImmutableArray<PathElement>.Empty : owner.Path).Add(step);
            AddFields(instructions, owner with { Path = path }, value.Document!);
        }
    }

    private static Payload PayloadOf(DocumentValue value) => value.Kind switch
    {
        DocumentValueKind.Link => Payload.Link(value.LinkClass!, value.Value),
        DocumentValueKind.Embedded => Payload.NewEmbedded,
        _ => Payload.Of(value.Value),
    };
}
