using System.Threading.Tasks;
using SourceGenSync.Testing;
using static SourceGenSync.Analyzers.Tests.AnalyzerTest;

namespace SourceGenSync.Analyzers.Tests;

/// <summary>
/// Models that use every supported type and attribute: the analyzer stays silent and the generator's output
/// compiles with zero errors, which is the "accepts exactly what the generator emits" half of the contract.
/// </summary>
public sealed class ValidModelTests
{
    private const string EveryType = """
        public enum Priority { Low, High }

        public enum Size : long { Small = 1, Large = 2 }

        [EmbeddedObject]
        public partial class Address
        {
            public partial string Street { get; set; }
            public partial string? City { get; set; }
        }

        [RealmObject]
        [MapTo("todo_item")]
        [DateTimeKindPolicy(DateTimeKindPolicy.ConvertToUtc)]
        public partial class TodoItem
        {
            [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
            [Indexed(IndexType.FullText)] public partial string Title { get; set; }
            [Indexed] public partial string OwnerId { get; set; }
            public partial bool Done { get; set; }
            public partial byte Level { get; set; }
            public partial short Rank { get; set; }
            public partial int Priority { get; set; }
            public partial long? Budget { get; set; }
            public partial float Weight { get; set; }
            public partial double? Score { get; set; }
            public partial decimal Price { get; set; }
            public partial byte[]? Attachment { get; set; }
            public partial DateTimeOffset? DueAt { get; set; }
            public partial DateTime CreatedAt { get; set; }
            public partial Guid ExternalId { get; set; }
            public partial ObjectId? ParentId { get; set; }
            public partial Priority Level2 { get; set; }
            public partial Size? Size { get; set; }
            public partial RealmValue Extra { get; set; }
            public partial RealmInteger<long> Views { get; set; }
            public partial RealmInteger<int> Likes { get; private set; }
            public partial TodoItem? Parent { get; set; }
            public partial Address? Location { get; set; }
            public partial IList<string> Tags { get; }
            public partial IList<TodoItem> Children { get; }
            public partial IList<Address> History { get; }
            public partial ISet<Guid> Watchers { get; }
            public partial ISet<TodoItem> Related { get; }
            public partial IDictionary<string, int> Counts { get; }
            public partial IDictionary<string, TodoItem?> ByName { get; }
            public partial IDictionary<string, RealmValue> Bag { get; }
            [Backlink(nameof(Children))] public partial IQueryable<TodoItem> Parents { get; }
            [Ignored] public partial string Draft { get; set; }
            public string Display => Title + " (" + Priority + ")";
        }
        """;

    [Fact]
    public Task A_model_with_every_supported_type_is_valid_and_compiles() => VerifyValid(EveryType);

    [Fact]
    public Task A_model_with_every_supported_type_is_valid_in_a_file_scoped_namespace() =>
        VerifyValid("namespace Todo.Models;\n\n" + EveryType);

    [Fact]
    public Task A_model_without_nullable_annotations_is_valid_and_compiles() => VerifyValid("""
        [EmbeddedObject]
        public partial class Address
        {
            [Required] public partial string Street { get; set; }
            public partial string City { get; set; }
        }

        [RealmObject]
        public partial class Person
        {
            [PrimaryKey] public partial string Id { get; set; }
            public partial Address Home { get; set; }
            public partial Person Manager { get; set; }
            public partial IList<Person> Reports { get; }
            public partial IDictionary<string, Address> Addresses { get; }
            [Required] public partial IList<string> Nicknames { get; }
            public partial byte[] Photo { get; set; }
        }
        """,
        new AnalyzerTestOptions { NullableEnabled = false });

    [Fact]
    public Task Nested_private_and_internal_model_classes_are_valid_and_compile() => VerifyValid("""
        namespace App;

        public partial class Container
        {
            [RealmObject]
            internal partial class Entry
            {
                [PrimaryKey] public partial int Id { get; set; }
                public partial Detail? Detail { get; set; }
            }

            [EmbeddedObject]
            private partial class Hidden
            {
                public partial string Value { get; set; }
            }

            [EmbeddedObject]
            internal partial class Detail
            {
                public partial string Text { get; set; }
            }
        }
        """);

    [Fact]
    public Task A_model_spread_over_two_files_is_valid_and_compiles() => VerifyValid("""
        [RealmObject]
        public partial class Item
        {
            [PrimaryKey] public partial int Id { get; set; }
        }
        """,
        new AnalyzerTestOptions
        {
            AdditionalSources =
            [
                """
                using SourceGenSync;

                public partial class Item
                {
                    public partial string Name { get; set; }

                    [Indexed] public partial int Rank { get; set; }
                }
                """,
            ],
        });

    [Fact]
    public Task An_asymmetric_object_with_embedded_data_is_valid_and_compiles() => VerifyValid("""
        [EmbeddedObject]
        public partial class Reading
        {
            public partial double Value { get; set; }
            public partial string Unit { get; set; }
        }

        [AsymmetricObject]
        public partial class Measurement
        {
            [PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }
            public partial DateTimeOffset At { get; set; }
            public partial IList<Reading> Readings { get; }
        }
        """);
}
