using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SourceGenSync.Testing;

namespace SourceGenSync.Generators.Tests;

/// <summary>
/// Projects that build their XML documentation with warnings as errors must not fail because of generated
/// code: every public generated member carries a (valid) doc comment.
/// </summary>
public sealed class DocumentationTests
{
    private const string DocumentedModel = ModelShapes.Usings + """
        namespace Documented;

        /// <summary>An item.</summary>
        [RealmObject]
        public partial class Item
        {
            /// <summary>The key.</summary>
            [PrimaryKey] public partial ObjectId Id { get; set; }

            /// <summary>A link.</summary>
            public partial Item? Parent { get; set; }

            /// <summary>A list.</summary>
            public partial IList<string> Tags { get; }

            /// <summary>A counter.</summary>
            public partial RealmInteger<int> Hits { get; set; }

            /// <summary>A backlink.</summary>
            [Backlink(nameof(Parent))] public partial IQueryable<Item> Children { get; }
        }
        """;

    [Fact]
    public void Generated_code_adds_no_missing_or_malformed_documentation_warnings()
    {
        var compilation = TestCompilation.Create(DocumentedModel);
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(ImmutableDictionary<string, ReportDiagnostic>.Empty));

        var run = GeneratorRunner.Run(compilation);

        DiagnosticAssert.None(run.CompilationDiagnostics);
    }
}
