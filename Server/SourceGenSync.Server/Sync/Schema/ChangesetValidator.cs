using SourceGenSync.Changesets;
using SourceGenSync.Protocol.Sync;

namespace SourceGenSync.Server.Sync.Schema;

/// <summary>
/// Checks every instruction of an uploaded changeset against the realm's schema before anything is integrated:
/// the class exists and may be addressed, the primary key has the key's type, the embedded path walks embedded
/// properties with the right index or key, the field exists with the right collection kind, and every payload has
/// the field's type. A changeset that fails is refused whole (BAD_CHANGESET), so the history never holds
/// instructions other clients could not apply.
/// </summary>
internal static class ChangesetValidator
{
    /// <returns>null when valid, otherwise what is wrong (naming the instruction).</returns>
    public static string? Validate(Changeset changeset, RealmSchema schema)
    {
        for (var i = 0; i < changeset.Instructions.Count; i++)
        {
            var error = Validate(changeset.Instructions[i], schema);
            if (error is not null)
            {
                return $"Instruction {i} ({changeset.Instructions[i].GetType().Name}): {error}";
            }
        }

        return null;
    }

    private static string? Validate(Instruction instruction, RealmSchema schema)
    {
        var target = instruction.Object;
        var top = schema.Find(target.Class);
        if (top is null)
        {
            return $"the class '{target.Class}' is not in the realm's schema.";
        }

        if (top.Kind == ClassKind.Embedded)
        {
            return $"'{target.Class}' is an embedded class: it is reached through its owner's path, never directly.";
        }

        var keyError = CheckPrimaryKey(top, target.PrimaryKey);
        if (keyError is not null)
        {
            return keyError;
        }

        var (owner, pathError) = Walk(top, target, schema);
        if (owner is null)
        {
            return pathError;
        }

        switch (instruction)
        {
            case CreateObject or EraseObject:
                return target.IsEmbedded ? "objects are created and erased at the top level; embedded objects through their owner's field." : null;
            case SetField set:
                return Field(owner, set.Field, CollectionType.None, out var p) ?? CheckPrimaryKeyWrite(owner, p!, target, set.Value) ?? CheckPayload(p!, set.Value, schema);
            case AddCounter add:
                return Field(owner, add.Field, CollectionType.None, out p) ?? (p!.Type.Element is ElementKind.Int or ElementKind.Counter ? null : $"'{owner.Name}.{add.Field}' is not an integer or counter.");
            case ListInsert insert:
                return Field(owner, insert.Field, CollectionType.List, out p) ?? Index(insert.Index) ?? CheckPayload(p!, insert.Value, schema);
            case ListSet listSet:
                return Field(owner, listSet.Field, CollectionType.List, out p) ?? Index(listSet.Index) ?? CheckPayload(p!, listSet.Value, schema);
            case ListErase erase:
                return Field(owner, erase.Field, CollectionType.List, out _) ?? Index(erase.Index);
            case SetInsert setInsert:
                return Field(owner, setInsert.Field, CollectionType.Set, out p) ?? CheckPayload(p!, setInsert.Value, schema);
            case SetErase setErase:
                return Field(owner, setErase.Field, CollectionType.Set, out p) ?? CheckPayload(p!, setErase.Value, schema);
            case DictionarySet dictionarySet:
                return Field(owner, dictionarySet.Field, CollectionType.Dictionary, out p) ?? CheckPayload(p!, dictionarySet.Value, schema);
            case DictionaryErase dictionaryErase:
                return Field(owner, dictionaryErase.Field, CollectionType.Dictionary, out _);
            case CollectionClear clear:
                return Field(owner, clear.Field, null, out p) ?? (p!.Type.Collection == CollectionType.None ? $"'{owner.Name}.{clear.Field}' is not a collection." : null);
            default:
                return "unknown instruction.";
        }
    }

