using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Testing;
using static SourceGenSync.Analyzers.Tests.AnalyzerTest;

namespace SourceGenSync.Analyzers.Tests;

/// <summary>Collections: SGS0013 and SGS0015–SGS0019.</summary>
public sealed class CollectionDiagnosticsTests
{
    [Fact]
    public Task SGS0015_is_reported_on_concrete_collection_types() => Verify("""
        [EmbeddedObject]
        public partial class Item
        {
            public partial List<string> {|SGS0015:Tags|} { get; }
            public partial HashSet<int> {|SGS0015:Numbers|} { get; }
            public partial Dictionary<string, int?> {|SGS0015:Counts|} { get; }
            public partial string[] {|SGS0015:Lines|} { get; }
        }
        """,
        Diagnostic("SGS0015", "Property 'Item.Tags' has the concrete type 'List<string>': declare it as 'IList<string>' (the generated code supplies the collection)"),
        Diagnostic("SGS0015", "Property 'Item.Numbers' has the concrete type 'HashSet<int>': declare it as 'ISet<int>' (the generated code supplies the collection)"),
        Diagnostic("SGS0015", "Property 'Item.Counts' has the concrete type 'Dictionary<string, int?>': declare it as 'IDictionary<string, int?>' (the generated code supplies the collection)"),
        Diagnostic("SGS0015", "Property 'Item.Lines' has the concrete type 'string[]': declare it as 'IList<string>' (the generated code supplies the collection)"));

    [Fact]
    public async Task SGS0015_puts_the_interface_type_in_the_diagnostic_properties()
    {
        var run = await AnalyzerRunner.RunAsync(new SchemaAnalyzer(), Usings + """
            [EmbeddedObject]
            public partial class Item
            {
                public partial List<string?> Tags { get; }
            }
            """);

        var diagnostic = Assert.Single(run.AnalyzerDiagnostics);
        Assert.Equal("SGS0015", diagnostic.Id);
        Assert.Equal("IList<string?>", diagnostic.Properties["ReplacementType"]);
    }

    [Fact]
    public Task SGS0015_is_not_reported_on_collection_interfaces_or_byte_arrays() => VerifyValid("""
        [EmbeddedObject]
        public partial class Item
        {
            public partial IList<string> Tags { get; }
            public partial ISet<int> Numbers { get; }
            public partial IDictionary<string, int?> Counts { get; }
            public partial byte[] Data { get; set; }
        }
        """);

    [Fact]
    public Task SGS0016_is_reported_on_a_collection_with_a_setter() => Verify("""
        [EmbeddedObject]
        public partial class Item
        {
            public partial IList<string> {|SGS0016:Tags|} { get; set; }
            public partial IDictionary<string, int> {|SGS0016:Counts|} { get; private set; }
        }
        """,
        Diagnostic("SGS0016", "Collection 'Item.Tags' must not have a setter: remove it (the object owns its collection; change the collection's contents instead)"),
        Diagnostic("SGS0016", "Collection 'Item.Counts' must not have a setter: remove it (the object owns its collection; change the collection's contents instead)"));

    [Fact]
    public Task SGS0016_is_not_reported_on_a_get_only_collection() => VerifyValid("""
        [EmbeddedObject]
        public partial class Item
        {
            public partial IList<string> Tags { get; }
        }
        """);

    [Fact]
    public Task SGS0017_is_reported_on_a_partial_collection_with_an_initializer() => Verify("""
        [EmbeddedObject]
        public partial class Item
        {
            public partial IList<string> {|SGS0017:Tags|} { get; } = new List<string>();
        }
        """,
        new AnalyzerTestOptions { ExpectedCompilerErrors = ["CS8050"] },
        Diagnostic("SGS0017", "Collection 'Item.Tags' must not have an initializer: remove it (the generated property creates the collection)"));

    [Fact]
    public Task SGS0017_is_not_reported_on_an_initialized_non_partial_list_of_a_non_interface_type() => VerifyValid("""
        [EmbeddedObject]
        public partial class Item
        {
            public partial IList<string> Tags { get; }

            public List<string> Scratch { get; } = new();
        }
        """);

