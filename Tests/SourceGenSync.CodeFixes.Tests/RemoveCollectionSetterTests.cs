using System.Collections.Immutable;
using System.Threading.Tasks;
using SourceGenSync.CodeFixes.Tests.Infrastructure;
using SourceGenSync.Generators.Diagnostics;

namespace SourceGenSync.CodeFixes.Tests;

public sealed class RemoveCollectionSetterTests
{
    private readonly RemoveCollectionSetterCodeFixProvider _provider = new();

    [Theory]
    [InlineData("{ get; set; }", "{ get; }")]
    [InlineData("{ get; private set; }", "{ get; }")]
    [InlineData("{ get; init; }", "{ get; }")]
    [InlineData("{ set; get; }", "{ get; }")]
    public async Task Removes_the_setter_on_one_line(string accessors, string expected)
    {
        var document = TestWorkspace.CreateDocument(Model($"public partial IList<string> Tags {accessors}"));
        var diagnostic = await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.CollectionSetterId, "Tags");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText(Model($"public partial IList<string> Tags {expected}"), fixedText);
    }

    [Fact]
    public async Task Removes_the_setter_line_of_a_multi_line_accessor_list()
    {
        var document = TestWorkspace.CreateDocument("""
            using System.Collections.Generic;
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                public partial IDictionary<string, int> Counts
                {
                    get;
                    set;
                }
            }
            """);
        var diagnostic = await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.CollectionSetterId, "Counts");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText("""
            using System.Collections.Generic;
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                public partial IDictionary<string, int> Counts
                {
                    get;
                }
            }
            """, fixedText);
    }

    [Fact]
    public async Task Fix_all_removes_every_reported_setter()
    {
        var document = TestWorkspace.CreateDocument("""
            using System.Collections.Generic;
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                public partial IList<string> Tags { get; set; }
                public partial ISet<int> Numbers { get; set; }
                public partial IDictionary<string, int> Counts { get; init; }
            }
            """);
        var diagnostics = ImmutableArray.Create(
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.CollectionSetterId, "Tags"),
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.CollectionSetterId, "Numbers"),
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.CollectionSetterId, "Counts"));

        var fixedText = await CodeFixVerifier.FixAllAsync(_provider, document, diagnostics);

        CodeFixVerifier.AssertText("""
            using System.Collections.Generic;
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                public partial IList<string> Tags { get; }
                public partial ISet<int> Numbers { get; }
                public partial IDictionary<string, int> Counts { get; }
            }
            """, fixedText);
    }

    [Fact]
    public async Task Analyzer_reports_collection_setters_and_the_fix_clears_them()
    {
        var fixedText = await CodeFixVerifier.FixWithAnalyzerAsync(_provider, """
            using System.Collections.Generic;
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
                public partial IList<string> Tags { get; set; }
                public partial ISet<int> Numbers { get; set; }
            }
            """, DiagnosticDescriptors.CollectionSetterId, expectedCount: 2);

        Assert.Contains("public partial IList<string> Tags { get; }", fixedText);
        Assert.Contains("public partial ISet<int> Numbers { get; }", fixedText);
    }

    private static string Model(string property) => $$"""
        using System.Collections.Generic;
        using SourceGenSync;

        [RealmObject]
        public partial class Item
        {
            {{property}}
        }
        """;
}
