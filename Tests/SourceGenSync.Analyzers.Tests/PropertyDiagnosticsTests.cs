using System.Threading.Tasks;
using SourceGenSync.Testing;
using static SourceGenSync.Analyzers.Tests.AnalyzerTest;

namespace SourceGenSync.Analyzers.Tests;

/// <summary>Which properties are persisted and how: SGS0002, 0012, 0014, 0029, 0035, 0037, 0028.</summary>
public sealed class PropertyDiagnosticsTests
{
    private const string SupportedTypes =
        "bool, byte, short, int, long, float, double, decimal, string, byte[], DateTimeOffset, DateTime, Guid, ObjectId, " +
        "enums, RealmValue, RealmInteger<T> counters, links to [RealmObject] classes, [EmbeddedObject] classes, " +
        "IList<T>, ISet<T> and IDictionary<string, T> of those, and IQueryable<T> backlinks";

    private static ExpectedDiagnostic Unsupported(string property, string type, string reason) =>
        Diagnostic("SGS0014", $"Property '{property}' has type '{type}', which cannot be stored ({reason}): use one of {SupportedTypes}, or mark the property [Ignored]");

    [Fact]
    public Task SGS0002_is_reported_on_an_auto_property_with_a_setter() => Verify("""
        [EmbeddedObject]
        public partial class Address
        {
            public string {|SGS0002:Street|} { get; set; } = "";
        }
        """,
        Diagnostic("SGS0002", "Property 'Address.Street' is not partial, so it would not be stored: declare it 'partial', or mark it [Ignored] to keep it out of the schema"));

    [Fact]
    public Task SGS0002_and_SGS0017_are_reported_on_a_Realm_style_collection() => Verify("""
        [EmbeddedObject]
        public partial class Address
        {
            public IList<string> {|SGS0002:{|SGS0017:Lines|}|} { get; } = new List<string>();
        }
        """,
        Diagnostic("SGS0002", "Property 'Address.Lines' is not partial, so it would not be stored: declare it 'partial', or mark it [Ignored] to keep it out of the schema"),
        Diagnostic("SGS0017", "Collection 'Address.Lines' must not have an initializer: remove it (the generated property creates the collection)"));

    [Fact]
    public Task SGS0002_is_reported_on_a_non_partial_backlink() => Verify("""
        [RealmObject]
        public partial class Comment
        {
            [PrimaryKey] public partial int Id { get; set; }
            public partial Post? Post { get; set; }
        }

        [RealmObject]
        public partial class Post
        {
            [PrimaryKey] public partial int Id { get; set; }
            [Backlink(nameof(Comment.Post))] public IQueryable<Comment> {|SGS0002:Comments|} => Enumerable.Empty<Comment>().AsQueryable();
        }
        """,
        Diagnostic("SGS0002", "Property 'Post.Comments' is not partial, so it would not be stored: declare it 'partial', or mark it [Ignored] to keep it out of the schema"));

    [Fact]
    public Task SGS0002_is_not_reported_on_computed_get_only_or_ignored_properties() => VerifyValid("""
        [EmbeddedObject]
        public partial class Address
        {
            private int _counter;

            public partial string Street { get; set; }

            public string Display => Street.ToUpperInvariant();

            public int Version { get; } = 1;

            public int Counter { get => _counter; set => _counter = value; }

            [Ignored] public string Cache { get; set; } = "";

            public static string Default { get; set; } = "";
        }
        """);

    [Fact]
    public Task SGS0029_is_reported_on_a_partial_property_without_a_setter() => Verify("""
        [EmbeddedObject]
        public partial class Address
        {
            public partial string {|SGS0029:Street|} { get; }
        }
        """,
        Diagnostic("SGS0029", "Property 'Address.Street' has no setter, so its value could never be stored or read back: add a setter (it may be private), or mark the property [Ignored]"));

    [Fact]
    public Task SGS0029_is_not_reported_for_a_private_setter_or_an_ignored_property() => VerifyValid("""
        [EmbeddedObject]
        public partial class Address
        {
            public partial string Street { get; private set; }

            [Ignored] public partial string Note { get; set; }
        }
        """);

    [Fact]
    public Task SGS0037_is_reported_on_an_init_only_setter() => Verify("""
        [EmbeddedObject]
        public partial class Address
        {
            public partial string {|SGS0037:Street|} { get; init; }
        }
        """,
        Diagnostic("SGS0037", "Property 'Address.Street' has an 'init' accessor, but stored values are set after construction: use 'set' (it may be private)"));

