using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using SourceGenSync.Changesets;

namespace SourceGenSync.Merge;

/// <summary>
/// The instructions that rebuild a document from nothing: CreateObject, then every field in ordinal order (embedded
/// objects as NewEmbedded followed by their own fields, collections element by element). The server uses them for
/// a bootstrap changeset when history before a client's cursor has been compacted away; applying them to a state
/// without the object yields an equal document.
/// </summary>
public static class DocumentInstructions
{
    public static List<Instruction> Recreate(string @class, RealmValue primaryKey, ObjectDocument document)
    {
        ArgumentNullException.ThrowIfNull(@class);
        ArgumentNullException.ThrowIfNull(document);
        var reference = ObjectRef.TopLevel(@class, primaryKey);
        var instructions = new List<Instruction> { new CreateObject(reference) };
        AddFields(instructions, reference, document);
        return instructions;
    }

    private static void AddFields(List<Instruction> instructions, ObjectRef at, ObjectDocument document)
    {
        foreach (var (field, value) in document.Fields)
        {
            switch (value.Kind)
            {
                case DocumentValueKind.List:
                    for (var i = 0; i < value.Items.Count; i++)
                    {
                        instructions.Add(new ListInsert(at, field, i, PayloadOf(value.Items[i])));
                        AddEmbedded(instructions, at, new PathElement(field, i), value.Items[i]);
                    }

                    break;
                case DocumentValueKind.Set:
                    foreach (var member in value.Items)
                    {
                        instructions.Add(new SetInsert(at, field, PayloadOf(member)));
                    }

                    break;
                case DocumentValueKind.Dictionary:
                    foreach (var (key, entry) in value.Entries)
                    {
                        instructions.Add(new DictionarySet(at, field, key, PayloadOf(entry)));
                        AddEmbedded(instructions, at, new PathElement(field, Key: key), entry);
                    }

                    break;
                default:
                    instructions.Add(new SetField(at, field, PayloadOf(value)));
                    AddEmbedded(instructions, at, new PathElement(field), value);
                    break;
            }
        }
    }

    private static void AddEmbedded(List<Instruction> instructions, ObjectRef owner, PathElement step, DocumentValue value)
    {
        if (value.Kind == DocumentValueKind.Embedded)
        {
            var path = owner.Path.IsDefault ? ImmutableArray<PathElement>.Empty : owner.Path;
            AddFields(instructions, owner with { Path = path.Add(step) }, value.Document!);
        }
    }

    private static Payload PayloadOf(DocumentValue value) => value.Kind switch
    {
        DocumentValueKind.Link => Payload.Link(value.LinkClass!, value.Value),
        DocumentValueKind.Embedded => Payload.NewEmbedded,
        _ => Payload.Of(value.Value),
    };
}
