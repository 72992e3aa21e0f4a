using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SourceGenSync.Analyzers;
using SourceGenSync.Testing;
using SourceGenSync.Generators.Diagnostics;

namespace SourceGenSync.CodeFixes.Tests.Infrastructure;

/// <summary>Runs the real <see cref="SchemaAnalyzer"/> over a document, as the IDE does before offering fixes.</summary>
internal static class SchemaAnalyzers
{
    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = [new SchemaAnalyzer()];

    /// <summary>The analyzers' diagnostics with the given id, in source order.</summary>
    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Document document, string id)
    {
        var tree = await document.GetSyntaxTreeAsync();
        var all = await GetDiagnosticsAsync(document.Project);
        return all.Where(d => d.Id == id && d.Location.SourceTree == tree)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }

    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Project project)
    {
        var compilation = await project.GetCompilationAsync();
        return await AnalyzerRunner.GetAnalyzerDiagnosticsAsync(compilation!, All);
    }

    /// <summary>The catalog's descriptor for an id: hand-built diagnostics use exactly what the analyzer reports.</summary>
    public static DiagnosticDescriptor Descriptor(string id) =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
            .Single(descriptor => descriptor.Id == id);
}
