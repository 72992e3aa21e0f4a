using System.Collections.Immutable;
using System.Threading.Tasks;
using SourceGenSync.CodeFixes.Tests.Infrastructure;
using SourceGenSync.Generators.Diagnostics;

namespace SourceGenSync.CodeFixes.Tests;

public sealed class MakeLinkNullableTests
{
    private readonly MakeLinkNullableCodeFixProvider _provider = new();

    [Theory]
    [InlineData("Project", "Project?")]
    [InlineData("Models.Project", "Models.Project?")]
    [InlineData("global::Models.Address", "global::Models.Address?")]
    public async Task Appends_the_nullable_annotation_to_the_link_type(string type, string expected)
    {
        var document = TestWorkspace.CreateDocument(Model($"public partial {type} Target {{ get; set; }}"));
        var diagnostic = await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.LinkNotNullableId, "Target");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText(Model($"public partial {expected} Target {{ get; set; }}"), fixedText);
    }

    [Fact]
    public async Task Fix_all_makes_links_and_embedded_objects_nullable()
    {
        var document = TestWorkspace.CreateDocument(Model("""
            public partial Project Project { get; set; }
                public partial Address Address { get; set; }
            """));
        var diagnostics = ImmutableArray.Create(
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.LinkNotNullableId, "Project"),
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.LinkNotNullableId, "Address"));

        var fixedText = await CodeFixVerifier.FixAllAsync(_provider, document, diagnostics);

        CodeFixVerifier.AssertText(Model("""
            public partial Project? Project { get; set; }
                public partial Address? Address { get; set; }
            """), fixedText);
    }

    [Fact]
    public async Task Analyzer_reports_non_nullable_links_and_the_fix_clears_them()
    {
        var fixedText = await CodeFixVerifier.FixWithAnalyzerAsync(_provider, Model("""
            public partial Project Project { get; set; }
                public partial Address Address { get; set; }
            """), DiagnosticDescriptors.LinkNotNullableId, expectedCount: 2);

        Assert.Contains("public partial Project? Project { get; set; }", fixedText);
        Assert.Contains("public partial Address? Address { get; set; }", fixedText);
    }

    private static string Model(string properties) => $$"""
        using SourceGenSync;

        namespace Models;

        [RealmObject]
        public partial class Item
        {
            [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
            {{properties}}
        }

        [RealmObject]
        public partial class Project
        {
            [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
        }

        [EmbeddedObject]
        public partial class Address
        {
            public partial string? City { get; set; }
        }
        """;
}
