namespace SourceGenSync.Benchmarks.Models;

/// <summary>The object of the local-database scenario: five properties, an ObjectId primary key.</summary>
[RealmObject]
public partial class BenchItem
{
    [PrimaryKey]
    [MapTo("_id")]
    public partial ObjectId Id { get; set; }

    public partial string Name { get; set; }

    public partial long Quantity { get; set; }

    public partial double Price { get; set; }

    public partial bool IsActive { get; set; }
}
