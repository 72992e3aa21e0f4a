using System;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>A string-keyed node that can link to another node (cycles) and keeps a UTC-converted timestamp.</summary>
[RealmObject]
[MapTo("DbNode")]
public partial class DbNode
{
    [PrimaryKey]
    public partial string Name { get; set; }

    public partial int Value { get; set; }

    public partial DbNode? Next { get; set; }

    [DateTimeKindPolicy(DateTimeKindPolicy.ConvertToUtc)]
    public partial DateTime When { get; set; }
}

/// <summary>A class without a primary key (Find cannot be used; changesets name it by row key).</summary>
[RealmObject]
[MapTo("DbLogEntry")]
public partial class DbLogEntry
{
    public partial string Message { get; set; }

    public partial int Level { get; set; }
}
