using System;
using System.Linq;
using SourceGenSync.Testing;

namespace SourceGenSync.Generators.Tests;

/// <summary>
/// The generator stays silent about invalid classes (the analyzers report them) and emits nothing for them,
/// so a mistake never produces a cascade of errors in generated code.
/// </summary>
public sealed class InvalidModelTests
{
    private const string Valid = """
        [RealmObject]
        public partial class Good
        {
            [PrimaryKey] public partial int Id { get; set; }
        }
        """;

    private static GeneratorRun Run(string invalidClass) =>
        GeneratorRunner.Run(ModelShapes.Usings + "namespace Broken;\n\n" + invalidClass + "\n\n" + Valid);

    public static TheoryData<string, string> InvalidClasses => new()
    {
        { "not partial", "[RealmObject] public class Bad { [PrimaryKey] public int Id { get; set; } }" },
        { "property not partial", "[RealmObject] public partial class Bad { [PrimaryKey] public partial int Id { get; set; } public string Name { get; set; } = \"\"; }" },
        { "base class", "public class Base { } [RealmObject] public partial class Bad : Base { [PrimaryKey] public partial int Id { get; set; } }" },
        { "two primary keys", "[RealmObject] public partial class Bad { [PrimaryKey] public partial int Id { get; set; } [PrimaryKey] public partial int Other { get; set; } }" },
        { "concrete list", "[RealmObject] public partial class Bad { [PrimaryKey] public partial int Id { get; set; } public partial List<int> Items { get; } }" },
        { "non-nullable link", "[RealmObject] public partial class Bad { [PrimaryKey] public partial int Id { get; set; } public partial Bad Parent { get; set; } }" },
        { "two model attributes", "[RealmObject, EmbeddedObject] public partial class Bad { public partial int Value { get; set; } }" },
        { "reserved member name", "[RealmObject] public partial class Bad { [PrimaryKey] public partial int Id { get; set; } public int Schema => 1; }" },
    };

    [Theory]
    [MemberData(nameof(InvalidClasses))]
    public void Invalid_class_gets_no_generated_code_while_a_valid_neighbour_does(string mistake, string invalidClass)
    {
        var run = Run(invalidClass);

        Assert.DoesNotContain(run.Files, f => f.HintName.Contains("Bad", StringComparison.Ordinal));
        Assert.Contains(run.Files, f => f.HintName == "Broken.Good.g.cs");
        Assert.DoesNotContain("Bad", run.Files.Single(f => f.HintName == RealmGenerator.Emitter.ModuleInitializerHintName).Text, StringComparison.Ordinal);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, $"The generator reported diagnostics for '{mistake}'; the analyzers own them.");
    }

    [Fact]
    public void A_compilation_with_only_invalid_classes_gets_no_module_initializer()
    {
        var run = GeneratorRunner.Run(ModelShapes.Usings + "[RealmObject] public class Bad { public int Id { get; set; } }");

        Assert.Empty(run.Files);
    }

    [Fact]
    public void A_language_version_without_partial_properties_gets_no_generated_code()
    {
        var compilation = TestCompilation.Create([("Model.cs", ModelShapes.Usings + Valid)], Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp12);

        var run = GeneratorRunner.Run(compilation);

        Assert.Empty(run.Files);
    }

    [Fact]
    public void An_attribute_on_a_non_class_is_ignored_without_an_exception()
    {
        var run = GeneratorRunner.Run(ModelShapes.Usings + "[RealmObject] public partial struct NotAClass { }\n" + Valid);

        Assert.Equal(["Good.g.cs", RealmGenerator.Emitter.ModuleInitializerHintName], run.Files.Select(f => f.HintName).Order(StringComparer.Ordinal));
    }
}
