using System.Threading.Tasks;
using static SourceGenSync.Analyzers.Tests.AnalyzerTest;

namespace SourceGenSync.Analyzers.Tests;

/// <summary>Class-level diagnostics: shape of the model class (SGS0001, 0003, 0004, 0030–0034).</summary>
public sealed class ClassDiagnosticsTests
{
    [Fact]
    public Task SGS0001_is_reported_on_a_model_class_without_partial() => Verify("""
        [EmbeddedObject]
        public class {|SGS0001:Address|}
        {
        }
        """,
        Diagnostic("SGS0001", "Model class 'Address' must be partial: add the 'partial' modifier so the generator can implement its properties"));

    [Fact]
    public Task SGS0001_and_SGS0002_are_reported_on_a_Realm_style_class() => Verify("""
        [RealmObject]
        public class {|SGS0001:Item|}
        {
            [PrimaryKey] public ObjectId {|SGS0002:Id|} { get; set; }
        }
        """,
        Diagnostic("SGS0001", "Model class 'Item' must be partial: add the 'partial' modifier so the generator can implement its properties"),
        Diagnostic("SGS0002", "Property 'Item.Id' is not partial, so it would not be stored: declare it 'partial', or mark it [Ignored] to keep it out of the schema"));

    [Fact]
    public Task SGS0001_is_not_reported_on_a_partial_class_spread_over_two_declarations() => VerifyValid("""
        [EmbeddedObject]
        public partial class Address
        {
            public partial string Street { get; set; }
        }

        public partial class Address
        {
            public partial string City { get; set; }
        }
        """);

    [Fact]
    public Task SGS0003_is_reported_on_a_model_class_with_a_base_class() => Verify("""
        public class Entity
        {
        }

        [EmbeddedObject]
        public partial class {|SGS0003:Address|} : Entity
        {
        }
        """,
        Diagnostic("SGS0003", "Model class 'Address' derives from 'Entity': model classes cannot inherit; remove the base class (interfaces are fine)"));

    [Fact]
    public Task SGS0003_is_not_reported_for_an_implemented_interface() => VerifyValid("""
        [EmbeddedObject]
        public partial class Address : IDisposable
        {
            public void Dispose()
            {
            }
        }
        """);

    [Fact]
    public Task SGS0004_is_reported_when_the_containing_type_is_not_partial() => Verify("""
        public class Outer
        {
            [EmbeddedObject]
            public partial class {|SGS0004:Inner|}
            {
            }
        }
        """,
        Diagnostic("SGS0004", "Model class 'Inner' is nested in 'Outer', which is not partial: declare 'Outer' partial so the generated code can re-open it"));

    [Fact]
    public Task SGS0004_names_the_enclosing_type_that_is_not_partial() => Verify("""
        public partial class Outer
        {
            public class Middle
            {
                [EmbeddedObject]
                public partial class {|SGS0004:Inner|}
                {
                }
            }
        }
        """,
        Diagnostic("SGS0004", "Model class 'Inner' is nested in 'Middle', which is not partial: declare 'Middle' partial so the generated code can re-open it"));

    [Fact]
    public Task SGS0004_is_not_reported_when_every_enclosing_type_is_partial() => VerifyValid("""
        public partial class Outer
        {
            public partial class Middle
            {
                [EmbeddedObject]
                public partial class Inner
                {
                    public partial string Name { get; set; }
                }
            }
        }
        """);

    [Fact]
    public Task SGS0030_is_reported_on_a_class_with_two_model_attributes() => Verify("""
        [EmbeddedObject]
        [AsymmetricObject]
        public partial class {|SGS0030:Address|}
        {
        }
        """,
        Diagnostic("SGS0030", "Class 'Address' has more than one model attribute ([EmbeddedObject], [AsymmetricObject]): keep exactly one of [RealmObject], [EmbeddedObject] and [AsymmetricObject]"));

    [Fact]
    public Task SGS0030_is_not_reported_for_one_model_attribute_and_an_unrelated_attribute() => VerifyValid("""
        [EmbeddedObject]
        [Serializable]
        public partial class Address
        {
        }
        """);

    [Fact]
    public Task SGS0032_is_reported_when_only_constructors_with_parameters_exist() => Verify("""
        [EmbeddedObject]
        public partial class {|SGS0032:Address|}
        {
            public Address(string street) => Street = street;

            public partial string Street { get; set; }
        }
        """,
        Diagnostic("SGS0032", "Model class 'Address' has no parameterless constructor, so objects cannot be created when they are read: add one (it may be private)"));

