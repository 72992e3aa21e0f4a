using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using SourceGenSync.CodeFixes.Tests.Infrastructure;
using SourceGenSync.Generators.Diagnostics;

namespace SourceGenSync.CodeFixes.Tests;

public sealed class MakePropertyPartialTests
{
    private readonly MakePropertyPartialCodeFixProvider _provider = new();

    [Fact]
    public async Task Turns_an_auto_property_into_a_partial_declaration()
    {
        var document = TestWorkspace.CreateDocument("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
                /// <summary>The title.</summary>
                public string Title { get; set; }
            }
            """);
        var diagnostic = await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.PropertyNotPartialId, "Title");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
                /// <summary>The title.</summary>
                public partial string Title { get; set; }
            }
            """, fixedText);
    }

    [Fact]
    public async Task Removes_the_initializer_and_accessor_bodies_a_defining_declaration_cannot_have()
    {
        var document = TestWorkspace.CreateDocument("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                private int _priority;

                [Indexed] int Priority
                {
                    get { return _priority; }
                    set => _priority = value;
                }

                public string Title { get; set; } = "untitled";
            }
            """);
        var diagnostics = ImmutableArray.Create(
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.PropertyNotPartialId, "Priority"),
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.PropertyNotPartialId, "Title"));

        var fixedText = await CodeFixVerifier.FixAllAsync(_provider, document, diagnostics);

        CodeFixVerifier.AssertText("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                private int _priority;

                [Indexed] partial int Priority
                {
                    get;
                    set;
                }

                public partial string Title { get; set; }
            }
            """, fixedText);
    }

    [Fact]
    public async Task Fix_all_in_the_solution_fixes_every_property_of_every_class()
    {
        var document = TestWorkspace.CreateDocument("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                public string Title { get; set; }
                public int Priority { get; set; }
            }

            [EmbeddedObject]
            public partial class Address
            {
                public string? City { get; set; }
            }
            """);
        var diagnostics = ImmutableArray.Create(
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.PropertyNotPartialId, "Title"),
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.PropertyNotPartialId, "Priority"),
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.PropertyNotPartialId, "City"));

        var fixedText = await CodeFixVerifier.FixAllAsync(_provider, document, diagnostics, FixAllScope.Solution);

        CodeFixVerifier.AssertText("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                public partial string Title { get; set; }
                public partial int Priority { get; set; }
            }

            [EmbeddedObject]
            public partial class Address
            {
                public partial string? City { get; set; }
            }
            """, fixedText);
    }

    [Fact]
    public async Task Analyzer_reports_non_partial_properties_and_the_fix_clears_them()
    {
        var fixedText = await CodeFixVerifier.FixWithAnalyzerAsync(_provider, """
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
                public string Title { get; set; } = "";
                public int Priority { get; set; }
            }
            """, DiagnosticDescriptors.PropertyNotPartialId, expectedCount: 2);

        Assert.Contains("public partial string Title { get; set; }", fixedText);
        Assert.Contains("public partial int Priority { get; set; }", fixedText);
    }
}
