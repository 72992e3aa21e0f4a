using System;
using SourceGenSync.Schema;

namespace SourceGenSync.Runtime.Tests.Schemas;

public sealed class ObjectSchemaTests
{
    private static readonly Func<IRealmObjectBase> NoFactory = static () => throw new NotSupportedException();

    [Fact]
    public void Properties_get_their_position_as_index_and_the_primary_key_is_found()
    {
        var schema = new ObjectSchema("Item", ObjectSchemaKind.TopLevel, typeof(object), NoFactory,
        [
            new Property("Id", PropertyType.ObjectId) { MappedName = "_id", IsPrimaryKey = true, Index = 99 },
            new Property("Title", PropertyType.String),
        ]);

        Assert.Equal([0, 1], [schema.Properties[0].Index, schema.Properties[1].Index]);
        Assert.Equal("Id", schema.PrimaryKey?.Name);
        Assert.Equal("TopLevel Item (2 properties)", schema.ToString());
    }

    [Fact]
    public void TryFindProperty_finds_by_CSharp_name_and_by_mapped_name()
    {
        var schema = new ObjectSchema("Item", ObjectSchemaKind.TopLevel, typeof(object), NoFactory,
            [new Property("Id", PropertyType.ObjectId) { MappedName = "_id" }]);

        Assert.True(schema.TryFindProperty("Id", out var byName));
        Assert.True(schema.TryFindProperty("_id", out var byMapped));
        Assert.Same(byName, byMapped);
        Assert.False(schema.TryFindProperty("id", out _));
        Assert.Null(schema.PrimaryKey);
    }

    [Fact]
    public void Two_properties_with_the_same_name_throw()
    {
        var error = Assert.Throws<ArgumentException>(() => new ObjectSchema("Item", ObjectSchemaKind.TopLevel, typeof(object), NoFactory,
            [new Property("A", PropertyType.Int), new Property("A", PropertyType.String) { MappedName = "b" }]));

        Assert.Contains("'A'", error.Message, StringComparison.Ordinal);
        Assert.Contains("twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_properties_with_the_same_mapped_name_throw()
    {
        Assert.Throws<ArgumentException>(() => new ObjectSchema("Item", ObjectSchemaKind.TopLevel, typeof(object), NoFactory,
            [new Property("A", PropertyType.Int) { MappedName = "x" }, new Property("B", PropertyType.Int) { MappedName = "x" }]));
    }

    [Fact]
    public void Two_primary_keys_throw_naming_both()
    {
        var error = Assert.Throws<ArgumentException>(() => new ObjectSchema("Item", ObjectSchemaKind.TopLevel, typeof(object), NoFactory,
            [new Property("A", PropertyType.Int) { IsPrimaryKey = true }, new Property("B", PropertyType.String) { IsPrimaryKey = true }]));

        Assert.Contains("two primary keys", error.Message, StringComparison.Ordinal);
        Assert.Contains("'A'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'B'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_name_type_factory_or_properties_throw()
    {
        Assert.Throws<ArgumentException>(() => new ObjectSchema("", ObjectSchemaKind.TopLevel, typeof(object), NoFactory, []));
        Assert.Throws<ArgumentNullException>(() => new ObjectSchema("X", ObjectSchemaKind.TopLevel, null!, NoFactory, []));
        Assert.Throws<ArgumentNullException>(() => new ObjectSchema("X", ObjectSchemaKind.TopLevel, typeof(object), null!, []));
        Assert.Throws<ArgumentNullException>(() => new ObjectSchema("X", ObjectSchemaKind.TopLevel, typeof(object), NoFactory, null!));
    }

    [Fact]
    public void A_property_maps_to_its_own_name_by_default_and_backlinks_are_computed()
    {
        var plain = new Property("Title", PropertyType.String);
        var backlink = new Property("Comments", PropertyType.LinkingObjects) { ObjectType = "Comment", LinkOriginProperty = "item" };

        Assert.Equal("Title", plain.MappedName);
        Assert.False(plain.IsComputed);
        Assert.True(backlink.IsComputed);
    }
}