    [Fact]
    public Task SGS0032_is_reported_for_a_primary_constructor() => Verify("""
        [EmbeddedObject]
        public partial class {|SGS0032:Address|}(string street)
        {
            public string Describe() => street;
        }
        """,
        Diagnostic("SGS0032", "Model class 'Address' has no parameterless constructor, so objects cannot be created when they are read: add one (it may be private)"));

    [Fact]
    public Task SGS0032_is_not_reported_when_a_private_parameterless_constructor_exists() => VerifyValid("""
        [EmbeddedObject]
        public partial class Address
        {
            public Address(string street) => Street = street;

            private Address()
            {
            }

            public partial string Street { get; set; }
        }
        """);

    [Fact]
    public Task SGS0033_is_reported_on_a_generic_model_class() => Verify("""
        [EmbeddedObject]
        public partial class {|SGS0033:Box|}<T>
        {
        }
        """,
        Diagnostic("SGS0033", "Model class 'Box' has type parameters: a model class maps to one stored type, so neither it nor its enclosing types can have type parameters; remove them"));

    [Fact]
    public Task SGS0033_is_reported_on_a_model_class_nested_in_a_generic_type() => Verify("""
        public partial class Outer<T>
        {
            [EmbeddedObject]
            public partial class {|SGS0033:Inner|}
            {
            }
        }
        """,
        Diagnostic("SGS0033", "Model class 'Inner' is nested in the generic type 'Outer': a model class maps to one stored type, so neither it nor its enclosing types can have type parameters; remove them"));

    [Fact]
    public Task SGS0033_is_not_reported_for_a_generic_method_in_a_model_class() => VerifyValid("""
        [EmbeddedObject]
        public partial class Address
        {
            public T Echo<T>(T value) => value;
        }
        """);

    [Fact]
    public Task SGS0034_is_reported_on_an_abstract_model_class() => Verify("""
        [EmbeddedObject]
        public abstract partial class {|SGS0034:Shape|}
        {
        }
        """,
        Diagnostic("SGS0034", "Model class 'Shape' is abstract, but objects are created when read: remove the 'abstract' modifier"));

    [Fact]
    public Task SGS0034_is_reported_on_a_static_model_class() => Verify("""
        [EmbeddedObject]
        public static partial class {|SGS0034:Settings|}
        {
        }
        """,
        Diagnostic("SGS0034", "Model class 'Settings' is static, but objects are created when read: remove the 'static' modifier"));

    [Fact]
    public Task SGS0034_is_not_reported_on_a_sealed_model_class() => VerifyValid("""
        [EmbeddedObject]
        public sealed partial class Address
        {
            public partial string Street { get; set; }
        }
        """);

    [Fact]
    public Task SGS0031_is_reported_on_a_member_with_a_reserved_name() => Verify("""
        [EmbeddedObject]
        public partial class Address
        {
            public int {|SGS0031:Schema|} => 1;
        }
        """,
        Diagnostic("SGS0031", "'Schema' in model class 'Address' clashes with a member of the generated code, which declares Fields, Schema, ObjectSchema, IsManaged, IsValid, PropertyChanged, Accessor, Ordinals and _accessor: rename it"));

    [Fact]
    public Task SGS0031_is_reported_on_a_nested_type_named_Fields() => Verify("""
        [EmbeddedObject]
        public partial class Address
        {
            public static class {|SGS0031:Fields|}
            {
            }
        }
        """,
        Diagnostic("SGS0031", "'Fields' in model class 'Address' clashes with a member of the generated code, which declares Fields, Schema, ObjectSchema, IsManaged, IsValid, PropertyChanged, Accessor, Ordinals and _accessor: rename it"));

    [Fact]
    public Task SGS0031_is_reported_on_a_field_named_like_a_generated_backing_field() => Verify("""
        [EmbeddedObject]
        public partial class Address
        {
            private string {|SGS0031:_street|} = "";

            public partial string Street { get; set; }

            public string Cached => _street;
        }
        """,
        Diagnostic("SGS0031", "'_street' in model class 'Address' clashes with a member of the generated code, which declares '_street' as the backing field of 'Street': rename it"));

    [Fact]
    public Task SGS0031_is_not_reported_for_names_that_only_resemble_reserved_ones() => VerifyValid("""
        [EmbeddedObject]
        public partial class Address
        {
            private string _streetCache = "";

            public partial string Street { get; set; }

            public string SchemaVersion => _streetCache;

            public int GetFields() => 0;
        }
        """);
}
