using System;
using System.Linq;
using SourceGenSync.Runtime.Tests.Models;
using SourceGenSync.Schema;

namespace SourceGenSync.Runtime.Tests.Generated;

public sealed class SchemaContentTests
{
    [Fact]
    public void TodoItem_schema_lists_persisted_properties_in_declaration_order_with_mapped_names()
    {
        var schema = TodoItem.Schema;

        Assert.Equal("TodoItem", schema.Name);
        Assert.Equal(ObjectSchemaKind.TopLevel, schema.Kind);
        Assert.Equal(typeof(TodoItem), schema.Type);
        Assert.Equal(
            ["Id", "Title", "OwnerId", "Priority", "IsDone", "DueAt", "Project", "Tags", "Counts", "Views", "Comments"],
            schema.Properties.Select(static p => p.Name));
        Assert.Equal(
            ["_id", "title", "ownerId", "priority", "isDone", "dueAt", "project", "tags", "counts", "views", "Comments"],
            schema.Properties.Select(static p => p.MappedName));
        Assert.Equal(Enumerable.Range(0, schema.Properties.Count), schema.Properties.Select(static p => p.Index));
    }

    [Fact]
    public void TodoItem_schema_has_types_nullability_key_index_link_counter_and_backlink()
    {
        var schema = TodoItem.Schema;

        Assert.Equal("Id", schema.PrimaryKey?.Name);
        Assert.Equal(PropertyType.ObjectId, schema.PrimaryKey?.Type);
        Assert.Equal(IndexType.General, Find(schema, "OwnerId").IndexType);
        Assert.Equal(IndexType.None, Find(schema, "Title").IndexType);
        Assert.False(Find(schema, "Title").IsNullable);
        Assert.Equal((PropertyType.Date, true), (Find(schema, "DueAt").Type, Find(schema, "DueAt").IsNullable));
        Assert.Equal((PropertyType.Int, false), (Find(schema, "Priority").Type, Find(schema, "Priority").IsNullable));

        var project = Find(schema, "Project");
        Assert.Equal((PropertyType.Object, CollectionKind.None, true, "project_v2"), (project.Type, project.Collection, project.IsNullable, project.ObjectType));

        var tags = Find(schema, "Tags");
        Assert.Equal((PropertyType.String, CollectionKind.List, false), (tags.Type, tags.Collection, tags.IsNullable));
        Assert.Equal((PropertyType.Int, CollectionKind.Dictionary), (Find(schema, "Counts").Type, Find(schema, "Counts").Collection));

        var views = Find(schema, "Views");
        Assert.True(views.IsCounter);
        Assert.Equal(PropertyType.Int, views.Type);

        var comments = Find(schema, "Comments");
        Assert.Equal((PropertyType.LinkingObjects, "Comment", "item"), (comments.Type, comments.ObjectType, comments.LinkOriginProperty));
        Assert.True(comments.IsComputed);
        Assert.False(views.IsComputed);
    }

    [Fact]
    public void MapTo_on_a_class_renames_it_and_links_point_at_the_stored_name()
    {
        Assert.Equal("project_v2", Project.Schema.Name);
        Assert.True(SchemaRegistry.TryGet(typeof(Project), out var registered));
        Assert.Same(Project.Schema, registered);
        Assert.Equal("project", Find(Project.Schema, "Todos").LinkOriginProperty);
        Assert.Equal("TodoItem", Find(Project.Schema, "Todos").ObjectType);
    }

    [Fact]
    public void Project_schema_describes_embedded_links_object_collections_and_full_text()
    {
        var schema = Project.Schema;

        Assert.Equal((PropertyType.Guid, "Id"), (schema.PrimaryKey!.Type, schema.PrimaryKey.Name));
        Assert.Equal(IndexType.FullText, Find(schema, "Description").IndexType);
        Assert.Equal((PropertyType.Object, "Address", true), (Find(schema, "Office").Type, Find(schema, "Office").ObjectType, Find(schema, "Office").IsNullable));
        Assert.Equal((CollectionKind.List, "TodoItem", false), Shape(Find(schema, "Items")));
        Assert.Equal((CollectionKind.Set, "TodoItem", false), Shape(Find(schema, "Starred")));
        Assert.Equal((CollectionKind.Dictionary, "TodoItem", true), Shape(Find(schema, "ByKey")));
        Assert.Equal((CollectionKind.List, "Address", false), Shape(Find(schema, "Branches")));
    }

