using SourceGenSync.Schema;
using static SourceGenSync.Generators.Tests.Behaviour.GeneratedAssembly;

namespace SourceGenSync.Generators.Tests.Behaviour;

/// <summary>What the generated static Schema says about each class, and that the module initializer registered it.</summary>
public sealed class SchemaTests
{
    private static Property PropertyOf(string type, string name)
    {
        Assert.True(SchemaOf(type).TryFindProperty(name, out var property), $"No property '{name}' in {type}.");
        return property;
    }

    [Fact]
    public void Schema_lists_stored_and_computed_properties_in_declaration_order()
    {
        var schema = SchemaOf("TaskItem");

        Assert.Equal("task", schema.Name);
        Assert.Equal(ObjectSchemaKind.TopLevel, schema.Kind);
        Assert.Equal(Type("TaskItem"), schema.Type);
        Assert.Equal(
            ["Id", "Title", "Priority", "Level", "Due", "Created", "Project", "Tags", "Counts", "Watchers", "Views", "Notes"],
            PropertyNames(schema));
    }

    [Fact]
    public void Primary_key_keeps_its_mapped_name()
    {
        var schema = SchemaOf("TaskItem");

        Assert.NotNull(schema.PrimaryKey);
        Assert.Equal("Id", schema.PrimaryKey.Name);
        Assert.Equal("_id", schema.PrimaryKey.MappedName);
        Assert.Equal(PropertyType.ObjectId, schema.PrimaryKey.Type);
    }

    [Fact]
    public void Scalar_metadata_describes_indexes_enums_counters_dates_and_nullability()
    {
        Assert.Equal(IndexType.FullText, PropertyOf("TaskItem", "Title").IndexType);
        Assert.False(PropertyOf("TaskItem", "Title").IsNullable);
        Assert.Equal("Behaviour.Level", PropertyOf("TaskItem", "Level").EnumType);
        Assert.Equal(PropertyType.Int, PropertyOf("TaskItem", "Level").Type);
        Assert.True(PropertyOf("TaskItem", "Views").IsCounter);
        Assert.Equal(DateTimeKindPolicy.ConvertToUtc, PropertyOf("TaskItem", "Created").DateTimeKindPolicy);
        Assert.True(PropertyOf("TaskItem", "Due").IsNullable);
        Assert.Equal(PropertyType.Date, PropertyOf("TaskItem", "Due").Type);
    }

    [Fact]
    public void Links_collections_and_backlinks_name_their_targets_by_stored_name()
    {
        var project = PropertyOf("TaskItem", "Project");
        var tags = PropertyOf("TaskItem", "Tags");
        var notes = PropertyOf("TaskItem", "Notes");
        var noteTask = PropertyOf("Note", "Task");

        Assert.Equal((PropertyType.Object, "Project", true), (project.Type, project.ObjectType, project.IsNullable));
        Assert.Equal((PropertyType.String, CollectionKind.List), (tags.Type, tags.Collection));
        Assert.Equal(CollectionKind.Dictionary, PropertyOf("TaskItem", "Counts").Collection);
        Assert.Equal(CollectionKind.Set, PropertyOf("TaskItem", "Watchers").Collection);
        Assert.Equal((PropertyType.LinkingObjects, "Note", "Task"), (notes.Type, notes.ObjectType, notes.LinkOriginProperty));
        Assert.True(notes.IsComputed);
        Assert.Equal("task", noteTask.ObjectType);
    }

    [Fact]
    public void Ordinals_are_schema_positions()
    {
        Assert.Equal(1, PropertyOf("TaskItem", "Title").Index);
        Assert.Equal(11, PropertyOf("TaskItem", "Notes").Index);
    }

    [Theory]
    [InlineData("TaskItem")]
    [InlineData("Project")]
    [InlineData("Note")]
    public void Module_initializer_registered_the_class_schema(string type)
    {
        Assert.True(SchemaRegistry.TryGet(Type(type), out var registered));
        Assert.Same(SchemaOf(type), registered);
    }

    [Fact]
    public void Schema_factory_creates_unmanaged_instances_of_the_class()
    {
        var created = SchemaOf("Project").CreateInstance();

        Assert.IsType(Type("Project"), created);
        Assert.Same(SchemaOf("Project"), created.ObjectSchema);
        Assert.False(created.IsManaged);
    }
}
