using System.Collections.Immutable;
using System.Threading.Tasks;
using SourceGenSync.CodeFixes.Tests.Infrastructure;
using SourceGenSync.Generators.Diagnostics;

namespace SourceGenSync.CodeFixes.Tests;

public sealed class RemoveRedundantIndexedTests
{
    private readonly RemoveRedundantIndexedCodeFixProvider _provider = new();

    [Theory]
    [InlineData("[PrimaryKey] [Indexed] public", "[PrimaryKey] public")]
    [InlineData("[Indexed] [PrimaryKey] public", "[PrimaryKey] public")]
    [InlineData("[PrimaryKey, Indexed] public", "[PrimaryKey] public")]
    [InlineData("[Indexed, PrimaryKey] public", "[PrimaryKey] public")]
    [InlineData("[PrimaryKey, Indexed(IndexType.General), MapTo(\"_id\")] public", "[PrimaryKey, MapTo(\"_id\")] public")]
    [InlineData("[PrimaryKey] [SourceGenSync.IndexedAttribute] public", "[PrimaryKey] public")]
    public async Task Removes_the_indexed_attribute_and_keeps_the_others(string before, string after)
    {
        var document = TestWorkspace.CreateDocument(Model($"{before} partial string Code {{ get; set; }}"));
        var diagnostic = await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.IndexedPrimaryKeyId, "Code");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText(Model($"{after} partial string Code {{ get; set; }}"), fixedText);
    }

    [Fact]
    public async Task Keeps_the_doc_comment_and_indentation_when_the_first_attribute_line_goes()
    {
        var document = TestWorkspace.CreateDocument(Model("""
            /// <summary>The code.</summary>
                [Indexed]
                [PrimaryKey]
                public partial string Code { get; set; }
            """));
        var diagnostic = await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.IndexedPrimaryKeyId, "Code");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText(Model("""
            /// <summary>The code.</summary>
                [PrimaryKey]
                public partial string Code { get; set; }
            """), fixedText);
    }

    [Fact]
    public async Task Removes_a_later_attribute_line_without_leaving_a_blank_line()
    {
        var document = TestWorkspace.CreateDocument(Model("""
            [PrimaryKey]
                [Indexed]
                public partial string Code { get; set; }
            """));
        var diagnostic = await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.IndexedPrimaryKeyId, "Code");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText(Model("""
            [PrimaryKey]
                public partial string Code { get; set; }
            """), fixedText);
    }

    [Fact]
    public async Task Fix_all_removes_the_attribute_from_every_class()
    {
        var document = TestWorkspace.CreateDocument("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                [PrimaryKey] [Indexed] public partial string Code { get; set; }
            }

            [RealmObject]
            public partial class Project
            {
                [Indexed] [PrimaryKey] public partial long Number { get; set; }
            }
            """);
        var diagnostics = ImmutableArray.Create(
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.IndexedPrimaryKeyId, "Code"),
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.IndexedPrimaryKeyId, "Number"));

        var fixedText = await CodeFixVerifier.FixAllAsync(_provider, document, diagnostics);

        CodeFixVerifier.AssertText("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                [PrimaryKey] public partial string Code { get; set; }
            }

            [RealmObject]
            public partial class Project
            {
                [PrimaryKey] public partial long Number { get; set; }
            }
            """, fixedText);
    }

    [Fact]
    public async Task Analyzer_reports_indexed_primary_keys_and_the_fix_clears_them()
    {
        var fixedText = await CodeFixVerifier.FixWithAnalyzerAsync(_provider, """
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                [PrimaryKey, Indexed] [MapTo("_id")] public partial ObjectId Id { get; set; }
            }
            """, DiagnosticDescriptors.IndexedPrimaryKeyId);

        Assert.Contains("[PrimaryKey] [MapTo(\"_id\")] public partial ObjectId Id { get; set; }", fixedText);
    }

    private static string Model(string property) => $$"""
        using SourceGenSync;

        [RealmObject]
        public partial class Item
        {
            {{property}}
        }
        """;
}
