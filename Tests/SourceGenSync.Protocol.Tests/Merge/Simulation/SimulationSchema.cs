namespace SourceGenSync.Protocol.Tests.Merge.Simulation;

/// <summary>
/// The fixed schema the simulated clients edit: two top-level classes with the same fields (so links cross classes),
/// an embedded Address in <c>home</c>, embedded Parts in the <c>parts</c> list and the <c>slots</c> dictionary.
/// Primary keys come from a small range so concurrent creates of the same object happen often.
/// </summary>
internal static class SimulationSchema
{
    public static readonly string[] Classes = ["Item", "Box"];
    public const int MaxKey = 5;

    // Item and Box fields.
    public const string Name = "name";          // string
    public const string Count = "count";        // counter
    public const string Owner = "owner";        // link
    public const string Home = "home";          // embedded Address
    public const string Tags = "tags";          // list<string>
    public const string Refs = "refs";          // list<link>
    public const string Parts = "parts";        // list<embedded Part>
    public const string Labels = "labels";      // set<string>
    public const string Links = "links";        // set<link>
    public const string Attrs = "attrs";        // dictionary<int?>
    public const string Slots = "slots";        // dictionary<embedded Part>
    public const string Named = "named";        // dictionary<link>

    // Address fields.
    public const string City = "city";          // string
    public const string Visits = "visits";      // counter
    public const string Zips = "zips";          // list<int>

    // Part fields.
    public const string Label = "label";        // string
    public const string N = "n";                // counter
    public const string Subs = "subs";          // list<int>
    public const string Link = "link";          // link

    public static readonly string[] Words = ["a", "b", "c", "d", "e"];
    public static readonly string[] Keys = ["k1", "k2", "k3"];
}

/// <summary>The kinds of object an instruction can target.</summary>
internal enum SimulationObjectKind
{
    TopLevel,
    Address,
    Part,
}
