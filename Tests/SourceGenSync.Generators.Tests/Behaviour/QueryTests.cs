using System.Linq;
using SourceGenSync.Queries;
using static SourceGenSync.Generators.Tests.Behaviour.GeneratedAssembly;

namespace SourceGenSync.Generators.Tests.Behaviour;

/// <summary>Typed fields build the query AST with stored (mapped) names and typed arguments.</summary>
public sealed class QueryTests
{
    private static FormattedQuery Query(string method) => QueryText.Format((QueryNode)Invoke("Queries", method)!);

    [Fact]
    public void Comparison_and_string_match_build_the_expected_query()
    {
        var query = Query("Urgent");

        Assert.Equal("Priority >= $0 AND Title CONTAINS[c] $1", query.Text);
        Assert.Equal([RealmValue.Create(3), RealmValue.Create("x")], query.Arguments.ToArray());
    }

    [Fact]
    public void Fields_through_a_link_use_the_stored_names_of_each_step()
    {
        Assert.Equal("Project.owner_id == $0", Query("ThroughLink").Text);
    }

    [Fact]
    public void Collection_membership_and_backlink_count_are_expressible()
    {
        var text = Query("Collections").Text;

        Assert.StartsWith("SUBQUERY(Tags, $x, @self == $0).@count > ", text, System.StringComparison.Ordinal);
        Assert.Contains(" OR Notes.@count > ", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Enums_are_compared_as_their_underlying_number_and_IsNull_compares_with_null()
    {
        var query = Query("EnumAndNullable");

        Assert.Equal("Level == $0 AND Due == $1", query.Text);
        Assert.Equal(RealmValue.Create(2L), query.Arguments[0]);
        Assert.True(query.Arguments[1].IsNull);
    }

    [Fact]
    public void Full_text_fields_offer_MatchesAll()
    {
        Assert.Equal("Title TEXT $0", Query("FullText").Text);
    }

    [Fact]
    public void Orderings_use_typed_fields()
    {
        var sort = (SortClause)Invoke("Queries", "LastSort")!;

        Assert.Equal(PropertyPath.Of("Views"), sort.Property);
        Assert.False(sort.Ascending);
    }
}
