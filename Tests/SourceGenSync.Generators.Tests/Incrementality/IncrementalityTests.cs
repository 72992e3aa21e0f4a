using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using SourceGenSync.Testing;

namespace SourceGenSync.Generators.Tests.Incrementality;

/// <summary>
/// The generator must do no work when nothing it depends on changed: every named step Cached or Unchanged and
/// no source output re-emitted, and its cached values must hold no symbols or syntax.
/// </summary>
public sealed class IncrementalityTests
{
    private const string UnrelatedFile = """
        namespace Shapes.Other;

        public static class Helper
        {
            public static int Twice(int value) => value * 2;
        }
        """;

    private static Compilation CompilationOf(string shape, bool withUnrelatedFile = false)
    {
        var files = ModelShapes.Files(shape);
        if (withUnrelatedFile)
        {
            files = files.Append(("Unrelated.cs", UnrelatedFile));
        }

        return TestCompilation.Create(files);
    }

    [Theory]
    [MemberData(nameof(ModelShapes.Names), MemberType = typeof(ModelShapes))]
    public void Running_again_on_a_cloned_compilation_recomputes_nothing(string shape)
    {
        var compilation = CompilationOf(shape);
        var first = GeneratorRunner.Run(compilation);

        var second = first.RunAgain(compilation.Clone());

        Assert.NotEmpty(StepInspection.Reasons(second, TrackingNames.All));
        StepInspection.AssertNothingRecomputed(second);
        Assert.Equal(first.FilesAsText(), second.FilesAsText());
    }

    [Theory]
    [MemberData(nameof(ModelShapes.Names), MemberType = typeof(ModelShapes))]
    public void Cached_step_values_hold_no_symbols_syntax_or_compilations(string shape)
    {
        var run = GeneratorRunner.Run(CompilationOf(shape));

        var values = StepInspection.CachedValues(run).ToList();

        Assert.Contains(values, v => v is Model.ModelClassSpec);
        Assert.DoesNotContain(values, StepInspection.IsForbidden);
    }

    [Fact]
    public void The_value_walk_would_catch_a_symbol_if_one_were_cached()
    {
        var compilation = CompilationOf(nameof(ModelShapes.Primitives));
        var symbol = compilation.GetTypeByMetadataName("Shapes.AllTypes");

        Assert.NotNull(symbol);
        Assert.True(StepInspection.IsForbidden(symbol));
        Assert.True(StepInspection.IsForbidden(compilation.SyntaxTrees.First().GetRoot()));
    }

    [Fact]
    public void Every_named_step_is_tracked_when_all_three_model_kinds_are_present()
    {
        var run = GeneratorRunner.Run(CompilationOf(nameof(ModelShapes.SeveralClasses)));

        Assert.All(TrackingNames.All, name => Assert.True(run.Result.TrackedSteps.ContainsKey(name), $"Step '{name}' was not tracked."));
    }

    [Fact]
    public void Editing_an_unrelated_file_does_not_rerun_the_emitter()
    {
        var compilation = CompilationOf(nameof(ModelShapes.Collections), withUnrelatedFile: true);
        var first = GeneratorRunner.Run(compilation);

        var edited = StepInspection.ReplaceFile(compilation, "Unrelated.cs", text => text.Replace("value * 2", "value + value", StringComparison.Ordinal));
        var second = first.RunAgain(edited);

        StepInspection.AssertNothingRecomputed(second);
    }

    [Fact]
    public void Adding_an_unrelated_file_does_not_rerun_the_emitter()
    {
        var compilation = CompilationOf(nameof(ModelShapes.Backlinks));
        var first = GeneratorRunner.Run(compilation);

        var second = first.RunAgain(compilation.AddSyntaxTrees(
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(UnrelatedFile, TestCompilation.ParseOptions(), "Added.cs")));

        StepInspection.AssertNothingRecomputed(second);
    }

    [Fact]
    public void Editing_a_method_body_in_the_model_file_does_not_rerun_the_emitter()
    {
        var compilation = CompilationOf(nameof(ModelShapes.PartialAcrossFiles));
        var first = GeneratorRunner.Run(compilation);

        var edited = StepInspection.ReplaceFile(compilation, "PartialAcrossFiles1.cs", text => text.Replace("Total * (1 + rate)", "Total + (Total * rate)", StringComparison.Ordinal));
        var second = first.RunAgain(edited);

        StepInspection.AssertNothingRecomputed(second);
    }

    [Fact]
    public void Editing_a_method_body_in_the_file_with_the_attribute_does_not_rerun_the_emitter()
    {
        var compilation = CompilationOf(nameof(ModelShapes.Ignored));
        var first = GeneratorRunner.Run(compilation);

        var edited = StepInspection.ReplaceFile(compilation, "Ignored0.cs", text => text.Replace("Body.Length == 0", "string.IsNullOrEmpty(Body)", StringComparison.Ordinal));
        var second = first.RunAgain(edited);

        // The edited class is parsed again (its syntax changed) but yields an equal spec: nothing is re-emitted.
        Assert.Contains(StepInspection.Reasons(second, [TrackingNames.RealmObjectSpecs]), r => r.Reason == IncrementalStepRunReason.Unchanged);
        StepInspection.AssertNothingRecomputed(second);
    }

    [Fact]
    public void Adding_a_property_re_emits_only_that_class_and_keeps_the_registrations_cached()
    {
        var compilation = CompilationOf(nameof(ModelShapes.SeveralClasses));
        var first = GeneratorRunner.Run(compilation);

        var edited = StepInspection.ReplaceFile(compilation, "SeveralClasses1.cs", text => text.Replace(
            "public partial string Name { get; set; }", "public partial string Name { get; set; }\n    public partial int Age { get; set; }", StringComparison.Ordinal));
        var second = first.RunAgain(edited);

        Assert.Single(StepInspection.OutputReasons(second), r => r == IncrementalStepRunReason.Modified);
        Assert.All(
            StepInspection.Reasons(second, [TrackingNames.SchemaRegistrations]),
            r => Assert.Equal(IncrementalStepRunReason.Unchanged, r.Reason));
        Assert.Contains("Age", second.Files.Single(f => f.HintName == "Zoo.Keeper.g.cs").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_a_model_class_changes_the_module_initializer()
    {
        var compilation = CompilationOf(nameof(ModelShapes.GlobalNamespace));
        var first = GeneratorRunner.Run(compilation);

        var second = first.RunAgain(compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(
            ModelShapes.Usings + "[RealmObject] public partial class Another { [PrimaryKey] public partial int Id { get; set; } }",
            TestCompilation.ParseOptions(),
            "Another.cs")));

        Assert.Contains(StepInspection.Reasons(second, [TrackingNames.SchemaRegistrations]), r => r.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("global::Another.Schema", second.Files.Single(f => f.HintName == RealmGenerator.Emitter.ModuleInitializerHintName).Text, StringComparison.Ordinal);
    }
}
