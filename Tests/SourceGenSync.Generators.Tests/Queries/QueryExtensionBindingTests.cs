using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGenSync.Testing;

namespace SourceGenSync.Generators.Tests.Queries;

/// <summary>
/// The generated Where/OrderBy overloads must be found before System.Linq.Queryable's: where both apply,
/// <c>query.Where(f =&gt; f.Priority &gt;= 3)</c> is otherwise ambiguous, and <c>OrderBy(f =&gt; f.Priority)</c>
/// silently becomes a LINQ ordering over the model.
/// </summary>
public sealed class QueryExtensionBindingTests
{
    private const string Model = """
        using System.Linq;
        using SourceGenSync;

        namespace Todo;

        [RealmObject]
        public partial class Item
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
            public partial string Title { get; set; }
            public partial int Priority { get; set; }
            public partial Item? Parent { get; set; }
        }
        """;

    private static IMethodSymbol BoundMethod(string usage, string invocationName)
    {
        var run = GeneratorRunner.Run(TestCompilation.Create(Model, usage));
        DiagnosticAssert.None(run.CompilationDiagnostics);
        var tree = run.OutputCompilation.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        var model = run.OutputCompilation.GetSemanticModel(tree);
        var invocation = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Last(i => i.Expression is MemberAccessExpressionSyntax m && m.Name.Identifier.Text == invocationName);
        return Assert.IsAssignableFrom<IMethodSymbol>(model.GetSymbolInfo(invocation).Symbol);
    }

    [Fact]
    public void Where_with_typed_fields_binds_to_the_generated_extension_inside_the_model_namespace()
    {
        var method = BoundMethod("""
            using System.Linq;

            namespace Todo;

            public static class Usage
            {
                public static IQueryable<Item> Urgent(IQueryable<Item> items) => items.Where(f => f.Priority >= 3);
            }
            """, "Where");

        Assert.Equal("Todo_ItemQueryExtensions", method.ContainingType.Name);
    }

    [Fact]
    public void Where_with_typed_fields_binds_to_the_generated_extension_from_another_namespace()
    {
        var method = BoundMethod("""
            using System.Linq;
            using Todo;

            namespace App.Features;

            public static class Usage
            {
                public static IQueryable<Item> Urgent(IQueryable<Item> items) => items.Where(f => f.Priority >= 3 & f.Title.Contains("x"));
            }
            """, "Where");

        Assert.Equal("Todo_ItemQueryExtensions", method.ContainingType.Name);
    }

    [Fact]
    public void Where_with_typed_fields_binds_to_the_generated_extension_under_a_global_using()
    {
        var method = BoundMethod("""
            global using System.Linq;
            global using Todo;

            namespace App;

            public static class Usage
            {
                public static IQueryable<Item> Urgent(IQueryable<Item> items) => items.Where(f => f.Priority >= 3);
            }
            """, "Where");

        Assert.Equal("Todo_ItemQueryExtensions", method.ContainingType.Name);
    }

    [Fact]
    public void Typed_only_members_still_bind_when_System_Linq_is_imported_inside_the_namespace()
    {
        // Usings inside a namespace block are searched before the global namespace: Queryable comes first there,
        // so a typed-only member (MatchesAll, IsNull on a link) makes its candidates inapplicable and ours bind.
        var method = BoundMethod("""
            namespace App
            {
                using System.Linq;
                using Todo;

                public static class Usage
                {
                    public static IQueryable<Item> Orphans(IQueryable<Item> items) => items.Where(f => f.Parent.IsNull());
                }
            }
            """, "Where");

        Assert.Equal("Todo_ItemQueryExtensions", method.ContainingType.Name);
    }

    [Fact]
    public void OrderBy_and_ThenByDescending_bind_to_the_generated_extensions()
    {
        var method = BoundMethod("""
            using System.Linq;
            using Todo;

            namespace App;

            public static class Usage
            {
                public static IQueryable<Item> Sorted(IQueryable<Item> items) => items.OrderBy(f => f.Priority).ThenByDescending(f => f.Title);
            }
            """, "ThenByDescending");

        Assert.Equal("Todo_ItemQueryExtensions", method.ContainingType.Name);
    }

    [Fact]
    public void Filtering_through_a_link_compiles_and_a_value_of_the_wrong_type_does_not()
    {
        var ok = GeneratorRunner.Run(TestCompilation.Create(Model, """
            using System.Linq;
            using Todo;

            public static class Usage
            {
                public static IQueryable<Item> Children(IQueryable<Item> items) => items.Where(f => f.Parent.Title == "root" | f.Parent.IsNull());
            }
            """));
        DiagnosticAssert.None(ok.CompilationDiagnostics);

        var wrong = GeneratorRunner.Run(TestCompilation.Create(Model, """
            using System.Linq;
            using Todo;

            public static class Usage
            {
                public static IQueryable<Item> Broken(IQueryable<Item> items) => items.Where(f => f.Priority == "high");
            }
            """));
        Assert.Contains(wrong.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }
}
