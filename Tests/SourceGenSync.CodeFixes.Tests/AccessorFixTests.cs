using System.Collections.Immutable;
using System.Threading.Tasks;
using SourceGenSync.CodeFixes.Tests.Infrastructure;
using SourceGenSync.Generators.Diagnostics;

namespace SourceGenSync.CodeFixes.Tests;

public sealed class AccessorFixTests
{
    [Theory]
    [InlineData("public partial string Title { get; init; }", "public partial string Title { get; set; }")]
    [InlineData("public partial string Title { get; private init; }", "public partial string Title { get; private set; }")]
    public async Task Init_accessor_becomes_set(string before, string after)
    {
        var document = TestWorkspace.CreateDocument(Model(before));
        var diagnostic = await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.InitSetterId, "Title");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(new UseSetAccessorCodeFixProvider(), document, diagnostic);

        CodeFixVerifier.AssertText(Model(after), fixedText);
    }

    [Fact]
    public async Task Analyzer_reports_init_accessors_and_the_fix_clears_them()
    {
        var fixedText = await CodeFixVerifier.FixWithAnalyzerAsync(
            new UseSetAccessorCodeFixProvider(),
            Model("public partial string Title { get; init; }"),
            DiagnosticDescriptors.InitSetterId);

        Assert.Contains("public partial string Title { get; set; }", fixedText);
    }

    [Theory]
    [InlineData("public partial string Title { get; }", "public partial string Title { get; private set; }")]
    [InlineData("private partial string Title { get; }", "private partial string Title { get; set; }")]
    [InlineData("partial string Title { get; }", "partial string Title { get; set; }")]
    public async Task Get_only_property_gets_a_setter_no_wider_than_allowed(string before, string after)
    {
        var document = TestWorkspace.CreateDocument(Model(before));
        var diagnostic = await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.PropertyWithoutSetterId, "Title");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(new AddSetterCodeFixProvider(), document, diagnostic);

        CodeFixVerifier.AssertText(Model(after), fixedText);
    }

    [Fact]
    public async Task Setter_follows_the_getter_on_its_own_line()
    {
        var document = TestWorkspace.CreateDocument(Model("""
            public partial int Priority
                {
                    get;
                }
            """));
        var diagnostic = await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.PropertyWithoutSetterId, "Priority");

        var fixedText = await CodeFixVerifier.ApplyFixAsync(new AddSetterCodeFixProvider(), document, diagnostic);

        CodeFixVerifier.AssertText(Model("""
            public partial int Priority
                {
                    get;
                    private set;
                }
            """), fixedText);
    }

    [Fact]
    public async Task Fix_all_adds_setters_to_every_get_only_property()
    {
        var document = TestWorkspace.CreateDocument(Model("""
            public partial string Title { get; }
                public partial int Priority { get; }
            """));
        var diagnostics = ImmutableArray.Create(
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.PropertyWithoutSetterId, "Title"),
            await CodeFixVerifier.AtPropertyAsync(document, DiagnosticDescriptors.PropertyWithoutSetterId, "Priority"));

        var fixedText = await CodeFixVerifier.FixAllAsync(new AddSetterCodeFixProvider(), document, diagnostics);

        CodeFixVerifier.AssertText(Model("""
            public partial string Title { get; private set; }
                public partial int Priority { get; private set; }
            """), fixedText);
    }

    [Fact]
    public async Task Analyzer_reports_get_only_scalars_and_the_fix_clears_them()
    {
        var fixedText = await CodeFixVerifier.FixWithAnalyzerAsync(
            new AddSetterCodeFixProvider(),
            Model("public partial string Title { get; }"),
            DiagnosticDescriptors.PropertyWithoutSetterId);

        Assert.Contains("public partial string Title { get; private set; }", fixedText);
    }

    private static string Model(string property) => $$"""
        using SourceGenSync;

        [RealmObject]
        public partial class Item
        {
            [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
            {{property}}
        }
        """;
}
