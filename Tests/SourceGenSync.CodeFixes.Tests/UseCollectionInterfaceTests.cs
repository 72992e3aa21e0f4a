using System.Collections.Immutable;
using System.Threading.Tasks;
using SourceGenSync.CodeFixes.Tests.Infrastructure;
using SourceGenSync.Generators.Diagnostics;

namespace SourceGenSync.CodeFixes.Tests;

public sealed class UseCollectionInterfaceTests
{
    private readonly UseCollectionInterfaceCodeFixProvider _provider = new();

    [Theory]
    [InlineData("List<string>", "IList<string>")]
    [InlineData("HashSet<long>", "ISet<long>")]
    [InlineData("Dictionary<string, Tag?>", "IDictionary<string, Tag?>")]
    [InlineData("List<Tag>?", "IList<Tag>?")]
    [InlineData("System.Collections.Generic.List<Tag>", "System.Collections.Generic.IList<Tag>")]
    public async Task Replaces_the_concrete_collection_keeping_the_type_arguments(string concrete, string expected)
    {
        var document = TestWorkspace.CreateDocument(Model(concrete));
        var diagnostic = await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.ConcreteCollectionId, "Values");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText(Model(expected), fixedText);
    }

    [Fact]
    public async Task Takes_the_interface_named_by_the_analyzer()
    {
        var document = TestWorkspace.CreateDocument(Model("List<string>"));
        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticDescriptors.ReplacementTypeProperty, "ISet<string>");
        var diagnostic = await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.ConcreteCollectionId, "Values", properties);

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText(Model("ISet<string>"), fixedText);
    }

    [Fact]
    public async Task Qualifies_the_interface_when_its_namespace_is_not_imported()
    {
        var document = TestWorkspace.CreateDocument("""
            using System.Collections.ObjectModel;
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                public partial Collection<string> Values { get; }
            }
            """);
        var diagnostic = await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.ConcreteCollectionId, "Values");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(_provider, document, diagnostic);

        CodeFixVerifier.AssertText("""
            using System.Collections.ObjectModel;
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                public partial System.Collections.Generic.IList<string> Values { get; }
            }
            """, fixedText);
    }

    [Fact]
    public async Task Fix_all_replaces_lists_sets_and_dictionaries_at_once()
    {
        var document = TestWorkspace.CreateDocument("""
            using System.Collections.Generic;
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                public partial List<string> Tags { get; }
                public partial HashSet<int> Numbers { get; }
                public partial Dictionary<string, double> Scores { get; }
            }
            """);
        var diagnostics = ImmutableArray.Create(
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.ConcreteCollectionId, "Tags"),
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.ConcreteCollectionId, "Numbers"),
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.ConcreteCollectionId, "Scores"));

        var fixedText = await CodeFixVerifier.FixAllAsync(_provider, document, diagnostics);

        CodeFixVerifier.AssertText("""
            using System.Collections.Generic;
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                public partial IList<string> Tags { get; }
                public partial ISet<int> Numbers { get; }
                public partial IDictionary<string, double> Scores { get; }
            }
            """, fixedText);
    }

    [Fact]
    public async Task Analyzer_reports_concrete_collections_and_the_fix_clears_them()
    {
        var fixedText = await CodeFixVerifier.FixWithAnalyzerAsync(_provider, """
            using System.Collections.Generic;
            using SourceGenSync;

            [RealmObject]
            public partial class Item
            {
                [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
                public partial List<string> Tags { get; }
                public partial HashSet<int> Numbers { get; }
                public partial Dictionary<string, double> Scores { get; }
            }
            """, DiagnosticDescriptors.ConcreteCollectionId, expectedCount: 3);

        Assert.Contains("public partial IList<string> Tags { get; }", fixedText);
        Assert.Contains("public partial ISet<int> Numbers { get; }", fixedText);
        Assert.Contains("public partial IDictionary<string, double> Scores { get; }", fixedText);
    }

    private static string Model(string collectionType) => $$"""
        using System.Collections.Generic;
        using SourceGenSync;

        [RealmObject]
        public partial class Item
        {
            [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
            public partial {{collectionType}} Values { get; }
        }

        [RealmObject]
        public partial class Tag
        {
            [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
        }
        """;
}
