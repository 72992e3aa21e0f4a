using System.Collections.Generic;

namespace SourceGenSync.Runtime.Tests.Migrations;

public sealed partial class RebuildTests
{
    [RealmObject]
    [MapTo("Person")]
    private partial class PersonV1
    {
        [PrimaryKey]
        public partial int Id { get; set; }

        public partial string Name { get; set; }

        public partial int Age { get; set; }

        public partial string? Nickname { get; set; }

        public partial string Email { get; set; }

        public partial long Legacy { get; set; }

        [Indexed(IndexType.FullText)]
        public partial string Bio { get; set; }

        public partial DogV1? Pet { get; set; }

        public partial AddressV1? Home { get; set; }

        public partial IList<DogV1> Dogs { get; }

        public partial IList<string> Tags { get; }

        public partial IDictionary<string, int> Scores { get; }

        public partial IList<AddressV1> Offices { get; }
    }

    [RealmObject]
    [MapTo("Dog")]
    private partial class DogV1
    {
        [PrimaryKey]
        public partial string Name { get; set; }

        public partial PersonV1? Owner { get; set; }
    }

    [EmbeddedObject]
    [MapTo("Address")]
    private partial class AddressV1
    {
        public partial string Street { get; set; }

        public partial string? City { get; set; }
    }

    /// <summary>Age becomes a string, Nickname required, Email optional, Legacy removed, Lucky and Motto added; the rest the same.</summary>
    [RealmObject]
    [MapTo("Person")]
    private partial class PersonV2
    {
        [PrimaryKey]
        public partial int Id { get; set; }

        public partial string Name { get; set; }

        public partial string Age { get; set; }

        public partial string Nickname { get; set; }

        public partial string? Email { get; set; }

        [Indexed(IndexType.FullText)]
        public partial string Bio { get; set; }

        public partial DogV2? Pet { get; set; }

        public partial AddressV2? Home { get; set; }

        public partial IList<DogV2> Dogs { get; }

        public partial IList<string> Tags { get; }

        public partial IDictionary<string, int> Scores { get; }

        public partial IList<AddressV2> Offices { get; }

        public partial IList<int> Lucky { get; }

        public partial string Motto { get; set; }
    }

    [RealmObject]
    [MapTo("Dog")]
    private partial class DogV2
    {
        [PrimaryKey]
        public partial string Name { get; set; }

        public partial PersonV2? Owner { get; set; }
    }

    /// <summary>City removed: the embedded class itself is rebuilt.</summary>
    [EmbeddedObject]
    [MapTo("Address")]
    private partial class AddressV2
    {
        public partial string Street { get; set; }
    }
}
