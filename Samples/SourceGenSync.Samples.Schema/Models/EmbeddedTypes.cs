using System;
using SourceGenSync;

namespace SchemaSample.Models;

/// <summary>An embedded object: no primary key, owned by one project.</summary>
[EmbeddedObject]
public partial class Address
{
    public partial string Street { get; set; }

    public partial string City { get; set; }

    public partial string? PostalCode { get; set; }
}

/// <summary>An embedded object held in a list.</summary>
[EmbeddedObject]
public partial class Note
{
    public partial string Text { get; set; }

    public partial DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An asymmetric object: written on the device and uploaded, never read back.</summary>
[AsymmetricObject]
public partial class ActivityEvent
{
    [PrimaryKey]
    [MapTo("_id")]
    public partial ObjectId Id { get; set; }

    public partial string Message { get; set; }

    public partial DateTimeOffset At { get; set; }
}
