using System.Collections.Immutable;
using System.Threading.Tasks;
using SourceGenSync.CodeFixes.Tests.Infrastructure;
using SourceGenSync.Generators.Diagnostics;

namespace SourceGenSync.CodeFixes.Tests;

public sealed class MakeClassPartialTests
{
    private readonly MakeClassPartialCodeFixProvider _provider = new();

    [Fact]
    public async Task Adds_partial_after_the_existing_modifiers()
    {
        var document = TestWorkspace.CreateDocument("""
            using SourceGenSync;

            [RealmObject]
            public sealed class Item
            {
            }
            """);
        var diagnostic = await CodeFixVerifier.AtClassAsync(document, DiagnosticDescriptors.ClassNotPartialId, "Item");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText("""
            using SourceGenSync;

            [RealmObject]
            public sealed partial class Item
            {
            }
            """, fixedText);
    }

    [Fact]
    public async Task Keeps_the_indentation_when_the_class_has_no_modifiers()
    {
        var document = TestWorkspace.CreateDocument("""
            using SourceGenSync;

            namespace Models
            {
                [RealmObject]
                class Item
                {
                }
            }
            """);
        var diagnostic = await CodeFixVerifier.AtClassAsync(document, DiagnosticDescriptors.ClassNotPartialId, "Item");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText("""
            using SourceGenSync;

            namespace Models
            {
                [RealmObject]
                partial class Item
                {
                }
            }
            """, fixedText);
    }

    [Fact]
    public async Task Fix_all_makes_every_reported_class_partial()
    {
        var document = TestWorkspace.CreateDocument("""
            using SourceGenSync;

            [RealmObject] public class Item { }
            [EmbeddedObject] internal class Address { }
            [RealmObject] public partial class AlreadyFine { }
            """);
        var diagnostics = ImmutableArray.Create(
            await CodeFixVerifier.AtClassAsync(document, DiagnosticDescriptors.ClassNotPartialId, "Item"),
            await CodeFixVerifier.AtClassAsync(document, DiagnosticDescriptors.ClassNotPartialId, "Address"));

        var fixedText = await CodeFixVerifier.FixAllAsync(_provider, document, diagnostics);

        CodeFixVerifier.AssertText("""
            using SourceGenSync;

            [RealmObject] public partial class Item { }
            [EmbeddedObject] internal partial class Address { }
            [RealmObject] public partial class AlreadyFine { }
            """, fixedText);
    }

    [Fact]
    public async Task Analyzer_reports_non_partial_classes_and_the_fix_clears_them()
    {
        var fixedText = await CodeFixVerifier.FixWithAnalyzerAsync(_provider, """
            using SourceGenSync;

            [RealmObject]
            public class Item
            {
                [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
            }

            [EmbeddedObject]
            public class Address
            {
                public partial string? City { get; set; }
            }
            """, DiagnosticDescriptors.ClassNotPartialId, expectedCount: 2);

        Assert.Contains("public partial class Item", fixedText);
        Assert.Contains("public partial class Address", fixedText);
    }
}
