using Microsoft.CodeAnalysis;

namespace SourceGenSync.Generators.Diagnostics;

/// <summary>
/// Every schema diagnostic, in one place. Ids are never reused; each has a page in docs/diagnostics. Code fixes
/// refer to the <c>*Id</c> constants and read extra data from <see cref="Diagnostic.Properties"/> (keys below).
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "SourceGenSync.Schema";

    /// <summary>SGS0015: the interface type to declare instead, e.g. <c>IList&lt;string&gt;</c>.</summary>
    public const string ReplacementTypeProperty = "ReplacementType";

    /// <summary>SGS0026: a member name the class does not use yet, for the added primary key (<c>Id</c>, <c>Key</c>...).</summary>
    public const string PropertyNameProperty = "PropertyName";

    /// <summary>SGS0026: <c>_id</c> when no property of the class is stored under that name yet, else empty.</summary>
    public const string MappedNameProperty = "MappedName";

    public const string ClassNotPartialId = "SGS0001";
    public const string PropertyNotPartialId = "SGS0002";
    public const string ClassHasBaseTypeId = "SGS0003";
    public const string ContainingTypeNotPartialId = "SGS0004";
    public const string MultiplePrimaryKeysId = "SGS0005";
    public const string PrimaryKeyTypeId = "SGS0006";
    public const string PrimaryKeyOnEmbeddedId = "SGS0007";
    public const string IndexedTypeId = "SGS0008";
    public const string IndexedPrimaryKeyId = "SGS0009";
    public const string FullTextNotStringId = "SGS0010";
    public const string RequiredMisuseId = "SGS0011";
    public const string LinkNotNullableId = "SGS0012";
    public const string CollectionElementNullabilityId = "SGS0013";
    public const string UnsupportedTypeId = "SGS0014";
    public const string ConcreteCollectionId = "SGS0015";
    public const string CollectionSetterId = "SGS0016";
    public const string CollectionInitializerId = "SGS0017";
    public const string DictionaryKeyId = "SGS0018";
    public const string SetOfEmbeddedId = "SGS0019";
    public const string BacklinkTypeId = "SGS0020";
    public const string BacklinkSetterId = "SGS0021";
    public const string BacklinkPropertyId = "SGS0022";
    public const string DuplicateClassNameId = "SGS0023";
    public const string DuplicatePropertyNameId = "SGS0024";
    public const string LanguageVersionId = "SGS0025";
    public const string NoPrimaryKeyId = "SGS0026";
    public const string AttributeNotHonouredId = "SGS0027";
    public const string DateTimeWithoutPolicyId = "SGS0028";
    public const string PropertyWithoutSetterId = "SGS0029";
    public const string MultipleModelAttributesId = "SGS0030";
    public const string ReservedNameId = "SGS0031";
    public const string NoParameterlessConstructorId = "SGS0032";
    public const string GenericClassId = "SGS0033";
    public const string AbstractOrStaticClassId = "SGS0034";
    public const string InvalidLinkTargetId = "SGS0035";
    public const string InvalidMappedNameId = "SGS0036";
    public const string InitSetterId = "SGS0037";
    public const string BacklinkTargetNotModelId = "SGS0038";

    public static readonly DiagnosticDescriptor ClassNotPartial = new(
        id: ClassNotPartialId,
        title: "Model class must be partial",
        messageFormat: "Model class '{0}' must be partial: add the 'partial' modifier so the generator can implement its properties",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(ClassNotPartialId));

    public static readonly DiagnosticDescriptor PropertyNotPartial = new(
        id: PropertyNotPartialId,
        title: "Persisted property must be partial",
        messageFormat: "Property '{0}.{1}' is not partial, so it would not be stored: declare it 'partial', or mark it [Ignored] to keep it out of the schema",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(PropertyNotPartialId));

    public static readonly DiagnosticDescriptor ClassHasBaseType = new(
        id: ClassHasBaseTypeId,
        title: "Model class cannot have a base class",
        messageFormat: "Model class '{0}' derives from '{1}': model classes cannot inherit; remove the base class (interfaces are fine)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(ClassHasBaseTypeId));

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = new(
        id: ContainingTypeNotPartialId,
        title: "Type containing a model class must be partial",
        messageFormat: "Model class '{0}' is nested in '{1}', which is not partial: declare '{1}' partial so the generated code can re-open it",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(ContainingTypeNotPartialId));

    public static readonly DiagnosticDescriptor MultiplePrimaryKeys = new(
        id: MultiplePrimaryKeysId,
        title: "More than one primary key",
        messageFormat: "Class '{0}' already has the primary key '{1}': remove [PrimaryKey] from '{2}' (a class has at most one primary key)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(MultiplePrimaryKeysId));

    public static readonly DiagnosticDescriptor PrimaryKeyType = new(
        id: PrimaryKeyTypeId,
        title: "Primary key of an unsupported type",
        messageFormat: "Primary key '{0}.{1}' has type '{2}', which cannot be a primary key: use long, int, short, byte (or their nullable forms), string, ObjectId or Guid",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(PrimaryKeyTypeId));

    public static readonly DiagnosticDescriptor PrimaryKeyOnEmbedded = new(
        id: PrimaryKeyOnEmbeddedId,
        title: "Embedded objects cannot have a primary key",
        messageFormat: "Embedded object '{0}' cannot have a primary key: remove [PrimaryKey] from '{1}' (an embedded object is identified by its parent)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(PrimaryKeyOnEmbeddedId));

    public static readonly DiagnosticDescriptor IndexedType = new(
        id: IndexedTypeId,
        title: "Property type cannot be indexed",
        messageFormat: "Property '{0}.{1}' has type '{2}', which cannot be indexed: remove [Indexed] (indexable: bool, byte, short, int, long, string, ObjectId, Guid, DateTimeOffset, DateTime and enums, or their nullable forms)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(IndexedTypeId));

    public static readonly DiagnosticDescriptor IndexedPrimaryKey = new(
        id: IndexedPrimaryKeyId,
        title: "[Indexed] on a primary key is redundant",
        messageFormat: "Property '{0}.{1}' is the primary key, which is always indexed: remove [Indexed]",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(IndexedPrimaryKeyId));

    public static readonly DiagnosticDescriptor FullTextNotString = new(
        id: FullTextNotStringId,
        title: "Full-text index on a non-string property",
        messageFormat: "Property '{0}.{1}' has type '{2}', but a full-text index needs a string property: use [Indexed] for a general index, or make the property a string",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(FullTextNotStringId));

    public static readonly DiagnosticDescriptor RequiredMisuse = new(
        id: RequiredMisuseId,
        title: "[Required] cannot be applied here",
        messageFormat: "[Required] on '{0}.{1}' cannot be honoured: {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(RequiredMisuseId));

    public static readonly DiagnosticDescriptor LinkNotNullable = new(
        id: LinkNotNullableId,
        title: "Link or embedded object property must be nullable",
        messageFormat: "Property '{0}.{1}' links to '{2}' and must be nullable: declare it as '{2}?' (it is null until set, and a link becomes null when its target is deleted)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(LinkNotNullableId));

    public static readonly DiagnosticDescriptor CollectionElementNullability = new(
        id: CollectionElementNullabilityId,
        title: "Wrong nullability of collection elements",
        messageFormat: "Collection '{0}.{1}' has the wrong element nullability: {2}; declare it as '{3}'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(CollectionElementNullabilityId));

    public static readonly DiagnosticDescriptor UnsupportedType = new(
        id: UnsupportedTypeId,
        title: "Unsupported property type",
        messageFormat: "Property '{0}.{1}' has type '{2}', which cannot be stored ({3}): use one of " + Parsing.TypeClassifier.SupportedTypesText + ", or mark the property [Ignored]",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(UnsupportedTypeId));

    public static readonly DiagnosticDescriptor ConcreteCollection = new(
        id: ConcreteCollectionId,
        title: "Collection property must use a collection interface",
        messageFormat: "Property '{0}.{1}' has the concrete type '{2}': declare it as '{3}' (the generated code supplies the collection)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(ConcreteCollectionId));

    public static readonly DiagnosticDescriptor CollectionSetter = new(
        id: CollectionSetterId,
        title: "Collection property must not have a setter",
        messageFormat: "Collection '{0}.{1}' must not have a setter: remove it (the object owns its collection; change the collection's contents instead)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(CollectionSetterId));

    public static readonly DiagnosticDescriptor CollectionInitializer = new(
        id: CollectionInitializerId,
        title: "Collection property must not have an initializer",
        messageFormat: "Collection '{0}.{1}' must not have an initializer: remove it (the generated property creates the collection)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(CollectionInitializerId));

    public static readonly DiagnosticDescriptor DictionaryKey = new(
        id: DictionaryKeyId,
        title: "Dictionary key must be string",
        messageFormat: "Dictionary '{0}.{1}' has the key type '{2}', but keys must be string: declare it as '{3}'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(DictionaryKeyId));

    public static readonly DiagnosticDescriptor SetOfEmbedded = new(
        id: SetOfEmbeddedId,
        title: "Sets cannot hold embedded objects",
        messageFormat: "Set '{0}.{1}' holds embedded objects '{2}', which have no identity to compare: use 'IList<{2}>' instead",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(SetOfEmbeddedId));

    public static readonly DiagnosticDescriptor BacklinkType = new(
        id: BacklinkTypeId,
        title: "[Backlink] property must be IQueryable<T>",
        messageFormat: "Backlink '{0}.{1}' has type '{2}': declare it as 'IQueryable<T>', where T is the model class whose link points at '{0}'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(BacklinkTypeId));

    public static readonly DiagnosticDescriptor BacklinkSetter = new(
        id: BacklinkSetterId,
        title: "[Backlink] property must not have a setter",
        messageFormat: "Backlink '{0}.{1}' must not have a setter: remove it (a backlink is computed from the links that point here)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(BacklinkSetterId));

    public static readonly DiagnosticDescriptor BacklinkProperty = new(
        id: BacklinkPropertyId,
        title: "[Backlink] must name a link back to this class",
        messageFormat: "Backlink '{0}.{1}' names '{2}.{3}', which {4}: name a persisted property of '{2}' of type '{0}?', 'IList<{0}>' or 'ISet<{0}>'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(BacklinkPropertyId));

    public static readonly DiagnosticDescriptor DuplicateClassName = new(
        id: DuplicateClassNameId,
        title: "Two classes are stored under the same name",
        messageFormat: "Model classes '{0}' and '{1}' are both stored as '{2}': rename one of them or give it another [MapTo] name (stored names are compared ignoring case)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(DuplicateClassNameId),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor DuplicatePropertyName = new(
        id: DuplicatePropertyNameId,
        title: "Two properties are stored under the same name",
        messageFormat: "Properties '{0}.{1}' and '{0}.{2}' are both stored as '{3}': rename one of them or change its [MapTo] name (stored names are compared ignoring case)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(DuplicatePropertyNameId));

    public static readonly DiagnosticDescriptor LanguageVersion = new(
        id: LanguageVersionId,
        title: "C# 13 or later is required",
        messageFormat: "Model class '{0}' needs C# 13 or later for partial properties, but the project uses C# {1}: set <LangVersion>13</LangVersion> (or later) in the project file",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(LanguageVersionId));

    public static readonly DiagnosticDescriptor NoPrimaryKey = new(
        id: NoPrimaryKeyId,
        title: "[RealmObject] without a primary key is never synced",
        messageFormat: "[RealmObject] class '{0}' has no primary key, so it can be stored locally but never synced: add '[PrimaryKey] [MapTo(\"_id\")] public partial ObjectId Id {{ get; set; }}'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(NoPrimaryKeyId));

    public static readonly DiagnosticDescriptor AttributeNotHonoured = new(
        id: AttributeNotHonouredId,
        title: "Attribute cannot be honoured",
        messageFormat: "[{0}] on '{1}' has no effect: {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(AttributeNotHonouredId));

    public static readonly DiagnosticDescriptor DateTimeWithoutPolicy = new(
        id: DateTimeWithoutPolicyId,
        title: "DateTime property without a DateTimeKindPolicy",
        messageFormat: "DateTime property '{0}.{1}' has no DateTimeKindPolicy: its Kind is stored as written, so Local, Utc and Unspecified values read back differently; add [DateTimeKindPolicy(...)] to the property, the class or the assembly, or use DateTimeOffset",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(DateTimeWithoutPolicyId));

    public static readonly DiagnosticDescriptor PropertyWithoutSetter = new(
        id: PropertyWithoutSetterId,
        title: "Partial property without a setter is never persisted",
        messageFormat: "Property '{0}.{1}' has no setter, so its value could never be stored or read back: add a setter (it may be private), or mark the property [Ignored]",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(PropertyWithoutSetterId));

    public static readonly DiagnosticDescriptor MultipleModelAttributes = new(
        id: MultipleModelAttributesId,
        title: "More than one model attribute",
        messageFormat: "Class '{0}' has more than one model attribute ({1}): keep exactly one of [RealmObject], [EmbeddedObject] and [AsymmetricObject]",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(MultipleModelAttributesId));

    public static readonly DiagnosticDescriptor ReservedName = new(
        id: ReservedNameId,
        title: "Name reserved by generated code",
        messageFormat: "'{0}' in model class '{1}' clashes with a member of the generated code, which declares {2}: rename it",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(ReservedNameId));

    public static readonly DiagnosticDescriptor NoParameterlessConstructor = new(
        id: NoParameterlessConstructorId,
        title: "Model class needs a parameterless constructor",
        messageFormat: "Model class '{0}' has no parameterless constructor, so objects cannot be created when they are read: add one (it may be private)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(NoParameterlessConstructorId));

    public static readonly DiagnosticDescriptor GenericClass = new(
        id: GenericClassId,
        title: "Model class cannot be generic",
        messageFormat: "Model class '{0}' {1}: a model class maps to one stored type, so neither it nor its enclosing types can have type parameters; remove them",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(GenericClassId));

    public static readonly DiagnosticDescriptor AbstractOrStaticClass = new(
        id: AbstractOrStaticClassId,
        title: "Model class cannot be abstract or static",
        messageFormat: "Model class '{0}' is {1}, but objects are created when read: remove the '{1}' modifier",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(AbstractOrStaticClassId));

    public static readonly DiagnosticDescriptor InvalidLinkTarget = new(
        id: InvalidLinkTargetId,
        title: "Invalid link target",
        messageFormat: "Property '{0}.{1}' cannot link to '{2}': {3}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(InvalidLinkTargetId));

    public static readonly DiagnosticDescriptor InvalidMappedName = new(
        id: InvalidMappedNameId,
        title: "Invalid stored name in [MapTo]",
        messageFormat: "[MapTo(\"{0}\")] on '{1}' is not a valid stored name: {2}; use a non-empty name without '.' that does not start with '__'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(InvalidMappedNameId));

    public static readonly DiagnosticDescriptor InitSetter = new(
        id: InitSetterId,
        title: "Persisted property with an init-only setter",
        messageFormat: "Property '{0}.{1}' has an 'init' accessor, but stored values are set after construction: use 'set' (it may be private)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(InitSetterId));

    public static readonly DiagnosticDescriptor BacklinkTargetNotModel = new(
        id: BacklinkTargetNotModelId,
        title: "[Backlink] target class is not a model",
        messageFormat: "Backlink '{0}.{1}' points at '{2}', which is not a model class: T in IQueryable<T> must be a [RealmObject] or [EmbeddedObject] class that links to '{0}'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(BacklinkTargetNotModelId));

    /// <summary>The documentation page of a diagnostic, in the repository's docs/diagnostics folder.</summary>
    public static string HelpLink(string id) =>
        "https://github.com/sourcegensync/sourcegensync/blob/main/docs/diagnostics/" + id + ".md";
}
