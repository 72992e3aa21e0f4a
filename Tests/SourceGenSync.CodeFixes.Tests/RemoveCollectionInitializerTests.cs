using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using SourceGenSync.CodeFixes.Tests.Infrastructure;
using SourceGenSync.Generators.Diagnostics;

namespace SourceGenSync.CodeFixes.Tests;

public sealed class RemoveCollectionInitializerTests
{
    private readonly RemoveCollectionInitializerCodeFixProvider _provider = new();

    [Theory]
    [InlineData("= new List<string>();")]
    [InlineData("= [];")]
    [InlineData("= new() { \"a\", \"b\" };")]
    public async Task Removes_the_initializer_and_its_semicolon(string initializer)
    {
        var document = TestWorkspace.CreateDocument(Model($"public partial IList<string> Tags {{ get; }} {initializer}"));
        var diagnostic = await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.CollectionInitializerId, "Tags");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText(Model("public partial IList<string> Tags { get; }"), fixedText);
    }

    [Fact]
    public async Task Keeps_a_trailing_comment_after_the_removed_initializer()
    {
        var document = TestWorkspace.CreateDocument(Model("public partial IList<string> Tags { get; } = []; // tags"));
        var diagnostic = await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.CollectionInitializerId, "Tags");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText(Model("public partial IList<string> Tags { get; } // tags"), fixedText);
    }

    [Fact]
    public async Task Fix_all_removes_every_reported_initializer()
    {
        var document = TestWorkspace.CreateDocument("""
            using System.Collections.Generic;
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                public partial IList<string> Tags { get; } = new List<string>();
                public partial ISet<int> Numbers { get; } = new HashSet<int>();
                public partial IDictionary<string, int> Counts { get; } = new Dictionary<string, int>();
            }
            """);
        var diagnostics = ImmutableArray.Create(
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.CollectionInitializerId, "Tags"),
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.CollectionInitializerId, "Numbers"),
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.CollectionInitializerId, "Counts"));

        var fixedText = await CodeFixVerifier.FixAllAsync(_provider, document, diagnostics, FixAllScope.Project);

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
    public async Task Analyzer_reports_collection_initializers_and_the_fix_clears_them()
    {
        var fixedText = await CodeFixVerifier.FixWithAnalyzerAsync(_provider, """
            using System.Collections.Generic;
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
                public partial IList<string> Tags { get; } = new List<string>();
                public partial IDictionary<string, int> Counts { get; } = [];
            }
            """, DiagnosticDescriptors.CollectionInitializerId, expectedCount: 2);

        Assert.Contains("public partial IList<string> Tags { get; }\n", fixedText);
        Assert.Contains("public partial IDictionary<string, int> Counts { get; }\n", fixedText);
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
