using System.Collections.Immutable;
using System.Threading.Tasks;
using SourceGenSync.CodeFixes.Tests.Infrastructure;
using SourceGenSync.Generators.Diagnostics;

namespace SourceGenSync.CodeFixes.Tests;

public sealed class MakeContainingTypesPartialTests
{
    private readonly MakeContainingTypesPartialCodeFixProvider _provider = new();

    [Fact]
    public async Task Makes_every_non_partial_containing_type_partial()
    {
        var document = TestWorkspace.CreateDocument("""
            using SourceGenSync;

            public static class Outer
            {
                public partial class Middle
                {
                    internal class Inner
                    {
                        [RealmObject]
                        public partial class Item
                        {
                        }
                    }
                }
            }
            """);
        var diagnostic = await CodeFixVerifier.AtClassAsync(document, DiagnosticDescriptors.ContainingTypeNotPartialId, "Item");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText("""
            using SourceGenSync;

            public static partial class Outer
            {
                public partial class Middle
                {
                    internal partial class Inner
                    {
                        [RealmObject]
                        public partial class Item
                        {
                        }
                    }
                }
            }
            """, fixedText);
    }

    [Fact]
    public async Task Fix_all_makes_a_shared_container_partial_once()
    {
        var document = TestWorkspace.CreateDocument("""
            using SourceGenSync;

            public class Outer
            {
                [RealmObject] public partial class Item { }
                [EmbeddedObject] public partial class Address { }
            }
            """);
        var diagnostics = ImmutableArray.Create(
            await CodeFixVerifier.AtClassAsync(document, DiagnosticDescriptors.ContainingTypeNotPartialId, "Item"),
            await CodeFixVerifier.AtClassAsync(document, DiagnosticDescriptors.ContainingTypeNotPartialId, "Address"));

        var fixedText = await CodeFixVerifier.FixAllAsync(_provider, document, diagnostics);

        CodeFixVerifier.AssertText("""
            using SourceGenSync;

            public partial class Outer
            {
                [RealmObject] public partial class Item { }
                [EmbeddedObject] public partial class Address { }
            }
            """, fixedText);
    }

    [Fact]
    public async Task Analyzer_reports_a_model_nested_in_a_non_partial_type_and_the_fix_clears_it()
    {
        var fixedText = await CodeFixVerifier.FixWithAnalyzerAsync(_provider, """
            using SourceGenSync;

            public class Outer
            {
                [RealmObject]
                public partial class Item
                {
                    [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
                }
            }
            """, DiagnosticDescriptors.ContainingTypeNotPartialId);

        Assert.Contains("public partial class Outer", fixedText);
    }
}