    [Fact]
    public Task SGS0037_is_reported_on_an_ignored_partial_property_with_init() => Verify("""
        [EmbeddedObject]
        public partial class Address
        {
            [Ignored] public partial string {|SGS0037:Note|} { get; init; }
        }
        """,
        Diagnostic("SGS0037", "Property 'Address.Note' has an 'init' accessor, but stored values are set after construction: use 'set' (it may be private)"));

    [Fact]
    public Task SGS0037_is_not_reported_for_an_internal_setter() => VerifyValid("""
        [EmbeddedObject]
        public partial class Address
        {
            public partial string Street { get; internal set; }
        }
        """);

    [Fact]
    public Task SGS0014_is_reported_on_char() => Verify("""
        [EmbeddedObject]
        public partial class Address
        {
            public partial char {|SGS0014:Initial|} { get; set; }
        }
        """,
        Unsupported("Address.Initial", "char", "'char' is not supported: use byte, short, int or long"));

    [Fact]
    public Task SGS0014_is_reported_on_a_class_that_is_not_a_model() => Verify("""
        public class Helper
        {
        }

        [EmbeddedObject]
        public partial class Address
        {
            public partial Helper? {|SGS0014:Helper|} { get; set; }
        }
        """,
        Unsupported("Address.Helper", "Helper?", "'Helper' is not a model class; mark it [RealmObject] or [EmbeddedObject]"));

    [Fact]
    public Task SGS0014_is_reported_on_IQueryable_without_Backlink() => Verify("""
        [RealmObject]
        public partial class Item
        {
            [PrimaryKey] public partial int Id { get; set; }
            public partial IQueryable<Item> {|SGS0014:Others|} { get; }
        }
        """,
        Unsupported("Item.Others", "IQueryable<Item>", "IQueryable<T> is only valid on a [Backlink] property"));

    [Fact]
    public Task SGS0014_is_reported_on_a_collection_of_collections() => Verify("""
        [EmbeddedObject]
        public partial class Grid
        {
            public partial IList<IList<int>> {|SGS0014:Rows|} { get; }
        }
        """,
        Unsupported("Grid.Rows", "IList<IList<int>>", "collections cannot contain other collections"));

    [Fact]
    public Task SGS0014_is_reported_on_a_collection_of_counters() => Verify("""
        [EmbeddedObject]
        public partial class Stats
        {
            public partial IList<RealmInteger<int>> {|SGS0014:Hits|} { get; }
        }
        """,
        Unsupported("Stats.Hits", "IList<RealmInteger<int>>", "collections cannot hold RealmInteger<T> counters; use the integer type"));

    [Fact]
    public Task SGS0014_is_reported_on_IEnumerable() => Verify("""
        [EmbeddedObject]
        public partial class Address
        {
            public partial IEnumerable<string> {|SGS0014:Lines|} { get; set; }
        }
        """,
        Unsupported("Address.Lines", "IEnumerable<string>", "only IList<T>, ISet<T> and IDictionary<string, T> collections are supported"));

    [Fact]
    public Task SGS0014_is_reported_on_an_enum_with_an_unsigned_underlying_type() => Verify("""
        public enum Flags : uint { None, One }

        [EmbeddedObject]
        public partial class Address
        {
            public partial Flags {|SGS0014:Options|} { get; set; }
        }
        """,
        Unsupported("Address.Options", "Flags", "the enum 'Flags' has an underlying type that cannot be stored: use byte, short, int or long"));

    [Fact]
    public Task SGS0012_is_reported_on_a_non_nullable_link() => Verify("""
        [RealmObject]
        public partial class Person
        {
            [PrimaryKey] public partial int Id { get; set; }
            public partial Person {|SGS0012:Manager|} { get; set; }
        }
        """,
        Diagnostic("SGS0012", "Property 'Person.Manager' links to 'Person' and must be nullable: declare it as 'Person?' (it is null until set, and a link becomes null when its target is deleted)"));

    [Fact]
    public Task SGS0012_is_reported_on_a_non_nullable_embedded_object() => Verify("""
        [EmbeddedObject]
        public partial class Address
        {
            public partial string Street { get; set; }
        }

        [RealmObject]
        public partial class Person
        {
            [PrimaryKey] public partial int Id { get; set; }
            public partial Address {|SGS0012:Home|} { get; set; }
        }
        """,
        Diagnostic("SGS0012", "Property 'Person.Home' links to 'Address' and must be nullable: declare it as 'Address?' (it is null until set, and a link becomes null when its target is deleted)"));

