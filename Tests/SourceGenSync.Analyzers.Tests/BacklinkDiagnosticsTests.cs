using System.Threading.Tasks;
using static SourceGenSync.Analyzers.Tests.AnalyzerTest;

namespace SourceGenSync.Analyzers.Tests;

/// <summary>Backlinks: SGS0020–SGS0022 and SGS0038.</summary>
public sealed class BacklinkDiagnosticsTests
{
    private const string Comment = """
        [RealmObject]
        public partial class Comment
        {
            [PrimaryKey] public partial int Id { get; set; }
            public partial string Text { get; set; }
            public partial Post? Post { get; set; }
            [Ignored] public partial Post? Draft { get; set; }
        }

        """;

    [Fact]
    public Task SGS0020_is_reported_on_a_backlink_that_is_not_IQueryable() => Verify(Comment + """
        [RealmObject]
        public partial class Post
        {
            [PrimaryKey] public partial int Id { get; set; }
            [Backlink(nameof(Comment.Post))] public partial IList<Comment> {|SGS0020:Comments|} { get; }
        }
        """,
        Diagnostic("SGS0020", "Backlink 'Post.Comments' has type 'IList<Comment>': declare it as 'IQueryable<T>', where T is the model class whose link points at 'Post'"));

    [Fact]
    public Task SGS0021_is_reported_on_a_backlink_with_a_setter() => Verify(Comment + """
        [RealmObject]
        public partial class Post
        {
            [PrimaryKey] public partial int Id { get; set; }
            [Backlink(nameof(Comment.Post))] public partial IQueryable<Comment> {|SGS0021:Comments|} { get; set; }
        }
        """,
        Diagnostic("SGS0021", "Backlink 'Post.Comments' must not have a setter: remove it (a backlink is computed from the links that point here)"));

    [Fact]
    public Task SGS0020_and_SGS0021_are_not_reported_on_a_get_only_IQueryable_backlink() => VerifyValid(Comment + """
        [RealmObject]
        public partial class Post
        {
            [PrimaryKey] public partial int Id { get; set; }
            [Backlink(nameof(Comment.Post))] public partial IQueryable<Comment> Comments { get; }
        }
        """);

    [Fact]
    public Task SGS0022_is_reported_when_the_named_property_is_not_a_link_back() => Verify(Comment + """
        [RealmObject]
        public partial class Post
        {
            [PrimaryKey] public partial int Id { get; set; }
            [Backlink(nameof(Comment.Text))] public partial IQueryable<Comment> {|SGS0022:ByText|} { get; }
            [Backlink("Missing")] public partial IQueryable<Comment> {|SGS0022:ByMissing|} { get; }
            [Backlink(nameof(Comment.Draft))] public partial IQueryable<Comment> {|SGS0022:Drafts|} { get; }
        }
        """,
        Diagnostic("SGS0022", "Backlink 'Post.ByText' names 'Comment.Text', which has type 'string', not a link to 'Post': name a persisted property of 'Comment' of type 'Post?', 'IList<Post>' or 'ISet<Post>'"),
        Diagnostic("SGS0022", "Backlink 'Post.ByMissing' names 'Comment.Missing', which does not exist: name a persisted property of 'Comment' of type 'Post?', 'IList<Post>' or 'ISet<Post>'"),
        Diagnostic("SGS0022", "Backlink 'Post.Drafts' names 'Comment.Draft', which is not a stored property: name a persisted property of 'Comment' of type 'Post?', 'IList<Post>' or 'ISet<Post>'"));

    [Fact]
    public Task SGS0022_is_reported_when_the_link_points_at_another_class() => Verify("""
        [RealmObject]
        public partial class Author
        {
            [PrimaryKey] public partial int Id { get; set; }
        }

        [RealmObject]
        public partial class Book
        {
            [PrimaryKey] public partial int Id { get; set; }
            public partial Author? Author { get; set; }
        }

        [RealmObject]
        public partial class Shelf
        {
            [PrimaryKey] public partial int Id { get; set; }
            [Backlink(nameof(Book.Author))] public partial IQueryable<Book> {|SGS0022:Books|} { get; }
        }
        """,
        Diagnostic("SGS0022", "Backlink 'Shelf.Books' names 'Book.Author', which has type 'Author?', not a link to 'Shelf': name a persisted property of 'Book' of type 'Shelf?', 'IList<Shelf>' or 'ISet<Shelf>'"));

    [Fact]
    public Task SGS0022_is_not_reported_for_backlinks_from_a_list_and_a_set() => VerifyValid("""
        [RealmObject]
        public partial class Tag
        {
            [PrimaryKey] public partial string Name { get; set; }
            [Backlink(nameof(Article.Tags))] public partial IQueryable<Article> Articles { get; }
            [Backlink(nameof(Article.Featured))] public partial IQueryable<Article> FeaturedIn { get; }
        }

        [RealmObject]
        public partial class Article
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
            public partial IList<Tag> Tags { get; }
            public partial ISet<Tag> Featured { get; }
        }
        """);

    [Fact]
    public Task SGS0038_is_reported_when_the_backlink_target_is_not_a_model() => Verify("""
        public class Note
        {
            public Post? Post { get; set; }
        }

        [RealmObject]
        public partial class Post
        {
            [PrimaryKey] public partial int Id { get; set; }
            [Backlink(nameof(Note.Post))] public partial IQueryable<Note> {|SGS0038:Notes|} { get; }
        }
        """,
        Diagnostic("SGS0038", "Backlink 'Post.Notes' points at 'Note', which is not a model class: T in IQueryable<T> must be a [RealmObject] or [EmbeddedObject] class that links to 'Post'"));

    [Fact]
    public Task SGS0038_is_not_reported_when_the_backlink_target_is_embedded() => VerifyValid("""
        [EmbeddedObject]
        public partial class Review
        {
            public partial Product? Product { get; set; }
        }

        [RealmObject]
        public partial class Product
        {
            [PrimaryKey] public partial int Id { get; set; }
            public partial IList<Review> Reviews { get; }
            [Backlink(nameof(Review.Product))] public partial IQueryable<Review> ReviewedIn { get; }
        }
        """);
}
