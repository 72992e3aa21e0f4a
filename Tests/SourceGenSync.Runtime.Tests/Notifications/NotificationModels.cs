using System.Collections.Generic;

namespace SourceGenSync.Runtime.Tests.Notifications;

[RealmObject]
public partial class NotifPerson
{
    [PrimaryKey]
    public partial int Id { get; set; }

    public partial string Name { get; set; }

    public partial int Age { get; set; }

    public partial IList<NotifPerson> Friends { get; }

    public partial IList<string> Tags { get; }

    public partial ISet<int> Numbers { get; }

    public partial IDictionary<string, int> Scores { get; }

    public partial IDictionary<string, NotifPerson?> Named { get; }

    public partial IList<NotifToy> Toys { get; }
}

[EmbeddedObject]
public partial class NotifToy
{
    public partial string Name { get; set; }
}

/// <summary>A class no observed collection depends on.</summary>
[RealmObject]
public partial class NotifOther
{
    [PrimaryKey]
    public partial int Id { get; set; }
}