    [Fact]
    public void Kinds_and_primary_keys_of_embedded_asymmetric_and_long_keyed_classes()
    {
        Assert.Equal(ObjectSchemaKind.Embedded, Address.Schema.Kind);
        Assert.Null(Address.Schema.PrimaryKey);
        Assert.True(Find(Address.Schema, "City").IsNullable);
        Assert.False(Find(Address.Schema, "Street").IsNullable);
        Assert.Equal(ObjectSchemaKind.Asymmetric, AuditEvent.Schema.Kind);
        Assert.Equal("_id", AuditEvent.Schema.PrimaryKey?.MappedName);
        Assert.Equal(PropertyType.Int, Comment.Schema.PrimaryKey?.Type);
    }

    [Theory]
    [InlineData("Flag", PropertyType.Bool, false)]
    [InlineData("Byte", PropertyType.Int, false)]
    [InlineData("Short", PropertyType.Int, false)]
    [InlineData("Long", PropertyType.Int, false)]
    [InlineData("Float", PropertyType.Float, false)]
    [InlineData("Double", PropertyType.Double, false)]
    [InlineData("Decimal", PropertyType.Decimal, false)]
    [InlineData("Text", PropertyType.String, false)]
    [InlineData("OptionalText", PropertyType.String, true)]
    [InlineData("Data", PropertyType.Data, false)]
    [InlineData("OptionalData", PropertyType.Data, true)]
    [InlineData("Date", PropertyType.Date, false)]
    [InlineData("Timestamp", PropertyType.DateTime, false)]
    [InlineData("Guid", PropertyType.Guid, false)]
    [InlineData("ObjectId", PropertyType.ObjectId, false)]
    [InlineData("Mixed", PropertyType.RealmValue, true)]
    [InlineData("OptionalFlag", PropertyType.Bool, true)]
    [InlineData("OptionalInt", PropertyType.Int, true)]
    [InlineData("OptionalDecimal", PropertyType.Decimal, true)]
    [InlineData("OptionalGuid", PropertyType.Guid, true)]
    [InlineData("OptionalObjectId", PropertyType.ObjectId, true)]
    public void Each_scalar_type_maps_to_its_stored_type_and_nullability(string name, PropertyType type, bool nullable)
    {
        var property = Find(AllTypes.Schema, name);

        Assert.Equal((type, nullable, CollectionKind.None), (property.Type, property.IsNullable, property.Collection));
    }

    [Fact]
    public void Enums_are_stored_as_integers_and_name_their_type()
    {
        var color = Find(AllTypes.Schema, "Color");
        var optional = Find(AllTypes.Schema, "OptionalColor");

        Assert.Equal((PropertyType.Int, typeof(Color).FullName), (color.Type, color.EnumType));
        Assert.True(optional.IsNullable);
        Assert.Equal(typeof(Color).FullName, optional.EnumType);
    }

    [Fact]
    public void DateTime_properties_carry_the_policy_in_force()
    {
        Assert.Equal(DateTimeKindPolicy.PreserveKind, Find(AllTypes.Schema, "Timestamp").DateTimeKindPolicy);
    }

    [Fact]
    public void Primitive_collections_record_kind_element_type_and_element_nullability()
    {
        Assert.Equal((PropertyType.Int, CollectionKind.List, false), Elements(Find(AllTypes.Schema, "Numbers")));
        Assert.Equal((PropertyType.String, CollectionKind.List, true), Elements(Find(AllTypes.Schema, "MaybeStrings")));
        Assert.Equal((PropertyType.Guid, CollectionKind.Set, false), Elements(Find(AllTypes.Schema, "Guids")));
        Assert.Equal((PropertyType.Double, CollectionKind.Dictionary, false), Elements(Find(AllTypes.Schema, "Scores")));
        Assert.Equal((PropertyType.RealmValue, CollectionKind.Dictionary, true), Elements(Find(AllTypes.Schema, "Attributes")));
    }

    [Fact]
    public void The_module_initializer_registered_every_model_of_the_assembly()
    {
        Type[] models = [typeof(TodoItem), typeof(Project), typeof(Comment), typeof(Address), typeof(AuditEvent), typeof(AllTypes)];

        foreach (var type in models)
        {
            Assert.True(SchemaRegistry.TryGet(type, out var schema), $"{type.Name} is not registered");
            Assert.Same(type, schema.Type);
        }

        Assert.Same(TodoItem.Schema, SchemaRegistry.Get<TodoItem>());
        var all = SchemaRegistry.All;
        Assert.All(models, type => Assert.Single(all, schema => schema.Type == type));
    }

    private static Property Find(ObjectSchema schema, string name) =>
        schema.TryFindProperty(name, out var property) ? property : throw new InvalidOperationException($"{schema.Name} has no property {name}");

    private static (CollectionKind, string?, bool) Shape(Property property) => (property.Collection, property.ObjectType, property.IsNullable);

    private static (PropertyType, CollectionKind, bool) Elements(Property property) => (property.Type, property.Collection, property.IsNullable);
}
