using SourceGenSync.Changesets;

namespace SourceGenSync.Merge.Internal;

/// <summary>
/// The field-level half of <see cref="InstructionApplier"/>: one instruction against the document it targets.
/// Returns null when applied, else why it was skipped; a skipped instruction leaves the document unchanged.
/// </summary>
internal static class FieldMutations
{
    public static string? Apply(Instruction instruction, ObjectDocument document)
    {
        if (Rules.Field(instruction) is null)
        {
            return "no field"; // records do not stop a null field; decoded input never has one, hand-built may
        }

        switch (instruction)
        {
            case SetField set:
                return Convert(set.Value, allowEmbedded: true, out var setValue) ?? Assign(document, set.Field, setValue!);
            case AddCounter add:
                return AddToCounter(document, add);
            case ListInsert insert:
            {
                var error = Convert(insert.Value, allowEmbedded: true, out var element);
                if (error is not null)
                {
                    return error;
                }

                error = Collection(document, insert.Field, DocumentValueKind.List, create: true, out var list);
                if (error is not null)
                {
                    return error;
                }

                if (insert.Index < 0 || insert.Index > list!.Items.Count)
                {
                    return "list index out of range";
                }

                list.MutableItems!.Insert((int)insert.Index, element!);
                document.Set(insert.Field, list);
                return null;
            }

            case ListSet listSet:
            {
                var error = Convert(listSet.Value, allowEmbedded: true, out var element);
                if (error is not null)
                {
                    return error;
                }

                error = Collection(document, listSet.Field, DocumentValueKind.List, create: false, out var list);
                if (error is not null)
                {
                    return error;
                }

                if (listSet.Index < 0 || listSet.Index >= list!.Items.Count)
                {
                    return "list index out of range";
                }

                list.MutableItems![(int)listSet.Index] = element!;
                return null;
            }

            case ListErase erase:
            {
                var error = Collection(document, erase.Field, DocumentValueKind.List, create: false, out var list);
                if (error is not null)
                {
                    return error;
                }

                if (erase.Index < 0 || erase.Index >= list!.Items.Count)
                {
                    return "list index out of range";
                }

                list.MutableItems!.RemoveAt((int)erase.Index);
                document.RemoveIfEmptyCollection(erase.Field);
                return null;
            }

            case SetInsert setInsert:
            {
                var error = Convert(setInsert.Value, allowEmbedded: false, out var element);
                if (error is not null)
                {
                    return error;
                }

                error = Collection(document, setInsert.Field, DocumentValueKind.Set, create: true, out var set);
                if (error is not null)
                {
                    return error;
                }

                // Inserting a member that is present is a no-op, not a skip: concurrent inserts of one element both apply.
                set!.SetAdd(element!);
                document.Set(setInsert.Field, set);
                return null;
            }

            case SetErase setErase:
            {
                var error = Convert(setErase.Value, allowEmbedded: false, out var element);
                if (error is not null)
                {
                    return error;
                }

                if (!document.TryGetField(setErase.Field, out var set))
                {
                    return null; // erasing from an empty set: nothing to do
                }

                if (set.Kind != DocumentValueKind.Set)
                {
                    return "field is not a set";
                }

                set.SetRemove(element!);
                document.RemoveIfEmptyCollection(setErase.Field);
                return null;
            }

            case DictionarySet dictionarySet:
            {
                if (dictionarySet.Key is null)
                {
                    return "no dictionary key";
                }

                var error = Convert(dictionarySet.Value, allowEmbedded: true, out var element);
                if (error is not null)
                {
                    return error;
                }

                error = Collection(document, dictionarySet.Field, DocumentValueKind.Dictionary, create: true, out var dictionary);
                if (error is not null)
                {
                    return error;
                }

                dictionary!.MutableEntries![dictionarySet.Key] = element!;
                document.Set(dictionarySet.Field, dictionary);
                return null;
            }

            case DictionaryErase dictionaryErase:
            {
                if (dictionaryErase.Key is null)
                {
                    return "no dictionary key";
                }

                if (!document.TryGetField(dictionaryErase.Field, out var dictionary))
                {
                    return null;
                }

                if (dictionary.Kind != DocumentValueKind.Dictionary)
                {
                    return "field is not a dictionary";
                }

                dictionary.MutableEntries!.Remove(dictionaryErase.Key);
                document.RemoveIfEmptyCollection(dictionaryErase.Field);
                return null;
            }

            case CollectionClear clear:
            {
                if (clear.Field is null)
                {
                    return "no field";
                }

                if (!document.TryGetField(clear.Field, out var collection))
                {
                    return null; // clearing a collection that is already empty
                }

                if (!collection.IsCollection)
                {
                    return "field is not a collection";
                }

                document.Remove(clear.Field);
                return null;
            }

            default:
                return "unknown instruction";
        }
    }

    private static string? Assign(ObjectDocument document, string field, DocumentValue value)
    {
        if (field is null)
        {
            return "no field";
        }

        document.Set(field, value);
        return null;
    }

    private static string? AddToCounter(ObjectDocument document, AddCounter add)
    {
        if (add.Field is null)
        {
            return "no field";
        }

        if (!document.TryGetField(add.Field, out var current) || (current.Kind == DocumentValueKind.Value && current.Value.IsNull))
        {
            document.Set(add.Field, DocumentValue.Of(add.Delta));
            return null;
        }

        if (current.Kind != DocumentValueKind.Value || current.Value.Type != RealmValueType.Int)
        {
            return "counter field does not hold an Int";
        }

        // Wrapping addition: adds commute only if overflow behaves the same in every order.
        document.Set(add.Field, DocumentValue.Of(unchecked(current.Value.AsInt64() + add.Delta)));
        return null;
    }

    private static string? Collection(ObjectDocument document, string field, DocumentValueKind kind, bool create, out DocumentValue? collection)
    {
        collection = null;
        if (field is null)
        {
            return "no field";
        }

        if (document.TryGetField(field, out var existing))
        {
            collection = existing;
            return existing.Kind == kind ? null : $"field is not a {kind}";
        }

        if (!create)
        {
            return $"{kind} is empty";
        }

        collection = kind switch
        {
            DocumentValueKind.List => DocumentValue.NewList(),
            DocumentValueKind.Set => DocumentValue.NewSet(),
            _ => DocumentValue.NewDictionary(),
        };
        return null;
    }

    private static string? Convert(Payload payload, bool allowEmbedded, out DocumentValue? value)
    {
        value = null;
        switch (payload.Kind)
        {
            case PayloadKind.Value when payload.Value.Type != RealmValueType.Object && payload.LinkClass is null:
                value = DocumentValue.Of(payload.Value);
                return null;
            case PayloadKind.Link when payload.LinkClass is not null && payload.Value.Type != RealmValueType.Object:
                value = DocumentValue.Link(payload.LinkClass, payload.Value);
                return null;
            case PayloadKind.NewEmbedded when allowEmbedded:
                value = DocumentValue.Embedded(new ObjectDocument());
                return null;
            default:
                return "payload does not fit";
        }
    }
}
