using System.Collections.Immutable;
using System.Threading.Tasks;
using SourceGenSync.CodeFixes.Tests.Infrastructure;
using SourceGenSync.Generators.Diagnostics;

namespace SourceGenSync.CodeFixes.Tests;

public sealed class AddPrimaryKeyTests
{
    private readonly AddPrimaryKeyCodeFixProvider _provider = new();

    [Fact]
    public async Task Inserts_an_ObjectId_primary_key_mapped_to_id_as_the_first_member()
    {
        var document = TestWorkspace.CreateDocument("""
            using SourceGenSync;

            namespace Models;

            [RealmObject]
            public partial class Item
            {
                /// <summary>The title.</summary>
                public partial string Title { get; set; }
            }
            """);
        var diagnostic = await CodeFixVerifier.AtClassAsync(document, DiagnosticDescriptors.NoPrimaryKeyId, "Item");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText("""
            using SourceGenSync;

            namespace Models;

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
    public async Task Names_the_key_Key_when_the_class_already_has_a_member_named_Id()
    {
        var document = TestWorkspace.CreateDocument("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                public partial int Id { get; set; }
            }
            """);
        var diagnostic = await CodeFixVerifier.AtClassAsync(document, DiagnosticDescriptors.NoPrimaryKeyId, "Item");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                [PrimaryKey] [MapTo("_id")] public partial ObjectId Key { get; set; }
                public partial int Id { get; set; }
            }
            """, fixedText);
    }

    [Fact]
    public async Task Uses_the_name_and_mapping_the_analyzer_suggests()
    {
        var document = TestWorkspace.CreateDocument("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                [MapTo("_id")] public partial string Legacy { get; set; }
            }
            """);
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(DiagnosticDescriptors.PropertyNameProperty, "ItemId")
            .Add(DiagnosticDescriptors.MappedNameProperty, string.Empty);
        var diagnostic = await CodeFixVerifier.AtClassAsync(document, DiagnosticDescriptors.NoPrimaryKeyId, "Item", properties);

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                [PrimaryKey] public partial ObjectId ItemId { get; set; }
                [MapTo("_id")] public partial string Legacy { get; set; }
            }
            """, fixedText);
    }

    [Fact]
    public async Task Leaves_out_MapTo_when_another_property_is_already_stored_as_id()
    {
        var document = TestWorkspace.CreateDocument("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                [MapTo("_id")] public partial string Legacy { get; set; }
            }
            """);
        var diagnostic = await CodeFixVerifier.AtClassAsync(document, DiagnosticDescriptors.NoPrimaryKeyId, "Item");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                [PrimaryKey] public partial ObjectId Id { get; set; }
                [MapTo("_id")] public partial string Legacy { get; set; }
            }
            """, fixedText);
    }

    [Fact]
    public async Task Qualifies_the_names_when_SourceGenSync_is_not_imported()
    {
        var document = TestWorkspace.CreateDocument("""
            namespace Models
            {
                [SourceGenSync.RealmObject]
                public partial class Item
                {
                    public partial string Title { get; set; }
                }
            }
            """);
        var diagnostic = await CodeFixVerifier.AtClassAsync(document, DiagnosticDescriptors.NoPrimaryKeyId, "Item");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText("""
            namespace Models
            {
                [SourceGenSync.RealmObject]
                public partial class Item
                {
                    [SourceGenSync.PrimaryKey] [SourceGenSync.MapTo("_id")] public partial SourceGenSync.ObjectId Id { get; set; }
                    public partial string Title { get; set; }
                }
            }
            """, fixedText);
    }

    [Fact]
    public async Task Fills_an_empty_class_body()
    {
        var document = TestWorkspace.CreateDocument("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
            }
            """);
        var diagnostic = await CodeFixVerifier.AtClassAsync(document, DiagnosticDescriptors.NoPrimaryKeyId, "Item");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
            }
            """, fixedText);
    }

    [Fact]
    public async Task Fix_all_adds_a_key_to_every_reported_class()
    {
        var document = TestWorkspace.CreateDocument("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                public partial string Title { get; set; }
            }

            [RealmObject]
            public partial class Project
            {
                public partial string Name { get; set; }
            }
            """);
        var diagnostics = ImmutableArray.Create(
            await CodeFixVerifier.AtClassAsync(document, DiagnosticDescriptors.NoPrimaryKeyId, "Item"),
            await CodeFixVerifier.AtClassAsync(document, DiagnosticDescriptors.NoPrimaryKeyId, "Project"));

        var fixedText = await CodeFixVerifier.FixAllAsync(_provider, document, diagnostics);

        CodeFixVerifier.AssertText("""
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
                public partial string Title { get; set; }
            }

            [RealmObject]
            public partial class Project
            {
                [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
                public partial string Name { get; set; }
            }
            """, fixedText);
    }

    [Fact]
    public async Task Analyzer_reports_objects_without_a_primary_key_and_the_fix_clears_them()
    {
        var fixedText = await CodeFixVerifier.FixWithAnalyzerAsync(_provider, """
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                public partial string Title { get; set; }
            }

            [RealmObject]
            public partial class Project
            {
                public partial long Id { get; set; }
            }
            """, DiagnosticDescriptors.NoPrimaryKeyId, expectedCount: 2);

        Assert.Contains("[PrimaryKey] [MapTo(\"_id\")] public partial ObjectId Id { get; set; }", fixedText);
        Assert.Contains("[PrimaryKey] [MapTo(\"_id\")] public partial ObjectId Key { get; set; }", fixedText);
    }
}
