using SourceGenSync.Generators.Model;

namespace SourceGenSync.Generators.Tests.Emitter;

/// <summary>Hand-built specs, so the emitter can be tested without the parser.</summary>
internal static class Specs
{
    public static PropertySpec Property(
        string name,
        StorageType storage = StorageType.String,
        string? declaredType = null,
        string? valueType = null,
        CollectionType collection = CollectionType.None,
        bool isNullable = false,
        string? mappedName = null,
        string? target = null,
        bool isIgnored = false) =>
        new(
            Name: name,
            MappedName: mappedName ?? name,
            DeclaredType: declaredType ?? "string",
            Modifiers: "public",
            SetterModifier: collection == CollectionType.None && storage != StorageType.LinkingObjects ? string.Empty : null,
            IsIgnored: isIgnored,
            Storage: storage,
            Collection: collection,
            IsNullable: isNullable,
            ValueType: valueType ?? "string",
            IsValueTypeNullable: false,
            EnumUnderlyingType: null,
            IsCounter: false,
            IsPrimaryKey: false,
            Index: IndexKind.None,
            TargetType: target,
            TargetMappedName: target is null ? null : target.Substring(target.LastIndexOf('.') + 1),
            TargetIsEmbedded: false,
            BacklinkOriginProperty: null,
            DateTimePolicy: DateTimePolicy.PreserveKind);

    public static ModelClassSpec Class(string name, params PropertySpec[] properties) => Class("Models", name, "public", [], properties);

    public static ModelClassSpec Class(string ns, string name, string extensionAccessibility, ContainingTypeInfo[] containing, params PropertySpec[] properties)
    {
        var prefix = ns.Length > 0 ? "global::" + ns + "." : "global::";
        foreach (var type in containing)
        {
            prefix += type.Name + ".";
        }

        return new ModelClassSpec(
            new HierarchyInfo(ns, new EquatableArray<ContainingTypeInfo>(containing)),
            name,
            prefix + name,
            name,
            ModelKind.TopLevel,
            "public",
            extensionAccessibility,
            new EquatableArray<PropertySpec>(properties),
            name + ".g.cs");
    }
}
