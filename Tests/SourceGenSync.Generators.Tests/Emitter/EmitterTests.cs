using System;
using SourceGenSync.Generators.Model;
using static SourceGenSync.Generators.Tests.Emitter.Specs;

namespace SourceGenSync.Generators.Tests.Emitter;

/// <summary>Emitter decisions checked on hand-built specs (the golden files cover whole classes).</summary>
public sealed class EmitterTests
{
    private static string Emit(ModelClassSpec spec) => RealmGenerator.Emitter.EmitModel(spec);

    [Theory]
    [InlineData("List", "global::System.Collections.Generic.IList<string?>", "string?")]
    [InlineData("Set", "global::System.Collections.Generic.ISet<global::System.Guid>", "global::System.Guid")]
    [InlineData("Dictionary", "global::System.Collections.Generic.IDictionary<string, global::N.Outer<int, string>.Item?>", "global::N.Outer<int, string>.Item?")]
    [InlineData("List", "global::System.Collections.Generic.IList<int?>", "int?")]
    public void Element_type_is_read_from_the_declared_type_with_its_nullability(string collection, string declared, string expected)
    {
        var property = Property("Items", declaredType: declared, collection: Enum.Parse<CollectionType>(collection));

        Assert.Equal(expected, RealmGenerator.Emitter.ElementType(property));
    }

    [Fact]
    public void Element_type_of_a_backlink_is_the_queryable_element()
    {
        var property = Property("Comments", StorageType.LinkingObjects, "global::System.Linq.IQueryable<global::N.Comment>", "global::N.Comment", target: "global::N.Comment");

        Assert.Equal("global::N.Comment", RealmGenerator.Emitter.ElementType(property));
    }

    [Fact]
    public void Properties_whose_camel_case_names_coincide_get_distinct_backing_fields()
    {
        var text = Emit(Class("Item", Property("Title"), Property("title", mappedName: "title2")));

        Assert.Contains("private string _title = \"\";", text, StringComparison.Ordinal);
        Assert.Contains("private string _title_1 = \"\";", text, StringComparison.Ordinal);
        Assert.Contains("return _title_1;", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Keyword_names_are_escaped_everywhere_they_are_used_as_identifiers()
    {
        var text = Emit(Class("@event", Property("class")));

        Assert.Contains("partial class @event :", text, StringComparison.Ordinal);
        Assert.Contains("public partial string @class", text, StringComparison.Ordinal);
        Assert.Contains("public const int @class = 0;", text, StringComparison.Ordinal);
        Assert.Contains("nameof(@class)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Stored_names_are_emitted_as_escaped_string_literals_and_escaped_xml()
    {
        var text = Emit(Class("Item", Property("Title", mappedName: "ti\"t<le>\\")));

        Assert.Contains("MappedName = \"ti\\\"t<le>\\\\\"", text, StringComparison.Ordinal);
        Assert.Contains("base.Path.Append(\"ti\\\"t<le>\\\\\")", text, StringComparison.Ordinal);
        Assert.Contains("<c>ti\"t&lt;le&gt;\\</c>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignored_properties_get_a_plain_field_and_no_ordinal_or_schema_entry()
    {
        var text = Emit(Class("Item", Property("Title"), Property("Cache", isIgnored: true, declaredType: "string?", isNullable: true)));

        Assert.Contains("get => _cache;", text, StringComparison.Ordinal);
        Assert.Contains("set => _cache = value;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ordinals.Cache", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Property(\"Cache\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinals_skip_ignored_properties()
    {
        var text = Emit(Class("Item", Property("A"), Property("Skipped", isIgnored: true), Property("B")));

        Assert.Contains("public const int A = 0;", text, StringComparison.Ordinal);
        Assert.Contains("public const int B = 1;", text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_extension_class_is_emitted_for_a_class_that_cannot_be_named_from_outside()
    {
        var hidden = Class("Models", "Item", string.Empty, [new ContainingTypeInfo("class", "Outer", false)], Property("Title"));
        var generic = Class("Models", "Item", "public", [new ContainingTypeInfo("class", "Outer<T>", false)], Property("Title"));

        Assert.DoesNotContain("QueryExtensions", Emit(hidden), StringComparison.Ordinal);
        Assert.DoesNotContain("QueryExtensions", Emit(generic), StringComparison.Ordinal);
        Assert.False(RealmGenerator.Emitter.CanBeNamedFromOutside(hidden));
        Assert.False(RealmGenerator.Emitter.CanBeNamedFromOutside(generic));
    }

    [Fact]
    public void Extension_class_takes_the_accessibility_the_parser_chose()
    {
        var text = Emit(Class("Models", "Item", "internal", [], Property("Title")));

        Assert.Contains("internal static class Models_ItemQueryExtensions", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Todo.App", "Item", "Todo_App_ItemQueryExtensions")]
    [InlineData("", "Item", "ItemQueryExtensions")]
    public void Extension_class_name_flattens_namespace_and_containing_types(string ns, string name, string expected)
    {
        var text = Emit(Class(ns, name, "public", [], Property("Title")));

        Assert.Contains($"public static class {expected}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Containing_types_are_reopened_with_their_keywords_and_static_modifier()
    {
        var text = Emit(Class("Models", "Item", "public", [new ContainingTypeInfo("record struct", "Outer", false), new ContainingTypeInfo("class", "Holder", true)], Property("Title")));

        Assert.Contains("    partial record struct Outer\n", text, StringComparison.Ordinal);
        Assert.Contains("        static partial class Holder\n", text, StringComparison.Ordinal);
        Assert.Contains("            partial class Item : global::SourceGenSync.IRealmObject\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Global_namespace_models_are_emitted_without_a_namespace_block()
    {
        var text = Emit(Class(string.Empty, "Item", "public", [], Property("Title")));

        Assert.DoesNotContain("namespace", text, StringComparison.Ordinal);
        Assert.StartsWith("// <auto-generated/>\n#nullable enable\n\npartial class Item", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Module_initializer_registers_each_given_schema_once_in_order()
    {
        var text = RealmGenerator.Emitter.EmitModuleInitializer(new EquatableArray<string>(new[] { "global::A.X", "global::B.Y" }));

        Assert.Contains(
            "        global::SourceGenSync.Schema.SchemaRegistry.Register(global::A.X.Schema);\n        global::SourceGenSync.Schema.SchemaRegistry.Register(global::B.Y.Schema);\n",
            text,
            StringComparison.Ordinal);
        Assert.Contains("file static class", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Oblivious_reference_properties_are_implemented_under_nullable_disable()
    {
        var text = Emit(Class("Item", Property("Name", isNullable: true)));

        Assert.Contains("#nullable disable\n        public partial string Name", text, StringComparison.Ordinal);
        Assert.Contains("}\n        #nullable restore\n", text, StringComparison.Ordinal);
        Assert.Contains("private string? _name;", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_without_counters_does_not_implement_ICounterOwner()
    {
        var text = Emit(Class("Item", Property("Title")));

        Assert.DoesNotContain("ICounterOwner", text, StringComparison.Ordinal);
    }
}