    private static string? CheckPrimaryKey(ClassDefinition top, RealmValue key)
    {
        var property = top.PrimaryKeyProperty;
        if (property is null)
        {
            return key.Type == RealmValueType.Int ? null : $"class '{top.Name}' has no primary key, so objects are identified by an Int row key, not a {key.Type}.";
        }

        return property.Type.Accepts(key.Type) ? null : $"the primary key of '{top.Name}' is '{property.TypeText}', not {key.Type}.";
    }

    private static (ClassDefinition? Owner, string? Error) Walk(ClassDefinition top, ObjectRef target, RealmSchema schema)
    {
        var current = top;
        if (target.Path.IsDefaultOrEmpty)
        {
            return (current, null);
        }

        foreach (var step in target.Path)
        {
            if (!current.Properties.TryGetValue(step.Property, out var property) || property.Type.Element != ElementKind.Embedded)
            {
                return (null, $"the path step '{step.Property}' is not an embedded-object property of '{current.Name}'.");
            }

            var shapeOk = property.Type.Collection switch
            {
                CollectionType.None => step.Index is null && step.Key is null,
                CollectionType.List => step.Index is >= 0 && step.Key is null,
                CollectionType.Dictionary => step.Index is null && step.Key is not null,
                _ => false,
            };
            if (!shapeOk)
            {
                return (null, $"the path step '{step.Property}' needs {property.Type.Collection switch { CollectionType.List => "a list index (≥ 0) and no key", CollectionType.Dictionary => "a dictionary key and no index", _ => "neither an index nor a key" }}.");
            }

            current = schema.Find(property.Type.TargetClass!)!;
        }

        return (current, null);
    }

    private static string? Field(ClassDefinition owner, string field, CollectionType? expected, out PropertyDefinition? property)
    {
        if (!owner.Properties.TryGetValue(field, out property))
        {
            return $"'{owner.Name}' has no property '{field}'.";
        }

        if (expected is { } kind && property.Type.Collection != kind)
        {
            return $"'{owner.Name}.{field}' is '{property.TypeText}', which this instruction does not apply to.";
        }

        return null;
    }

    private static string? Index(long index) => index >= 0 ? null : $"the list index {index} is negative.";

    private static string? CheckPrimaryKeyWrite(ClassDefinition owner, PropertyDefinition property, ObjectRef target, Payload value) =>
        !target.IsEmbedded && property.Name == owner.PrimaryKey && (value.Kind != PayloadKind.Value || !value.Value.Equals(target.PrimaryKey))
            ? $"the primary key '{owner.Name}.{property.Name}' cannot change."
            : null;

    private static string? CheckPayload(PropertyDefinition property, Payload payload, RealmSchema schema)
    {
        var type = property.Type;
        switch (payload.Kind)
        {
            case PayloadKind.Value:
                return type.Element is ElementKind.Link or ElementKind.Embedded
                    ? payload.Value.IsNull && type.Nullable ? null : $"'{property.Name}' holds {(type.Element == ElementKind.Link ? "links" : "embedded objects")}, not a {payload.Value.Type} value."
                    : type.Accepts(payload.Value.Type) ? null : $"'{property.Name}' is '{property.TypeText}' and cannot hold a {payload.Value.Type} value.";
            case PayloadKind.Link:
                if (type.Element == ElementKind.Mixed || (type.Element == ElementKind.Link && type.TargetClass == payload.LinkClass))
                {
                    var linked = schema.Find(payload.LinkClass ?? string.Empty);
                    return linked is { Kind: not ClassKind.Embedded } ? CheckPrimaryKey(linked, payload.Value) : $"the link target class '{payload.LinkClass}' is not a top-level class of the schema.";
                }

                return $"'{property.Name}' is '{property.TypeText}' and cannot hold a link to '{payload.LinkClass}'.";
            case PayloadKind.NewEmbedded:
                return type.Element == ElementKind.Embedded ? null : $"'{property.Name}' is '{property.TypeText}', not an embedded object.";
            default:
                return "unknown payload kind.";
        }
    }
}
