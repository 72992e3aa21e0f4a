using System;
using SourceGenSync.Internal.Queries;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;

namespace SourceGenSync.Runtime.Tests.Queries.Sql;

/// <summary>String matching, case folding, wildcards, full-text search and hostile input.</summary>
public sealed class SqlStringTests : IDisposable
{
    private readonly SqlTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private long Text(string? text) => _db.Insert("AllTypes", ("OptionalText", text));

    private long[] Match(StringOperator op, string value, bool caseSensitive = true) =>
        _db.Where("AllTypes", new StringNode(PropertyPath.Of("OptionalText"), op, value, caseSensitive));

    private long Project(string description, string name = "p") =>
        _db.Insert("project_v2", ("Id", ValueCodec.GuidToBytes(Guid.NewGuid())), ("name", name), ("Description", description));

    private long[] Search(string terms) => _db.Where("project_v2", new FullTextNode(PropertyPath.Of("Description"), terms));

    [Fact]
    public void Case_sensitive_matches_respect_case()
    {
        var hello = Text("Hello World");
        var lower = Text("hello world");
        Text(null);

        Assert.Equal([hello], Match(StringOperator.Equal, "Hello World"));
        Assert.Equal([hello], Match(StringOperator.Contains, "o W"));
        Assert.Equal([lower], Match(StringOperator.StartsWith, "hell"));
        Assert.Equal([hello], Match(StringOperator.EndsWith, "World"));
        Assert.Empty(Match(StringOperator.EndsWith, "xhello world"));
    }

    [Fact]
    public void Case_insensitive_matches_fold_letters_beyond_ascii()
    {
        var upper = Text("ÄRGER im Büro");
        var lower = Text("ärger im büro");
        Text("Arger");

        Assert.Equal([upper, lower], Match(StringOperator.Equal, "Ärger IM BÜRO", caseSensitive: false));
        Assert.Equal([upper, lower], Match(StringOperator.StartsWith, "ärger", caseSensitive: false));
        Assert.Equal([upper, lower], Match(StringOperator.Contains, "BÜR", caseSensitive: false));
        Assert.Equal([upper, lower], Match(StringOperator.EndsWith, "BÜRO", caseSensitive: false));
        Assert.Equal([lower], Match(StringOperator.StartsWith, "ärger", caseSensitive: true));
    }

    [Fact]
    public void The_empty_string_is_contained_in_every_string_but_not_in_null()
    {
        var empty = Text("");
        var some = Text("x");
        Text(null);

        Assert.Equal([empty, some], Match(StringOperator.Contains, ""));
        Assert.Equal([empty, some], Match(StringOperator.StartsWith, "", caseSensitive: false));
        Assert.Equal([empty, some], Match(StringOperator.EndsWith, ""));
        Assert.Equal([empty], Match(StringOperator.Equal, ""));
    }

    [Fact]
    public void Matches_count_characters_not_bytes()
    {
        var emoji = Text("ab😀cd");

        Assert.Equal([emoji], Match(StringOperator.StartsWith, "ab😀"));
        Assert.Equal([emoji], Match(StringOperator.EndsWith, "😀cd"));
        Assert.Equal([emoji], Match(StringOperator.Like, "ab?cd"));
    }

    [Fact]
    public void Like_supports_star_and_question_mark()
    {
        var abc = Text("abc");
        var axxc = Text("axxc");
        var ac = Text("ac");

        Assert.Equal([abc, axxc, ac], Match(StringOperator.Like, "a*c"));
        Assert.Equal([abc], Match(StringOperator.Like, "a?c"));
        Assert.Equal([axxc], Match(StringOperator.Like, "a??c"));
        Assert.Empty(Match(StringOperator.Like, "b*"));
    }

    [Fact]
    public void Like_treats_brackets_and_sql_wildcards_as_plain_characters()
    {
        var brackets = Text("[a]");
        var letter = Text("a");
        var percent = Text("100%_done");

        Assert.Equal([brackets], Match(StringOperator.Like, "[a]"));
        Assert.Equal([brackets], Match(StringOperator.Like, "[*]"));
        Assert.Equal([percent], Match(StringOperator.Like, "100%_*"));
        Assert.Empty(Match(StringOperator.Like, "1%"));
        Assert.Equal([letter], Match(StringOperator.Like, "?"));
    }

