using System;
using System.Collections.Generic;
using SourceGenSync.Changesets;
using SourceGenSync.Merge.Internal;

namespace SourceGenSync.Merge;

/// <summary>How many instructions an apply call carried out and how many it skipped because they did not fit.</summary>
public readonly record struct ApplyResult(int Applied, int Skipped)
{
    public static ApplyResult operator +(ApplyResult left, ApplyResult right) =>
        new(left.Applied + right.Applied, left.Skipped + right.Skipped);
}

/// <summary>
/// Applies instructions to documents. Deterministic and total: an instruction that does not fit the state (a
/// missing object, an index out of range, a path that leads nowhere, a field of another kind) is skipped and
/// counted, never thrown, so hostile or stale input cannot stop a replica. Correctly transformed changesets never
/// skip; the property tests assert that. docs/merge-rules.md ("Apply") is the normative text.
/// </summary>
public static class InstructionApplier
{
    public static ApplyResult Apply(Changeset changeset, IDocumentSource documents, Action<Instruction, string>? onSkipped = null)
    {
        ArgumentNullException.ThrowIfNull(changeset);
        return Apply(changeset.Instructions, documents, onSkipped);
    }

    public static ApplyResult Apply(IEnumerable<Instruction> instructions, IDocumentSource documents, Action<Instruction, string>? onSkipped = null)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        var result = default(ApplyResult);
        foreach (var instruction in instructions)
        {
            result += Apply(instruction, documents, onSkipped) ? new ApplyResult(1, 0) : new ApplyResult(0, 1);
        }

        return result;
    }

    /// <summary>Applies one instruction; false (and <paramref name="onSkipped"/> with the reason) when it was skipped.</summary>
    public static bool Apply(Instruction instruction, IDocumentSource documents, Action<Instruction, string>? onSkipped = null)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        ArgumentNullException.ThrowIfNull(documents);
        var reason = ApplyOne(instruction, documents);
        if (reason is null)
        {
            return true;
        }

        onSkipped?.Invoke(instruction, reason);
        return false;
    }

    // Returns null when applied, else why it was skipped.
    private static string? ApplyOne(Instruction instruction, IDocumentSource documents)
    {
        var target = instruction.Object;
        if (target.Class is null)
        {
            return "no class";
        }

        switch (instruction)
        {
            case CreateObject:
                if (target.IsEmbedded)
                {
                    return "CreateObject with a path (embedded objects are created by NewEmbedded payloads)";
                }

                // Creating an existing object is a no-op: concurrent creates of one primary key merge into one object.
                if (!documents.TryGet(target.Class, target.PrimaryKey, out _))
                {
                    documents.Put(target.Class, target.PrimaryKey, new ObjectDocument());
                }

                return null;
            case EraseObject:
                if (target.IsEmbedded)
                {
                    return "EraseObject with a path (embedded objects are removed through their owner's field)";
                }

                return documents.Remove(target.Class, target.PrimaryKey) ? null : "object does not exist";
        }

        if (!documents.TryGet(target.Class, target.PrimaryKey, out var top))
        {
            return "object does not exist";
        }

        var document = Resolve(top, target);
        if (document is null)
        {
            return "embedded path does not lead to an embedded object";
        }

        var reason = FieldMutations.Apply(instruction, document);
        if (reason is null)
        {
            documents.Put(target.Class, target.PrimaryKey, top);
        }

        return reason;
    }

    private static ObjectDocument? Resolve(ObjectDocument top, ObjectRef target)
    {
        var document = top;
        if (target.Path.IsDefaultOrEmpty)
        {
            return document;
        }

        foreach (var step in target.Path)
        {
            if (step.Property is null || !document.TryGetField(step.Property, out var field))
            {
                return null;
            }

            DocumentValue? element;
            if (step.Index is { } index)
            {
                if (step.Key is not null || field.Kind != DocumentValueKind.List || index < 0 || index >= field.Items.Count)
                {
                    return null;
                }

                element = field.Items[(int)index];
            }
            else if (step.Key is { } key)
            {
                if (field.Kind != DocumentValueKind.Dictionary || !field.Entries.TryGetValue(key, out element))
                {
                    return null;
                }
            }
            else
            {
                element = field;
            }

            if (element.Kind != DocumentValueKind.Embedded)
            {
                return null;
            }

            document = element.Document!;
        }

        return document;
    }
}
