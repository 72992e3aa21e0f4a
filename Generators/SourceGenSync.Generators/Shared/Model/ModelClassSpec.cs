namespace SourceGenSync.Generators.Model;

/// <summary>Which model attribute a class carries (mirrors the runtime's ObjectSchemaKind).</summary>
internal enum ModelKind
{
    TopLevel,
    Embedded,
    Asymmetric,
}

/// <summary>
/// Everything the emitter needs about one valid model class, as plain equatable data (no symbols, syntax or
/// locations), so the incremental pipeline can cache it.
/// </summary>
/// <param name="Hierarchy">Namespace and containing types, to re-open the class.</param>
/// <param name="ClassName">The simple class name.</param>
/// <param name="FullyQualifiedName">The <c>global::</c>-qualified name, e.g. <c>global::Todo.Outer.Item</c>.</param>
/// <param name="MappedName">The stored class name ([MapTo] or the class name).</param>
/// <param name="Kind">RealmObject, EmbeddedObject or AsymmetricObject.</param>
/// <param name="DeclaredAccessibility">The class's own modifier as written in C# (<c>public</c>, <c>internal</c>, ...).</param>
/// <param name="ExtensionAccessibility">
/// <c>public</c> or <c>internal</c> for the generated top-level query-extension class, or empty when the class is
/// not reachable from a top-level type (private/protected nesting) and no extensions are emitted.
/// </param>
/// <param name="Properties">All properties to implement, in declaration order (persisted, backlinks, ignored partial ones).</param>
/// <param name="HintName">The file name of the generated source, <c>{Namespace}.{Outer}.{Type}.g.cs</c>.</param>
internal sealed record ModelClassSpec(
    HierarchyInfo Hierarchy,
    string ClassName,
    string FullyQualifiedName,
    string MappedName,
    ModelKind Kind,
    string DeclaredAccessibility,
    string ExtensionAccessibility,
    EquatableArray<PropertySpec> Properties,
    string HintName);
