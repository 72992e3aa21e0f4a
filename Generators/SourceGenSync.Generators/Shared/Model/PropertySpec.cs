namespace SourceGenSync.Generators.Model;

/// <summary>The stored type of a property or of a collection's elements (names match the runtime's PropertyType).</summary>
internal enum StorageType
{
    Bool,
    Int,
    Float,
    Double,
    Decimal,
    String,
    Data,
    Date,
    DateTime,
    Guid,
    ObjectId,
    RealmValue,
    Object,
    LinkingObjects,
}

/// <summary>Names match the runtime's CollectionKind.</summary>
internal enum CollectionType
{
    None,
    List,
    Set,
    Dictionary,
}

/// <summary>Names match the runtime's IndexType.</summary>
internal enum IndexKind
{
    None,
    General,
    FullText,
}

/// <summary>Names match the runtime's DateTimeKindPolicy.</summary>
internal enum DateTimePolicy
{
    PreserveKind,
    ConvertToUtc,
}

/// <summary>
/// One property of a model class, as equatable data.
/// </summary>
/// <param name="Name">The C# property name.</param>
/// <param name="MappedName">The stored name ([MapTo] or the C# name).</param>
/// <param name="DeclaredType">
/// The property type exactly as the implementing declaration must spell it: <c>global::</c>-qualified, with
/// <c>?</c> on nullable reference types when the declaration is in a nullable-enabled context
/// (e.g. <c>global::System.Collections.Generic.IList&lt;string&gt;</c>, <c>global::Todo.Project?</c>, <c>int?</c>).
/// </param>
/// <param name="Modifiers">The property's modifiers before <c>partial</c>, as written (<c>public</c>, <c>internal virtual</c>...).</param>
/// <param name="SetterModifier">
/// Null when the property has no setter; otherwise the accessor's own modifier (<c>""</c>, <c>private</c>,
/// <c>internal</c>...). <c>init</c> setters are reported by the analyzer and never reach the emitter.
/// </param>
/// <param name="IsIgnored">[Ignored] partial property: implemented as a plain field, not in the schema.</param>
/// <param name="Storage">The stored type (of the value, or of each element of a collection).</param>
/// <param name="Collection">Whether this is a list, set, dictionary or a single value. Backlinks are None.</param>
/// <param name="IsNullable">Whether the value (for collections: each element) may be null.</param>
/// <param name="ValueType">
/// The <c>global::</c>-qualified, non-nullable C# type of the value or element: <c>int</c>, <c>string</c>,
/// <c>global::Todo.Project</c>, <c>global::Todo.Priority</c> (enum), <c>long</c> for <c>RealmInteger&lt;long&gt;</c>.
/// Keywords for the special types (<c>int</c>, <c>string</c>, <c>byte[]</c>, <c>bool</c>...), otherwise qualified names.
/// </param>
/// <param name="IsValueTypeNullable">True when the value type is a Nullable&lt;T&gt; (<c>int?</c>); false for reference types.</param>
/// <param name="EnumUnderlyingType">For enums: the underlying keyword type (<c>int</c>, <c>byte</c>...), else null.</param>
/// <param name="IsCounter">A <c>RealmInteger&lt;T&gt;</c> property (T in <see cref="ValueType"/>).</param>
/// <param name="IsPrimaryKey">[PrimaryKey].</param>
/// <param name="Index">[Indexed] kind (None when absent).</param>
/// <param name="TargetType">For links, embedded objects, object collections and backlinks: the target's <c>global::</c> name.</param>
/// <param name="TargetMappedName">The target class's stored name.</param>
/// <param name="TargetIsEmbedded">True when the target is an [EmbeddedObject].</param>
/// <param name="BacklinkOriginProperty">For backlinks: the stored name of the link property on the target that points back.</param>
/// <param name="DateTimePolicy">For DateTime values: the policy in force (property, class, assembly; PreserveKind by default).</param>
internal sealed record PropertySpec(
    string Name,
    string MappedName,
    string DeclaredType,
    string Modifiers,
    string? SetterModifier,
    bool IsIgnored,
    StorageType Storage,
    CollectionType Collection,
    bool IsNullable,
    string ValueType,
    bool IsValueTypeNullable,
    string? EnumUnderlyingType,
    bool IsCounter,
    bool IsPrimaryKey,
    IndexKind Index,
    string? TargetType,
    string? TargetMappedName,
    bool TargetIsEmbedded,
    string? BacklinkOriginProperty,
    DateTimePolicy DateTimePolicy)
{
    public bool HasSetter => SetterModifier is not null;

    public bool IsBacklink => Storage == StorageType.LinkingObjects;
}
