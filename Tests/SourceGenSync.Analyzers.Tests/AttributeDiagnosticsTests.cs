using System.Threading.Tasks;
using SourceGenSync.Testing;
using static SourceGenSync.Analyzers.Tests.AnalyzerTest;

namespace SourceGenSync.Analyzers.Tests;

/// <summary>Schema attributes against property types: SGS0005–SGS0011, SGS0024, SGS0027, SGS0036.</summary>
public sealed class AttributeDiagnosticsTests
{
    private const string Indexable = "indexable: bool, byte, short, int, long, string, ObjectId, Guid, DateTimeOffset, DateTime and enums, or their nullable forms";

    [Fact]
    public Task SGS0005_is_reported_on_the_second_primary_key() => Verify("""
        [RealmObject]
        public partial class Item
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
            [PrimaryKey] public partial string {|SGS0005:Code|} { get; set; }
        }
        """,
        Diagnostic("SGS0005", "Class 'Item' already has the primary key 'Id': remove [PrimaryKey] from 'Code' (a class has at most one primary key)"));

    [Fact]
    public Task SGS0006_is_reported_on_a_primary_key_of_an_unsupported_type() => Verify("""
        public enum Kind { A, B }

        [RealmObject]
        public partial class Item
        {
            [PrimaryKey] public partial double {|SGS0006:Id|} { get; set; }
        }

        [RealmObject]
        public partial class Other
        {
            [PrimaryKey] public partial Kind {|SGS0006:Id|} { get; set; }
        }
        """,
        Diagnostic("SGS0006", "Primary key 'Item.Id' has type 'double', which cannot be a primary key: use long, int, short, byte (or their nullable forms), string, ObjectId or Guid"),
        Diagnostic("SGS0006", "Primary key 'Other.Id' has type 'Kind', which cannot be a primary key: use long, int, short, byte (or their nullable forms), string, ObjectId or Guid"));

    [Fact]
    public Task SGS0006_is_not_reported_for_the_supported_primary_key_types() => VerifyValid("""
        [RealmObject] public partial class A { [PrimaryKey] public partial long Id { get; set; } }
        [RealmObject] public partial class B { [PrimaryKey] public partial int? Id { get; set; } }
        [RealmObject] public partial class C { [PrimaryKey] public partial short Id { get; set; } }
        [RealmObject] public partial class D { [PrimaryKey] public partial byte Id { get; set; } }
        [RealmObject] public partial class E { [PrimaryKey] public partial string Id { get; set; } }
        [RealmObject] public partial class F { [PrimaryKey] public partial ObjectId Id { get; set; } }
        [RealmObject] public partial class G { [PrimaryKey] public partial Guid Id { get; set; } }
        """);

    [Fact]
    public Task SGS0007_is_reported_on_a_primary_key_in_an_embedded_object() => Verify("""
        [EmbeddedObject]
        public partial class Address
        {
            [PrimaryKey] public partial int {|SGS0007:Id|} { get; set; }
        }
        """,
        Diagnostic("SGS0007", "Embedded object 'Address' cannot have a primary key: remove [PrimaryKey] from 'Id' (an embedded object is identified by its parent)"));

    [Fact]
    public Task SGS0007_is_not_reported_on_a_primary_key_in_an_asymmetric_object() => VerifyValid("""
        [AsymmetricObject]
        public partial class Log
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
        }
        """);

    [Fact]
    public Task SGS0008_is_reported_on_an_indexed_RealmValue_double_and_list() => Verify("""
        [EmbeddedObject]
        public partial class Item
        {
            [Indexed] public partial RealmValue {|SGS0008:Extra|} { get; set; }
            [Indexed] public partial double {|SGS0008:Score|} { get; set; }
            [Indexed] public partial IList<string> {|SGS0008:Tags|} { get; }
        }
        """,
        Diagnostic("SGS0008", $"Property 'Item.Extra' has type 'RealmValue', which cannot be indexed: remove [Indexed] ({Indexable})"),
        Diagnostic("SGS0008", $"Property 'Item.Score' has type 'double', which cannot be indexed: remove [Indexed] ({Indexable})"),
        Diagnostic("SGS0008", $"Property 'Item.Tags' has type 'IList<string>', which cannot be indexed: remove [Indexed] ({Indexable})"));

