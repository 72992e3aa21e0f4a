using SourceGenSync.Testing;

namespace SourceGenSync.Generators.Tests.GoldenFiles;

/// <summary>
/// One golden file per model shape (<c>{Shape}.verified.cs</c> beside this file): the generated code is
/// reviewed in diffs like any other code, and every output must compile without a single diagnostic.
/// </summary>
public sealed class ModelShapeGoldenTests
{
    [Theory]
    [MemberData(nameof(ModelShapes.Names), MemberType = typeof(ModelShapes))]
    public void Generated_code_matches_the_golden_file(string shape)
    {
        var run = GeneratorRunner.Run(TestCompilation.Create(ModelShapes.Files(shape)));

        Snapshot.Verify(run.FilesAsText(), shape);
    }

    [Theory]
    [MemberData(nameof(ModelShapes.Names), MemberType = typeof(ModelShapes))]
    public void Generated_code_compiles_without_errors_or_warnings(string shape)
    {
        var run = GeneratorRunner.Run(TestCompilation.Create(ModelShapes.Files(shape)));

        DiagnosticAssert.None(run.GeneratorDiagnostics, "generator");
        Assert.NotEmpty(run.Files);
        DiagnosticAssert.None(run.CompilationDiagnostics);
    }
}