    [Fact]
    public Task SGS0018_is_reported_on_a_dictionary_with_a_non_string_key() => Verify("""
        [EmbeddedObject]
        public partial class Item
        {
            public partial IDictionary<int, string> {|SGS0018:Names|} { get; }
            public partial IDictionary<string?, int> {|SGS0018:Counts|} { get; }
        }
        """,
        Diagnostic("SGS0018", "Dictionary 'Item.Names' has the key type 'int', but keys must be string: declare it as 'IDictionary<string, string>'"),
        Diagnostic("SGS0018", "Dictionary 'Item.Counts' has the key type 'string?', but keys must be string: declare it as 'IDictionary<string, int>'"));

    [Fact]
    public Task SGS0018_is_not_reported_on_a_string_keyed_dictionary() => VerifyValid("""
        [EmbeddedObject]
        public partial class Item
        {
            public partial IDictionary<string, string> Names { get; }
        }
        """);

    [Fact]
    public Task SGS0019_is_reported_on_a_set_of_embedded_objects() => Verify("""
        [EmbeddedObject]
        public partial class Address
        {
            public partial string Street { get; set; }
        }

        [RealmObject]
        public partial class Person
        {
            [PrimaryKey] public partial int Id { get; set; }
            public partial ISet<Address> {|SGS0019:Addresses|} { get; }
        }
        """,
        Diagnostic("SGS0019", "Set 'Person.Addresses' holds embedded objects 'Address', which have no identity to compare: use 'IList<Address>' instead"));

    [Fact]
    public Task SGS0019_is_not_reported_on_a_set_of_top_level_objects_or_a_list_of_embedded_ones() => VerifyValid("""
        [EmbeddedObject]
        public partial class Address
        {
            public partial string Street { get; set; }
        }

        [RealmObject]
        public partial class Person
        {
            [PrimaryKey] public partial int Id { get; set; }
            public partial ISet<Person> Friends { get; }
            public partial IList<Address> Addresses { get; }
            public partial IDictionary<string, Address?> AddressesByKind { get; }
        }
        """);

    [Fact]
    public Task SGS0013_is_reported_on_nullable_objects_in_a_list() => Verify("""
        [RealmObject]
        public partial class Tag
        {
            [PrimaryKey] public partial string Name { get; set; }
            public partial IList<Tag?> {|SGS0013:Related|} { get; }
        }
        """,
        Diagnostic("SGS0013", "Collection 'Tag.Related' has the wrong element nullability: a list or set cannot hold null objects, so elements must not be nullable; declare it as 'IList<Tag>'"));

    [Fact]
    public Task SGS0013_is_reported_on_non_nullable_objects_as_dictionary_values() => Verify("""
        [RealmObject]
        public partial class Tag
        {
            [PrimaryKey] public partial string Name { get; set; }
            public partial IDictionary<string, Tag> {|SGS0013:ByAlias|} { get; }
        }
        """,
        Diagnostic("SGS0013", "Collection 'Tag.ByAlias' has the wrong element nullability: a dictionary value becomes null when its object is deleted, so values must be nullable; declare it as 'IDictionary<string, Tag?>'"));

    [Fact]
    public Task SGS0013_is_not_reported_on_nullable_primitives_or_without_nullable_annotations() => VerifyValid("""
        [RealmObject]
        public partial class Tag
        {
            [PrimaryKey] public partial string Name { get; set; }
            public partial IList<string?> Aliases { get; }
            public partial ISet<int?> Scores { get; }
            public partial IDictionary<string, Tag?> ByAlias { get; }
        }

        #nullable disable
        [RealmObject]
        public partial class LegacyTag
        {
            [PrimaryKey] public partial string Name { get; set; }
            public partial IList<LegacyTag> Related { get; }
            public partial IDictionary<string, LegacyTag> ByAlias { get; }
        }
        """);

    [Fact]
    public async Task Diagnostics_without_properties_carry_an_empty_property_bag()
    {
        var run = await AnalyzerRunner.RunAsync(new SchemaAnalyzer(), Usings + """
            [EmbeddedObject]
            public partial class Item
            {
                public partial IList<string> Tags { get; set; }
            }
            """);

        var diagnostic = Assert.Single(run.AnalyzerDiagnostics);
        Assert.Equal("SGS0016", diagnostic.Id);
        Assert.Empty(diagnostic.Properties.Keys.ToArray());
    }
}