    [Fact]
    public void Like_can_ignore_case()
    {
        var upper = Text("ÉCOLE");
        var lower = Text("école");

        Assert.Equal([upper, lower], Match(StringOperator.Like, "éc*", caseSensitive: false));
        Assert.Equal([lower], Match(StringOperator.Like, "éc*", caseSensitive: true));
    }

    [Fact]
    public void Hostile_values_are_matched_literally()
    {
        const string hostile = "x' OR '1'='1\"; DROP TABLE \"class_AllTypes\"; -- [*] %_ NEAR(a b) \\";
        var row = Text(hostile);
        Text("x");

        Assert.Equal([row], Match(StringOperator.Equal, hostile));
        Assert.Equal([row], Match(StringOperator.Contains, "'1'='1\"; DROP"));
        Assert.Equal([row], Match(StringOperator.Like, hostile));
        Assert.Equal([row], Match(StringOperator.Equal, hostile.ToLowerInvariant(), caseSensitive: false));
        Assert.Empty(Search(hostile));
        Assert.Equal(2L, _db.Count(QueryModel.All("AllTypes")));
    }

    [Fact]
    public void Full_text_search_needs_every_word_in_any_case()
    {
        var both = Project("The quick brown fox jumps");
        Project("A quick hare");
        var accented = Project("Crème BRÛLÉE for dessert");

        Assert.Equal([both], Search("fox quick"));
        Assert.Equal([both], Search("  QUICK   Fox "));
        Assert.Equal([accented], Search("brûlée"));
    }

    [Fact]
    public void Full_text_search_supports_exclusions_and_prefixes()
    {
        var fox = Project("quick brown fox");
        var hare = Project("quick hare");
        var turtle = Project("slow turtle");

        Assert.Equal([hare], Search("quick -fox"));
        Assert.Equal([hare, turtle], Search("-fox"));
        Assert.Equal([fox], Search("bro*"));
        Assert.Equal([turtle], Search("-qui* -fox"));
    }

    [Fact]
    public void Full_text_operators_in_user_terms_are_plain_words()
    {
        var near = Project("meet NEAR the AND gate");
        Project("meet the gate");

        Assert.Equal([near], Search("NEAR AND"));
        Assert.Equal([near], Search("\"near\" (and)"));
        Assert.Empty(Search("*** --- \"\""));
    }

    [Fact]
    public void Full_text_search_follows_links()
    {
        var projectKey = Guid.NewGuid();
        _db.Insert("project_v2", ("Id", ValueCodec.GuidToBytes(projectKey)), ("name", "p"), ("Description", "garden work"));
        var todo = _db.Insert("TodoItem", ("_id", ValueCodec.ObjectIdToBytes(ObjectId.GenerateNewId())), ("project", ValueCodec.GuidToBytes(projectKey)));
        _db.Insert("TodoItem", ("_id", ValueCodec.ObjectIdToBytes(ObjectId.GenerateNewId())));

        Assert.Equal([todo], _db.Where("TodoItem", new FullTextNode(PropertyPath.Of("project", "Description"), "garden")));
    }

    [Fact]
    public void Full_text_search_on_a_property_without_the_index_names_it()
    {
        var error = Assert.Throws<NotSupportedException>(() => _db.Where("project_v2", new FullTextNode(PropertyPath.Of("name"), "x")));

        Assert.Contains("'name'", error.Message, StringComparison.Ordinal);
        Assert.Contains("IndexType.FullText", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void User_terms_become_quoted_fts_phrases()
    {
        Assert.Equal(("\"a\"\"b\" AND \"c\" *", "\"d\""), SqlText.ToFullTextQuery("a\"b c* -d"));
        Assert.Equal((null, null), SqlText.ToFullTextQuery(" - * "));
    }

    [Fact]
    public void String_matches_on_other_types_are_not_supported()
    {
        var error = Assert.Throws<NotSupportedException>(() => _db.Where("AllTypes", new StringNode(PropertyPath.Of("Int"), StringOperator.Contains, "1", true)));

        Assert.Contains("'Int'", error.Message, StringComparison.Ordinal);
    }
}
