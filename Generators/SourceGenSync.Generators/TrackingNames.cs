namespace SourceGenSync.Generators;

/// <summary>
/// Names of the incremental pipeline steps. Tests read a run's tracked steps by these names to prove that an
/// unrelated edit leaves every step Cached or Unchanged.
/// </summary>
internal static class TrackingNames
{
    /// <summary>[RealmObject] classes parsed into specs (null for a class the validator rejects).</summary>
    public const string RealmObjectSpecs = nameof(RealmObjectSpecs);

    /// <summary>[EmbeddedObject] classes parsed into specs.</summary>
    public const string EmbeddedObjectSpecs = nameof(EmbeddedObjectSpecs);

    /// <summary>[AsymmetricObject] classes parsed into specs.</summary>
    public const string AsymmetricObjectSpecs = nameof(AsymmetricObjectSpecs);

    /// <summary>Valid [RealmObject] specs (invalid classes dropped).</summary>
    public const string ValidRealmObjects = nameof(ValidRealmObjects);

    /// <summary>Valid [EmbeddedObject] specs.</summary>
    public const string ValidEmbeddedObjects = nameof(ValidEmbeddedObjects);

    /// <summary>Valid [AsymmetricObject] specs.</summary>
    public const string ValidAsymmetricObjects = nameof(ValidAsymmetricObjects);

    /// <summary>Every valid spec of the compilation, gathered for the module initializer.</summary>
    public const string AllModels = nameof(AllModels);

    /// <summary>The sorted fully qualified names the module initializer registers.</summary>
    public const string SchemaRegistrations = nameof(SchemaRegistrations);

    /// <summary>All step names, for tests that assert each one ran and stayed cached.</summary>
    public static readonly string[] All =
    [
        RealmObjectSpecs, EmbeddedObjectSpecs, AsymmetricObjectSpecs,
        ValidRealmObjects, ValidEmbeddedObjects, ValidAsymmetricObjects,
        AllModels, SchemaRegistrations,
    ];
}
