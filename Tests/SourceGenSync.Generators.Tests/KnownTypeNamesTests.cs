using System;

namespace SourceGenSync.Generators.Tests;

/// <summary>A renamed runtime type must break a test, not silently switch the generator off.</summary>
public sealed class KnownTypeNamesTests
{
    public static TheoryData<string, Type> Names => new()
    {
        { KnownTypeNames.RealmObjectAttribute, typeof(RealmObjectAttribute) },
        { KnownTypeNames.EmbeddedObjectAttribute, typeof(EmbeddedObjectAttribute) },
        { KnownTypeNames.AsymmetricObjectAttribute, typeof(AsymmetricObjectAttribute) },
        { KnownTypeNames.PrimaryKeyAttribute, typeof(PrimaryKeyAttribute) },
        { KnownTypeNames.IndexedAttribute, typeof(IndexedAttribute) },
        { KnownTypeNames.MapToAttribute, typeof(MapToAttribute) },
        { KnownTypeNames.IgnoredAttribute, typeof(IgnoredAttribute) },
        { KnownTypeNames.BacklinkAttribute, typeof(BacklinkAttribute) },
        { KnownTypeNames.RequiredAttribute, typeof(RequiredAttribute) },
        { KnownTypeNames.DateTimeKindPolicyAttribute, typeof(DateTimeKindPolicyAttribute) },
        { KnownTypeNames.ObjectId, typeof(ObjectId) },
        { KnownTypeNames.RealmValue, typeof(RealmValue) },
        { KnownTypeNames.RealmInteger, typeof(RealmInteger<>) },
        { KnownTypeNames.IRealmObjectBase, typeof(IRealmObjectBase) },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Known_type_name_matches_the_runtime_type(string knownName, Type runtimeType)
    {
        Assert.Equal(runtimeType.FullName, knownName);
    }

    [Fact]
    public void Every_known_type_name_is_covered_by_a_test()
    {
        var constants = typeof(KnownTypeNames).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static);

        Assert.Equal(constants.Length, Names.Count);
    }
}
