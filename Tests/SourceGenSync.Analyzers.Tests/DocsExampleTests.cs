using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using SourceGenSync.Testing;

namespace SourceGenSync.Analyzers.Tests;

/// <summary>
/// The "Wrong" and "Right" examples of every docs/diagnostics page, run through the generator and the analyzer:
/// the wrong one must report the page's id and the right one nothing at all, so the pages stay true.
/// </summary>
public sealed partial class DocsExampleTests
{
    /// <summary>Classes the examples use without declaring them (added only when an example does not declare its own).</summary>
    private static readonly (string Name, string Source)[] Prelude =
    [
        ("Project", "[RealmObject] public partial class Project { [PrimaryKey] public partial ObjectId Id { get; set; } }"),
        ("Tag", "[RealmObject] public partial class Tag { [PrimaryKey] public partial string Name { get; set; } }"),
        ("Comment", "[RealmObject] public partial class Comment { [PrimaryKey] public partial ObjectId Id { get; set; } public partial string Text { get; set; } public partial Post? Post { get; set; } }"),
        ("Address", "[EmbeddedObject] public partial class Address { public partial string Street { get; set; } }"),
        ("Device", "[RealmObject] public partial class Device { [PrimaryKey] public partial ObjectId Id { get; set; } }"),
        ("Reading", "[EmbeddedObject] public partial class Reading { public partial double Value { get; set; } }"),
    ];

    public static TheoryData<string> CSharpPages()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(CatalogTests.RepositoryRoot(), "docs", "diagnostics"), "SGS*.md").Order(StringComparer.Ordinal))
        {
            if (File.ReadAllText(path).Contains("```csharp", StringComparison.Ordinal))
            {
                data.Add(Path.GetFileNameWithoutExtension(path));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CSharpPages))]
    public async Task Wrong_example_reports_the_page_id(string id)
    {
        var run = await AnalyzerRunner.RunAsync(new SchemaAnalyzer(), Example(id, "Wrong"));
        Assert.Contains(run.AnalyzerDiagnostics, d => d.Id == id);
    }

    [Theory]
    [MemberData(nameof(CSharpPages))]
    public async Task Right_example_reports_nothing_and_compiles(string id)
    {
        var run = await AnalyzerRunner.RunAsync(new SchemaAnalyzer(), Example(id, "Right"));
        Assert.Empty(run.AnalyzerDiagnostics.Select(d => $"{d.Id}: {d.GetMessage()}"));
        Assert.Empty(run.CompilerErrors.Select(d => d.ToString()));
    }

    private static string Example(string id, string section)
    {
        var page = File.ReadAllText(Path.Combine(CatalogTests.RepositoryRoot(), "docs", "diagnostics", id + ".md"));
        var match = new Regex($"## {section}\\n\\n```csharp\\n(.*?)```", RegexOptions.Singleline).Match(page);
        Assert.True(match.Success, $"{id}.md has no C# block under '## {section}'");
        var code = match.Groups[1].Value;
        var declared = DeclaredClass().Matches(code).Select(m => m.Groups[1].Value).ToHashSet();
        var prelude = Prelude.Where(p => !declared.Contains(p.Name) && Regex.IsMatch(code, $"\\b{p.Name}\\b")).Select(p => p.Source);
        return AnalyzerTest.Usings + code + "\n" + string.Join("\n", prelude) + "\n";
    }

    [GeneratedRegex(@"\bclass\s+(\w+)")]
    private static partial Regex DeclaredClass();
}
