using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using SourceGenSync.Testing;
using static SourceGenSync.Analyzers.Tests.AnalyzerTest;

namespace SourceGenSync.Analyzers.Tests;

/// <summary>Checks that need more than one class: SGS0023, SGS0025 and SGS0026 (with its fix data).</summary>
public sealed class CompilationDiagnosticsTests
{
    [Fact]
    public Task SGS0023_is_reported_on_both_classes_stored_under_one_name() => Verify("""
        namespace Shop
        {
            [EmbeddedObject]
            public partial class {|SGS0023:Address|}
            {
            }
        }

        namespace Billing
        {
            [EmbeddedObject]
            public partial class {|SGS0023:Address|}
            {
            }
        }
        """,
        Diagnostic("SGS0023", "Model classes 'Shop.Address' and 'Billing.Address' are both stored as 'Address': rename one of them or give it another [MapTo] name (stored names are compared ignoring case)"),
        Diagnostic("SGS0023", "Model classes 'Billing.Address' and 'Shop.Address' are both stored as 'Address': rename one of them or give it another [MapTo] name (stored names are compared ignoring case)"));

    [Fact]
    public Task SGS0023_compares_MapTo_names_ignoring_case() => Verify("""
        [EmbeddedObject]
        public partial class {|SGS0023:Address|}
        {
        }

        [EmbeddedObject]
        [MapTo("address")]
        public partial class {|SGS0023:Location|}
        {
        }
        """,
        Diagnostic("SGS0023", "Model classes 'Address' and 'Location' are both stored as 'Address': rename one of them or give it another [MapTo] name (stored names are compared ignoring case)"),
        Diagnostic("SGS0023", "Model classes 'Location' and 'Address' are both stored as 'address': rename one of them or give it another [MapTo] name (stored names are compared ignoring case)"));

    [Fact]
    public Task SGS0023_is_not_reported_when_MapTo_separates_classes_of_the_same_name() => VerifyValid("""
        namespace Shop
        {
            [EmbeddedObject]
            public partial class Address
            {
            }
        }

        namespace Billing
        {
            [EmbeddedObject]
            [MapTo("BillingAddress")]
            public partial class Address
            {
            }
        }
        """);

    [Fact]
    public Task SGS0025_is_reported_on_model_classes_below_CSharp_13() => Verify("""
        [EmbeddedObject]
        public partial class {|SGS0025:Address|}
        {
        }
        """,
        new AnalyzerTestOptions { LanguageVersion = LanguageVersion.CSharp12 },
        Diagnostic("SGS0025", "Model class 'Address' needs C# 13 or later for partial properties, but the project uses C# 12.0: set <LangVersion>13</LangVersion> (or later) in the project file"));

    [Fact]
    public Task SGS0025_is_not_reported_without_model_classes_or_from_CSharp_13() => VerifyValid("""
        public class Plain
        {
        }
        """,
        new AnalyzerTestOptions { LanguageVersion = LanguageVersion.CSharp12 });

    [Fact]
    public Task SGS0025_is_not_reported_on_the_latest_language_version() => VerifyValid("""
        [EmbeddedObject]
        public partial class Address
        {
            public partial string Street { get; set; }
        }
        """,
        new AnalyzerTestOptions { LanguageVersion = LanguageVersion.Latest });

    [Fact]
    public Task SGS0026_is_reported_on_a_RealmObject_without_a_primary_key() => Verify("""
        [RealmObject]
        public partial class {|SGS0026:Note|}
        {
            public partial string Text { get; set; }
        }
        """,
        Diagnostic("SGS0026", "[RealmObject] class 'Note' has no primary key, so it can be stored locally but never synced: add '[PrimaryKey] [MapTo(\"_id\")] public partial ObjectId Id { get; set; }'"));

    [Fact]
    public Task SGS0026_is_not_reported_on_embedded_or_asymmetric_objects_or_with_a_primary_key() => VerifyValid("""
        [EmbeddedObject]
        public partial class Address
        {
            public partial string Street { get; set; }
        }

        [AsymmetricObject]
        public partial class Measurement
        {
            public partial double Value { get; set; }
        }

        [RealmObject]
        public partial class Note
        {
            [PrimaryKey] public partial Guid Key { get; set; }
        }
        """);

    [Fact]
    public async Task SGS0026_suggests_a_free_property_name_and_the_stored_name_id()
    {
        var run = await AnalyzerRunner.RunAsync(new SchemaAnalyzer(), Usings + """
            [RealmObject]
            public partial class Note
            {
                public partial string Text { get; set; }
            }

            [RealmObject]
            public partial class Ticket
            {
                public partial string Id { get; set; }
                [MapTo("_id")] public partial string Key { get; set; }
            }
            """);

        Assert.Collection(
            run.AnalyzerDiagnostics,
            note =>
            {
                Assert.Equal("SGS0026", note.Id);
                Assert.Equal("Id", note.Properties["PropertyName"]);
                Assert.Equal("_id", note.Properties["MappedName"]);
            },
            ticket =>
            {
                Assert.Equal("SGS0026", ticket.Id);
                Assert.Equal("ObjectKey", ticket.Properties["PropertyName"]);
                Assert.Equal(string.Empty, ticket.Properties["MappedName"]);
            });
    }
}
