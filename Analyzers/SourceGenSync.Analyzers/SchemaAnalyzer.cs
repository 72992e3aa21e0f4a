using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SourceGenSync.Generators;
using SourceGenSync.Generators.Diagnostics;
using SourceGenSync.Generators.Parsing;

namespace SourceGenSync.Analyzers;

/// <summary>
/// Reports every schema mistake in model classes at compile time. Per-class checks are the generator's own
/// <see cref="ModelValidator"/>; this analyzer adds what needs the whole compilation: the language version,
/// two classes stored under one name, and schema attributes on types that are not models.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SchemaAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Every descriptor of the catalog (read from it, so a new descriptor cannot be left unregistered).</summary>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(static f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(static f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(static d => d.Id, StringComparer.Ordinal)
        .ToImmutableArray();

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        // Without the runtime assembly there can be no model attributes: nothing to analyze.
        if (context.Compilation.GetTypeByMetadataName(KnownTypeNames.RealmObjectAttribute) is null)
        {
            return;
        }

        var languageVersion = (context.Compilation as CSharpCompilation)?.LanguageVersion ?? LanguageVersion.Latest;
        var models = new ConcurrentBag<(INamedTypeSymbol Type, string StoredName)>();

        context.RegisterSymbolAction(
            symbolContext =>
            {
                var type = (INamedTypeSymbol)symbolContext.Symbol;
                if (ModelValidator.ReadModelKinds(type).Count == 0)
                {
                    NonModelChecks.Run(type, symbolContext.ReportDiagnostic);
                    return;
                }

                models.Add((type, ModelValidator.StoredName(type)));
                if (languageVersion < LanguageVersion.CSharp13)
                {
                    symbolContext.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.LanguageVersion,
                        ModelValidator.UserLocation(type),
                        type.Name,
                        languageVersion.ToDisplayString()));
                }

                ModelValidator.Validate(type, symbolContext.Compilation, symbolContext.ReportDiagnostic);
            },
            SymbolKind.NamedType);

        context.RegisterCompilationEndAction(endContext => ReportDuplicateStoredNames(models, endContext.ReportDiagnostic));
    }

    /// <summary>
    /// SGS0023. Stored names are compared ignoring case because the local store's table names are. Each class of a
    /// clash is reported, naming the first other class (in name order, so the output is deterministic).
    /// </summary>
    private static void ReportDuplicateStoredNames(ConcurrentBag<(INamedTypeSymbol Type, string StoredName)> models, Action<Diagnostic> report)
    {
        var groups = models
            .Select(static m => (m.Type, m.StoredName, FullName: m.Type.ToDisplayString()))
            .GroupBy(static m => m.StoredName, StringComparer.OrdinalIgnoreCase)
            .Where(static g => g.Count() > 1);
        foreach (var group in groups)
        {
            var members = group.OrderBy(static m => m.FullName, StringComparer.Ordinal).ToList();
            foreach (var model in members)
            {
                var other = members.First(m => !ReferenceEquals(m.Type, model.Type));
                report(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateClassName,
                    ModelValidator.UserLocation(model.Type),
                    model.FullName,
                    other.FullName,
                    model.StoredName));
            }
        }
    }
}
