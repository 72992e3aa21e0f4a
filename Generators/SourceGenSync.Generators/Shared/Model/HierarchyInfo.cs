namespace SourceGenSync.Generators.Model;

/// <summary>
/// Where a model class lives, captured as strings so generated code can re-open it: the namespace (empty for the
/// global namespace) and the containing types from outermost to innermost.
/// </summary>
internal sealed record HierarchyInfo(string Namespace, EquatableArray<ContainingTypeInfo> ContainingTypes);

/// <summary>
/// One enclosing type: its keyword (<c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c>,
/// <c>interface</c>), its name with type parameters (e.g. <c>Outer</c>), and whether it is static.
/// </summary>
internal sealed record ContainingTypeInfo(string Keyword, string Name, bool IsStatic);