    [Fact]
    public Task SGS0012_is_not_reported_on_nullable_links_or_where_nullable_annotations_are_off() => VerifyValid("""
        [EmbeddedObject]
        public partial class Address
        {
            public partial string Street { get; set; }
        }

        [RealmObject]
        public partial class Person
        {
            [PrimaryKey] public partial int Id { get; set; }
            public partial Address? Home { get; set; }
            public partial Person? Manager { get; set; }
        }

        #nullable disable
        [RealmObject]
        public partial class LegacyPerson
        {
            [PrimaryKey] public partial int Id { get; set; }
            public partial Address Home { get; set; }
        }
        """);

    [Fact]
    public Task SGS0035_is_reported_on_a_link_to_an_asymmetric_object() => Verify("""
        [AsymmetricObject]
        public partial class Log
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
        }

        [RealmObject]
        public partial class Item
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
            public partial Log? {|SGS0035:LastLog|} { get; set; }
            public partial IList<Log> {|SGS0035:Logs|} { get; }
        }
        """,
        Diagnostic("SGS0035", "Property 'Item.LastLog' cannot link to 'Log': asymmetric objects are sent to the server and never stored on the device, so nothing can link to them; link to a [RealmObject] or [EmbeddedObject] class"),
        Diagnostic("SGS0035", "Property 'Item.Logs' cannot link to 'Log': asymmetric objects are sent to the server and never stored on the device, so nothing can link to them; link to a [RealmObject] or [EmbeddedObject] class"));

    [Fact]
    public Task SGS0035_is_reported_on_an_asymmetric_object_linking_to_a_top_level_object() => Verify("""
        [RealmObject]
        public partial class Device
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
        }

        [AsymmetricObject]
        public partial class Log
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
            public partial Device? {|SGS0035:Source|} { get; set; }
        }
        """,
        Diagnostic("SGS0035", "Property 'Log.Source' cannot link to 'Device': 'Log' is an asymmetric object, which may only contain [EmbeddedObject] classes; make 'Device' embedded or remove the link"));

    [Fact]
    public Task SGS0035_is_not_reported_on_an_asymmetric_object_with_embedded_objects() => VerifyValid("""
        [EmbeddedObject]
        public partial class Reading
        {
            public partial double Value { get; set; }
        }

        [AsymmetricObject]
        public partial class Log
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
            public partial Reading? First { get; set; }
            public partial IList<Reading> Readings { get; }
        }
        """);

    [Fact]
    public Task SGS0028_is_reported_on_DateTime_properties_without_a_policy() => Verify("""
        [EmbeddedObject]
        public partial class Visit
        {
            public partial DateTime {|SGS0028:At|} { get; set; }
            public partial IList<DateTime?> {|SGS0028:History|} { get; }
        }
        """,
        Diagnostic("SGS0028", "DateTime property 'Visit.At' has no DateTimeKindPolicy: its Kind is stored as written, so Local, Utc and Unspecified values read back differently; add [DateTimeKindPolicy(...)] to the property, the class or the assembly, or use DateTimeOffset"),
        Diagnostic("SGS0028", "DateTime property 'Visit.History' has no DateTimeKindPolicy: its Kind is stored as written, so Local, Utc and Unspecified values read back differently; add [DateTimeKindPolicy(...)] to the property, the class or the assembly, or use DateTimeOffset"));

    [Fact]
    public Task SGS0028_is_not_reported_when_the_property_or_class_has_a_policy() => VerifyValid("""
        [EmbeddedObject]
        public partial class Visit
        {
            [DateTimeKindPolicy(DateTimeKindPolicy.ConvertToUtc)] public partial DateTime At { get; set; }
            public partial DateTimeOffset Logged { get; set; }
        }

        [EmbeddedObject]
        [DateTimeKindPolicy(DateTimeKindPolicy.PreserveKind)]
        public partial class Appointment
        {
            public partial DateTime? At { get; set; }
        }
        """);

    [Fact]
    public Task SGS0028_is_not_reported_when_the_assembly_has_a_policy() => VerifyValid("""
        [assembly: DateTimeKindPolicy(DateTimeKindPolicy.ConvertToUtc)]

        [EmbeddedObject]
        public partial class Visit
        {
            public partial DateTime At { get; set; }
        }
        """);
}
