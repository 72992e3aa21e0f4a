using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SourceGenSync.Analyzers.Tests;

/// <summary>
/// The diagnostic catalog against its documentation and release tracking: ids SGS0001–SGS0038 without gaps, one
/// category, a help link and a docs page per id, and an AnalyzerReleases entry with the right severity.
/// </summary>
public sealed class CatalogTests
{
    private static readonly IReadOnlyList<DiagnosticDescriptor> Descriptors = new SchemaAnalyzer().SupportedDiagnostics;

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in Descriptors)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Fact]
    public void Ids_run_from_SGS0001_to_SGS0038_without_gaps_or_duplicates()
    {
        var expected = Enumerable.Range(1, 38).Select(i => $"SGS{i:0000}");
        Assert.Equal(expected, Descriptors.Select(d => d.Id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_has_the_schema_category_and_a_help_link_to_its_page(string id)
    {
        var descriptor = Descriptors.Single(d => d.Id == id);
        Assert.Equal("SourceGenSync.Schema", descriptor.Category);
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.Equal($"https://github.com/sourcegensync/sourcegensync/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        Assert.Contains("{0}", descriptor.MessageFormat.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Docs_page_has_title_severity_and_every_section(string id)
    {
        var descriptor = Descriptors.Single(d => d.Id == id);
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics", id + ".md"));

        Assert.StartsWith($"# {id}: {descriptor.Title}\n", page, StringComparison.Ordinal);
        Assert.Contains($"Severity: **{descriptor.DefaultSeverity}**", page, StringComparison.Ordinal);
        foreach (var section in new[] { "## What", "## Why", "## How to fix", "## Wrong", "## Right" })
        {
            Assert.Contains("\n" + section + "\n", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unshipped_release_file_lists_every_id_with_its_category_and_severity()
    {
        var path = Path.Combine(RepositoryRoot(), "Analyzers", "SourceGenSync.Analyzers", "AnalyzerReleases.Unshipped.md");
        var rows = File.ReadAllLines(path)
            .Where(line => line.StartsWith("SGS", StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .ToDictionary(cells => cells[0], cells => (Category: cells[1], Severity: cells[2]));

        Assert.Equal(Descriptors.Select(d => d.Id), rows.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var descriptor in Descriptors)
        {
            Assert.Equal((descriptor.Category, descriptor.DefaultSeverity.ToString()), rows[descriptor.Id]);
        }
    }

    /// <summary>Only the cross-solution check (SGS0023) needs the compilation-end tag; others report as they go.</summary>
    [Fact]
    public void Only_the_duplicate_class_name_check_is_a_compilation_end_diagnostic()
    {
        var tagged = Descriptors.Where(d => d.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd)).Select(d => d.Id);
        Assert.Equal(["SGS0023"], tagged);
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SourceGenSync.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SourceGenSync.sln not found above " + AppContext.BaseDirectory);
    }
}
