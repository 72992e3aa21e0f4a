using System;
using System.Composition;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using SourceGenSync.CodeFixes.Tests.Infrastructure;
using SourceGenSync.Generators.Diagnostics;

namespace SourceGenSync.CodeFixes.Tests;

public sealed class ProviderConventionTests
{
    private static readonly CodeFixProvider[] Providers = typeof(MakeClassPartialCodeFixProvider).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(type))
        .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
        .ToArray();

    [Fact]
    public void Every_provider_is_exported_for_CSharp_as_a_shared_part()
    {
        Assert.NotEmpty(Providers);
        Assert.All(Providers, provider =>
        {
            var type = provider.GetType();
            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.NotNull(export);
            Assert.Equal([LanguageNames.CSharp], export.Languages);
            Assert.Equal(type.Name, export.Name);
            Assert.NotNull(type.GetCustomAttribute<SharedAttribute>());
        });
    }

    [Fact]
    public void Every_provider_supports_fix_all_in_document_project_and_solution()
    {
        Assert.All(Providers, provider =>
        {
            var fixAll = provider.GetFixAllProvider();
            Assert.Same(WellKnownFixAllProviders.BatchFixer, fixAll);
            Assert.Superset(
                new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution }.ToHashSet(),
                fixAll!.GetSupportedFixAllScopes().ToHashSet());
        });
    }

    [Fact]
    public void Providers_fix_catalog_diagnostics_and_cover_the_required_fixes()
    {
        var fixedIds = Providers.SelectMany(provider => provider.FixableDiagnosticIds).ToList();

        Assert.Equal(fixedIds.Distinct().Count(), fixedIds.Count);
        Assert.All(fixedIds, id => Assert.Equal(id, SchemaAnalyzers.Descriptor(id).Id));
        Assert.Subset(fixedIds.ToHashSet(), new[]
        {
            DiagnosticDescriptors.ClassNotPartialId,
            DiagnosticDescriptors.PropertyNotPartialId,
            DiagnosticDescriptors.ConcreteCollectionId,
            DiagnosticDescriptors.CollectionSetterId,
            DiagnosticDescriptors.CollectionInitializerId,
            DiagnosticDescriptors.LinkNotNullableId,
            DiagnosticDescriptors.IndexedPrimaryKeyId,
            DiagnosticDescriptors.NoPrimaryKeyId,
        }.ToHashSet());
    }
}