    [Fact]
    public Task SGS0008_is_not_reported_for_indexable_types() => VerifyValid("""
        public enum Kind : byte { A, B }

        [EmbeddedObject]
        [DateTimeKindPolicy(DateTimeKindPolicy.ConvertToUtc)]
        public partial class Item
        {
            [Indexed] public partial bool Done { get; set; }
            [Indexed] public partial int? Rank { get; set; }
            [Indexed] public partial string Name { get; set; }
            [Indexed] public partial ObjectId Owner { get; set; }
            [Indexed] public partial Guid Key { get; set; }
            [Indexed] public partial DateTimeOffset Due { get; set; }
            [Indexed] public partial DateTime Created { get; set; }
            [Indexed] public partial Kind? Kind { get; set; }
        }
        """);

    [Fact]
    public Task SGS0009_is_reported_on_an_indexed_primary_key() => Verify("""
        [RealmObject]
        public partial class Item
        {
            [PrimaryKey, Indexed] public partial ObjectId {|SGS0009:Id|} { get; set; }
        }
        """,
        Diagnostic("SGS0009", "Property 'Item.Id' is the primary key, which is always indexed: remove [Indexed]"));

    [Fact]
    public Task SGS0009_is_not_reported_for_an_index_beside_the_primary_key() => VerifyValid("""
        [RealmObject]
        public partial class Item
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
            [Indexed] public partial string Owner { get; set; }
        }
        """);

    [Fact]
    public Task SGS0010_is_reported_on_a_full_text_index_of_a_non_string() => Verify("""
        [EmbeddedObject]
        public partial class Item
        {
            [Indexed(IndexType.FullText)] public partial int {|SGS0010:Count|} { get; set; }
            [Indexed(IndexType.FullText)] public partial IList<string> {|SGS0010:Words|} { get; }
        }
        """,
        Diagnostic("SGS0010", "Property 'Item.Count' has type 'int', but a full-text index needs a string property: use [Indexed] for a general index, or make the property a string"),
        Diagnostic("SGS0010", "Property 'Item.Words' has type 'IList<string>', but a full-text index needs a string property: use [Indexed] for a general index, or make the property a string"));

    [Fact]
    public Task SGS0010_is_not_reported_on_a_full_text_index_of_a_string() => VerifyValid("""
        [EmbeddedObject]
        public partial class Item
        {
            [Indexed(IndexType.FullText)] public partial string? Body { get; set; }
        }
        """);

    [Fact]
    public Task SGS0011_is_reported_on_Required_of_a_non_string_type() => Verify("""
        [EmbeddedObject]
        public partial class Item
        {
            [Required] public partial int {|SGS0011:Count|} { get; set; }
        }
        """,
        Diagnostic("SGS0011", "[Required] on 'Item.Count' cannot be honoured: it applies only to string and byte[] properties and collections of them, not to 'int'; remove it"));

    [Fact]
    public Task SGS0011_is_reported_on_Required_of_a_nullable_annotated_string() => Verify("""
        [EmbeddedObject]
        public partial class Item
        {
            [Required] public partial string? {|SGS0011:Name|} { get; set; }
            [Required] public partial IList<string?> {|SGS0011:Tags|} { get; }
        }
        """,
        Diagnostic("SGS0011", "[Required] on 'Item.Name' cannot be honoured: 'string?' is declared nullable; remove the '?' (a non-nullable type is already required) or remove [Required]"),
        Diagnostic("SGS0011", "[Required] on 'Item.Tags' cannot be honoured: 'string?' is declared nullable; remove the '?' (a non-nullable type is already required) or remove [Required]"));

    [Fact]
    public Task SGS0011_is_not_reported_on_Required_strings_and_data_without_nullable_annotations() => VerifyValid("""
        [EmbeddedObject]
        public partial class Item
        {
            [Required] public partial string Name { get; set; }
            [Required] public partial byte[] Data { get; set; }
            [Required] public partial IList<string> Tags { get; }
        }
        """,
        new AnalyzerTestOptions { NullableEnabled = false });

    [Fact]
    public Task SGS0024_is_reported_on_two_properties_stored_under_one_name() => Verify("""
        [EmbeddedObject]
        public partial class Item
        {
            public partial string Name { get; set; }
            [MapTo("name")] public partial string {|SGS0024:DisplayName|} { get; set; }
        }
        """,
        Diagnostic("SGS0024", "Properties 'Item.Name' and 'Item.DisplayName' are both stored as 'name': rename one of them or change its [MapTo] name (stored names are compared ignoring case)"));

    [Fact]
    public Task SGS0024_is_not_reported_when_MapTo_frees_the_name() => VerifyValid("""
        [EmbeddedObject]
        public partial class Item
        {
            [MapTo("name_v1")] public partial string Name { get; set; }
            [MapTo("name")] public partial string DisplayName { get; set; }
        }
        """);

