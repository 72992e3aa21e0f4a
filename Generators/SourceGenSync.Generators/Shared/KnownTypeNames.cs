namespace SourceGenSync.Generators;

/// <summary>
/// Metadata names of the runtime types the generator and analyzers look for. A test checks each one against
/// <c>typeof(...).FullName</c>, so a rename in the runtime cannot silently turn the generator off.
/// </summary>
internal static class KnownTypeNames
{
    public const string RealmObjectAttribute = "SourceGenSync.RealmObjectAttribute";
    public const string EmbeddedObjectAttribute = "SourceGenSync.EmbeddedObjectAttribute";
    public const string AsymmetricObjectAttribute = "SourceGenSync.AsymmetricObjectAttribute";
    public const string PrimaryKeyAttribute = "SourceGenSync.PrimaryKeyAttribute";
    public const string IndexedAttribute = "SourceGenSync.IndexedAttribute";
    public const string MapToAttribute = "SourceGenSync.MapToAttribute";
    public const string IgnoredAttribute = "SourceGenSync.IgnoredAttribute";
    public const string BacklinkAttribute = "SourceGenSync.BacklinkAttribute";
    public const string RequiredAttribute = "SourceGenSync.RequiredAttribute";
    public const string DateTimeKindPolicyAttribute = "SourceGenSync.DateTimeKindPolicyAttribute";
    public const string ObjectId = "SourceGenSync.ObjectId";
    public const string RealmValue = "SourceGenSync.RealmValue";
    public const string RealmInteger = "SourceGenSync.RealmInteger`1";
    public const string IRealmObjectBase = "SourceGenSync.IRealmObjectBase";
}
