using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SourceGenSync.Testing;

/// <summary>
/// In-memory C# compilations that see the same framework and SourceGenSync assemblies as a user project, with
/// nullable annotations on and every warning wave enabled, so "compiles with zero diagnostics" means what it says.
/// </summary>
public static class TestCompilation
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    /// <summary>The language version generated code must support: partial properties arrived in C# 13.</summary>
    public const LanguageVersion DefaultLanguageVersion = LanguageVersion.CSharp13;

    /// <summary>The framework (trusted platform assemblies) plus SourceGenSync and SourceGenSync.Protocol.</summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static CSharpParseOptions ParseOptions(LanguageVersion languageVersion = DefaultLanguageVersion) =>
        new(languageVersion, DocumentationMode.Diagnose);

    public static CSharpCompilationOptions CompilationOptions { get; } =
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithWarningLevel(9999)
            .WithDeterministic(true)
            // Test sources are not documented; generated code is checked for doc-comment validity all the same.
            .WithSpecificDiagnosticOptions([new KeyValuePair<string, ReportDiagnostic>("CS1591", ReportDiagnostic.Suppress)]);

    /// <summary>A compilation of the given sources, named <c>Source0.cs</c>, <c>Source1.cs</c>...</summary>
    public static CSharpCompilation Create(params string[] sources) =>
        Create(sources.Select((text, i) => ($"Source{i}.cs", text)));

    public static CSharpCompilation Create(IEnumerable<(string Path, string Text)> sources, LanguageVersion languageVersion = DefaultLanguageVersion, string assemblyName = "TestModels")
    {
        var options = ParseOptions(languageVersion);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, s.Path)).ToArray();
        return CSharpCompilation.Create(assemblyName, trees, References, CompilationOptions);
    }

    /// <summary>Warnings and errors only (hidden and info diagnostics are IDE suggestions, not build output).</summary>
    public static ImmutableArray<Diagnostic> BuildDiagnostics(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        foreach (var path in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            paths.TryAdd(Path.GetFileName(path), path);
        }

        foreach (var assembly in new[] { typeof(RealmObjectAttribute).Assembly, typeof(ObjectId).Assembly })
        {
            paths[Path.GetFileName(assembly.Location)] = assembly.Location;
        }

        return paths.Values.OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
