using System.Collections.Generic;
using System.Linq;

namespace SourceGenSync.Runtime.Tests.Queries.Sql;

/// <summary>A long-keyed team with a list of links to members that have no primary key.</summary>
[RealmObject]
[MapTo("sql_team")]
public partial class SqlTeam
{
    [PrimaryKey]
    public partial long Id { get; set; }

    public partial string Name { get; set; }

    [MapTo("members")]
    public partial IList<SqlMember> Members { get; }

    public partial IDictionary<string, SqlMember?> Roles { get; }
}

/// <summary>No primary key: links to it store its row key. Its backlink goes through a link list.</summary>
[RealmObject]
public partial class SqlMember
{
    public partial string Name { get; set; }

    public partial int Age { get; set; }

    public partial SqlBadge? Badge { get; set; }

    public partial SqlMember? Mentor { get; set; }

    [Backlink(nameof(SqlTeam.Members))]
    public partial IQueryable<SqlTeam> Teams { get; }
}

[EmbeddedObject]
public partial class SqlBadge
{
    public partial string Label { get; set; }

    public partial int Level { get; set; }
}
