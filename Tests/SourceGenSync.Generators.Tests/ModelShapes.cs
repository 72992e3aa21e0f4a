using System.Collections.Generic;
using System.Linq;

namespace SourceGenSync.Generators.Tests;

/// <summary>
/// The model shapes the generator is tested with: each a named set of source files, shared by the golden-file,
/// compile, incrementality and determinism tests.
/// </summary>
public static class ModelShapes
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using SourceGenSync;

        """;

    /// <summary>Every scalar type, non-nullable, with an ObjectId primary key.</summary>
    public const string Primitives = Usings + """
        namespace Shapes;

        [RealmObject]
        public partial class AllTypes
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
            public partial bool Flag { get; set; }
            public partial byte Tiny { get; set; }
            public partial short Small { get; set; }
            public partial int Number { get; set; }
            public partial long Big { get; set; }
            public partial float Single { get; set; }
            public partial double Double { get; set; }
            public partial decimal Money { get; set; }
            public partial string Text { get; set; }
            public partial byte[] Bytes { get; set; }
            public partial DateTimeOffset When { get; set; }
            public partial Guid Identifier { get; set; }
            public partial ObjectId Reference { get; set; }
            public partial RealmValue Anything { get; set; }
        }
        """;

    /// <summary>The nullable variant of every scalar type.</summary>
    public const string NullablePrimitives = Usings + """
        namespace Shapes;

        [RealmObject]
        public partial class Optionals
        {
            [PrimaryKey] public partial long? Id { get; set; }
            public partial bool? Flag { get; set; }
            public partial byte? Tiny { get; set; }
            public partial short? Small { get; set; }
            public partial int? Number { get; set; }
            public partial float? Single { get; set; }
            public partial double? Double { get; set; }
            public partial decimal? Money { get; set; }
            public partial string? Text { get; set; }
            public partial byte[]? Bytes { get; set; }
            public partial DateTimeOffset? When { get; set; }
            public partial Guid? Identifier { get; set; }
            public partial ObjectId? Reference { get; set; }
        }
        """;

    /// <summary>Enums of several underlying types and DateTime under each kind policy.</summary>
    public const string EnumsAndDates = Usings + """
        namespace Shapes;

        public enum Priority { Low, Normal, High }

        public enum Color : byte { Red = 1, Green = 2 }

        public enum Huge : long { Max = long.MaxValue }

        [RealmObject]
        [DateTimeKindPolicy(DateTimeKindPolicy.PreserveKind)]
        public partial class Schedule
        {
            [PrimaryKey] public partial Guid Id { get; set; }
            public partial Priority Priority { get; set; }
            public partial Priority? MaybePriority { get; set; }
            public partial Color Color { get; set; }
            public partial Huge Size { get; set; }
            public partial DateTime Created { get; set; }
            [DateTimeKindPolicy(DateTimeKindPolicy.ConvertToUtc)] public partial DateTime Due { get; set; }
            [DateTimeKindPolicy(DateTimeKindPolicy.ConvertToUtc)] public partial DateTime? Reminder { get; set; }
            public partial DateTimeOffset Start { get; set; }
            public partial DateTimeOffset? End { get; set; }
        }
        """;

    /// <summary>RealmInteger counters of several widths, one nullable.</summary>
    public const string Counters = Usings + """
        namespace Shapes;

        [RealmObject]
        public partial class Scoreboard
        {
            [PrimaryKey] public partial string Id { get; set; }
            public partial RealmInteger<long> Views { get; set; }
            public partial RealmInteger<int> Likes { get; set; }
            public partial RealmInteger<byte> Stars { get; set; }
            public partial RealmInteger<short>? Votes { get; set; }
        }
        """;

    /// <summary>A to-one link to a top-level object and an embedded object.</summary>
    public const string LinksAndEmbedded = Usings + """
        namespace Shapes;

        [RealmObject]
        public partial class Person
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
            public partial string Name { get; set; }
            public partial Person? BestFriend { get; set; }
            public partial Address? Home { get; set; }
        }

        [EmbeddedObject]
        public partial class Address
        {
            public partial string Street { get; set; }
            public partial string? City { get; set; }
        }
        """;

    /// <summary>Lists, sets and dictionaries of primitives and of objects.</summary>
    public const string Collections = Usings + """
        namespace Shapes;

        [RealmObject]
        public partial class Library
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
            public partial IList<string> Tags { get; }
            public partial IList<int?> Ratings { get; }
            public partial ISet<Guid> Members { get; }
            public partial IDictionary<string, double> Prices { get; }
            public partial IDictionary<string, string?> Notes { get; }
            public partial IList<Book> Books { get; }
            public partial ISet<Book> Favorites { get; }
            public partial IDictionary<string, Book?> ByIsbn { get; }
            public partial IList<Shelf> Shelves { get; }
            public partial IList<bool> Switches { get; }
            public partial IList<byte[]> Blobs { get; }
            public partial IDictionary<string, RealmValue> Extras { get; }
            public partial IList<DateTime> Dates { get; }
        }

        [RealmObject]
        public partial class Book
        {
            [PrimaryKey] public partial string Isbn { get; set; }
            public partial string Title { get; set; }
        }

        [EmbeddedObject]
        public partial class Shelf
        {
            public partial int Number { get; set; }
        }
        """;

    /// <summary>Backlinks: the inverse of a to-one link and of a list of links.</summary>
    public const string Backlinks = Usings + """
        namespace Shapes;

        [RealmObject]
        public partial class Post
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
            public partial string Title { get; set; }
            [Backlink(nameof(Comment.Post))] public partial IQueryable<Comment> Comments { get; }
            [Backlink(nameof(Tag.Posts))] public partial IQueryable<Tag> Tags { get; }
        }

        [RealmObject]
        public partial class Comment
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
            public partial Post? Post { get; set; }
        }

        [RealmObject]
        public partial class Tag
        {
            [PrimaryKey] public partial string Name { get; set; }
            public partial IList<Post> Posts { get; }
        }
        """;

    /// <summary>[MapTo] on a class and on its properties, including a link whose target is mapped.</summary>
    public const string MapTo = Usings + """
        namespace Shapes;

        [RealmObject]
        [MapTo("todo_item")]
        public partial class TodoItem
        {
            [PrimaryKey, MapTo("_id")] public partial ObjectId Id { get; set; }
            [MapTo("title")] public partial string Title { get; set; }
            [MapTo("owner")] public partial Account? Owner { get; set; }
        }

        [RealmObject]
        [MapTo("account")]
        public partial class Account
        {
            [PrimaryKey, MapTo("_id")] public partial string Id { get; set; }
            [Backlink(nameof(TodoItem.Owner))] public partial IQueryable<TodoItem> Items { get; }
        }
        """;

    /// <summary>General and full-text indexes and a string primary key.</summary>
    public const string Indexes = Usings + """
        namespace Shapes;

        [RealmObject]
        public partial class Article
        {
            [PrimaryKey] public partial string Slug { get; set; }
            [Indexed] public partial string Author { get; set; }
            [Indexed(IndexType.FullText)] public partial string Body { get; set; }
            [Indexed] public partial int Year { get; set; }
            [Indexed(IndexType.General)] public partial DateTimeOffset Published { get; set; }
        }
        """;

    /// <summary>Models nested one and two levels deep, inside a class, a static class and a record.</summary>
    public const string NestedClasses = Usings + """
        namespace Shapes.Nested;

        public partial class Outer
        {
            [RealmObject]
            public partial class Item
            {
                [PrimaryKey] public partial int Id { get; set; }
                public partial Middle.Inner? Detail { get; set; }
            }

            public static partial class Middle
            {
                [EmbeddedObject]
                public partial class Inner
                {
                    public partial string Note { get; set; }
                }
            }
        }

        public partial record Container
        {
            [RealmObject]
            internal partial class Entry
            {
                [PrimaryKey] public partial long Id { get; set; }
            }
        }
        """;

    /// <summary>A model in the global namespace.</summary>
    public const string GlobalNamespace = Usings + """
        [RealmObject]
        public partial class GlobalThing
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
            public partial string Name { get; set; }
        }
        """;

    /// <summary>One class declared in three files; the attribute is on one part only.</summary>
    public static readonly string[] PartialAcrossFiles =
    [
        Usings + """
        namespace Shapes;

        [RealmObject]
        public partial class Invoice
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
        }
        """,
        Usings + """
        namespace Shapes;

        public partial class Invoice
        {
            public partial decimal Total { get; set; }

            public decimal TotalWithTax(decimal rate) => Total * (1 + rate);
        }
        """,
        Usings + """
        namespace Shapes;

        public partial class Invoice
        {
            public partial IList<string> Lines { get; }
        }
        """,
    ];

    /// <summary>An asymmetric (insert-only) object with an embedded payload.</summary>
    public const string Asymmetric = Usings + """
        namespace Shapes;

        [AsymmetricObject]
        public partial class Measurement
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
            public partial string Sensor { get; set; }
            public partial double Value { get; set; }
            public partial Reading? Raw { get; set; }
        }

        [EmbeddedObject]
        public partial class Reading
        {
            public partial byte[] Payload { get; set; }
        }
        """;

    /// <summary>[Ignored] partial properties next to ordinary (non-partial) members.</summary>
    public const string Ignored = Usings + """
        namespace Shapes;

        [RealmObject]
        public partial class Draft
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
            public partial string Body { get; set; }
            [Ignored] public partial string? Preview { get; set; }
            [Ignored] public partial int CursorPosition { get; set; }
            [Ignored] public partial List<string> Scratch { get; set; }
            public bool IsEmpty => Body.Length == 0;
        }
        """;

    /// <summary>Private and internal setters, an internal class, and a privately nested class (no extensions).</summary>
    public const string Accessibility = Usings + """
        namespace Shapes;

        [RealmObject]
        internal partial class Ledger
        {
            [PrimaryKey] public partial ObjectId Id { get; private set; }
            public partial string Name { get; internal set; }
            internal partial long Balance { get; private set; }
            public partial IList<Entry> Entries { get; }

            public Ledger()
            {
                Id = ObjectId.GenerateNewId();
            }

            [EmbeddedObject]
            private partial class Secret
            {
                public partial string Code { get; set; }
            }
        }

        [EmbeddedObject]
        internal partial class Entry
        {
            public partial decimal Amount { get; set; }
        }
        """;

    /// <summary>Several classes in several namespaces: one module initializer registers them all, sorted.</summary>
    public static readonly string[] SeveralClasses =
    [
        Usings + """
        namespace Zoo.Animals;

        [RealmObject]
        public partial class Zebra
        {
            [PrimaryKey] public partial int Id { get; set; }
        }

        [RealmObject]
        public partial class Aardvark
        {
            [PrimaryKey] public partial int Id { get; set; }
        }
        """,
        Usings + """
        namespace Zoo;

        [EmbeddedObject]
        public partial class Keeper
        {
            public partial string Name { get; set; }
        }

        [AsymmetricObject]
        public partial class Visit
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
        }
        """,
    ];

    /// <summary>A model declared where nullable annotations are disabled: strings and links are nullable.</summary>
    public const string NullableDisabled = Usings + """
        #nullable disable
        namespace Shapes;

        [RealmObject]
        public partial class Legacy
        {
            [PrimaryKey] public partial string Id { get; set; }
            public partial string Name { get; set; }
            [Required] public partial string Code { get; set; }
            public partial byte[] Data { get; set; }
            public partial Legacy Parent { get; set; }
            public partial IList<string> Aliases { get; }
        }
        """;

    /// <summary>Property names that collide with keywords, with ObjectFields members, or with each other once camel-cased.</summary>
    public const string EdgeNames = Usings + """
        namespace Shapes;

        [RealmObject]
        public partial class @event
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
            public partial string @class { get; set; }
            public partial string Path { get; set; }
            public partial bool IsNull { get; set; }
            public partial int Value { get; set; }
            [MapTo("value2")] public partial int value { get; set; }
        }
        """;

    /// <summary>Every shape by name, as the source files of one compilation.</summary>
    public static IReadOnlyDictionary<string, string[]> All { get; } = new Dictionary<string, string[]>
    {
        [nameof(Primitives)] = [Primitives],
        [nameof(NullablePrimitives)] = [NullablePrimitives],
        [nameof(EnumsAndDates)] = [EnumsAndDates],
        [nameof(Counters)] = [Counters],
        [nameof(LinksAndEmbedded)] = [LinksAndEmbedded],
        [nameof(Collections)] = [Collections],
        [nameof(Backlinks)] = [Backlinks],
        [nameof(MapTo)] = [MapTo],
        [nameof(Indexes)] = [Indexes],
        [nameof(NestedClasses)] = [NestedClasses],
        [nameof(GlobalNamespace)] = [GlobalNamespace],
        [nameof(PartialAcrossFiles)] = PartialAcrossFiles,
        [nameof(Asymmetric)] = [Asymmetric],
        [nameof(Ignored)] = [Ignored],
        [nameof(Accessibility)] = [Accessibility],
        [nameof(SeveralClasses)] = SeveralClasses,
        [nameof(NullableDisabled)] = [NullableDisabled],
        [nameof(EdgeNames)] = [EdgeNames],
    };

    /// <summary>Shape names for xunit theories.</summary>
    public static TheoryData<string> Names => new(All.Keys.OrderBy(n => n, System.StringComparer.Ordinal));

    /// <summary>A shape's sources as <c>{Shape}{n}.cs</c> files.</summary>
    public static IEnumerable<(string Path, string Text)> Files(string shape) =>
        All[shape].Select((text, i) => ($"{shape}{i}.cs", text));
}