    [Fact]
    public Task SGS0027_is_reported_on_schema_attributes_of_an_ignored_property() => Verify("""
        [EmbeddedObject]
        public partial class Item
        {
            [Ignored, Indexed] public partial string {|SGS0027:Cache|} { get; set; }
            [Ignored, MapTo("x")] public string {|SGS0027:Scratch|} { get; set; } = "";
        }
        """,
        Diagnostic("SGS0027", "[Indexed] on 'Item.Cache' has no effect: the property is [Ignored], so it is not stored; remove one of the two attributes"),
        Diagnostic("SGS0027", "[MapTo] on 'Item.Scratch' has no effect: the property is [Ignored], so it is not stored; remove one of the two attributes"));

    [Fact]
    public Task SGS0027_is_reported_on_schema_attributes_of_a_property_that_is_not_stored() => Verify("""
        [EmbeddedObject]
        public partial class Item
        {
            public partial string Name { get; set; }
            [Indexed] public string {|SGS0027:Upper|} => Name.ToUpperInvariant();
            [Required] public static string {|SGS0027:Default|} { get; set; } = "";
        }
        """,
        Diagnostic("SGS0027", "[Indexed] on 'Item.Upper' has no effect: the property is not partial, so it is not stored; make it a partial property or remove the attribute"),
        Diagnostic("SGS0027", "[Required] on 'Item.Default' has no effect: static properties are not stored; remove the attribute"));

    [Fact]
    public Task SGS0027_is_reported_on_IndexType_None_and_on_a_policy_for_a_non_DateTime() => Verify("""
        [EmbeddedObject]
        public partial class Item
        {
            [Indexed(IndexType.None)] public partial string {|SGS0027:Name|} { get; set; }
            [DateTimeKindPolicy(DateTimeKindPolicy.ConvertToUtc)] public partial DateTimeOffset {|SGS0027:Due|} { get; set; }
        }
        """,
        Diagnostic("SGS0027", "[Indexed] on 'Item.Name' has no effect: IndexType.None creates no index; use [Indexed] for a general index, or remove the attribute"),
        Diagnostic("SGS0027", "[DateTimeKindPolicy] on 'Item.Due' has no effect: the property's type 'DateTimeOffset' holds no DateTime; remove the attribute"));

    [Fact]
    public Task SGS0027_is_reported_on_schema_attributes_in_a_class_that_is_not_a_model() => Verify("""
        [MapTo("dto")]
        public class {|SGS0027:Dto|}
        {
            [PrimaryKey] public int {|SGS0027:Id|} { get; set; }
        }
        """,
        Diagnostic("SGS0027", "[MapTo] on 'Dto' has no effect: 'Dto' is not a model class; add [RealmObject], [EmbeddedObject] or [AsymmetricObject] to it, or remove the attribute"),
        Diagnostic("SGS0027", "[PrimaryKey] on 'Dto.Id' has no effect: 'Dto' is not a model class; add [RealmObject], [EmbeddedObject] or [AsymmetricObject] to it, or remove the attribute"));

    [Fact]
    public Task SGS0027_is_not_reported_on_Ignored_alone_or_on_unrelated_attributes() => VerifyValid("""
        public class Dto
        {
            [Obsolete("use Name")] public string Title { get; set; } = "";
        }

        [EmbeddedObject]
        public partial class Item
        {
            [Ignored] public partial string Cache { get; set; }
            [Ignored] public string Scratch { get; set; } = "";
        }
        """);

    [Fact]
    public Task SGS0036_is_reported_on_invalid_stored_names() => Verify("""
        [EmbeddedObject]
        [MapTo("")]
        public partial class {|SGS0036:Item|}
        {
            [MapTo("a.b")] public partial string {|SGS0036:Name|} { get; set; }
            [MapTo("__system")] public partial string {|SGS0036:Kind|} { get; set; }
        }
        """,
        Diagnostic("SGS0036", "[MapTo(\"\")] on 'Item' is not a valid stored name: it is empty; use a non-empty name without '.' that does not start with '__'"),
        Diagnostic("SGS0036", "[MapTo(\"a.b\")] on 'Item.Name' is not a valid stored name: it contains '.', which separates the parts of a property path; use a non-empty name without '.' that does not start with '__'"),
        Diagnostic("SGS0036", "[MapTo(\"__system\")] on 'Item.Kind' is not a valid stored name: names starting with '__' are reserved for the database; use a non-empty name without '.' that does not start with '__'"));

    [Fact]
    public Task SGS0036_is_not_reported_on_names_with_one_leading_underscore() => VerifyValid("""
        [RealmObject]
        [MapTo("item_v2")]
        public partial class Item
        {
            [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
        }
        """);
}
