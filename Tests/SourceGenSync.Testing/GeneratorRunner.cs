using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SourceGenSync.Generators;

namespace SourceGenSync.Testing;

/// <summary>One file the generator added.</summary>
public sealed record GeneratedFile(string HintName, string Text);

/// <summary>The result of running the generator once: what it produced and what the compiler says about it.</summary>
public sealed class GeneratorRun
{
    internal GeneratorRun(GeneratorDriver driver, Compilation input, Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics)
    {
        Driver = driver;
        InputCompilation = input;
        OutputCompilation = output;
        GeneratorDiagnostics = generatorDiagnostics;
        Result = driver.GetRunResult().Results.Single();
    }

    /// <summary>The driver after this run; run it again to observe incremental caching.</summary>
    public GeneratorDriver Driver { get; }

    public Compilation InputCompilation { get; }

    /// <summary>The input compilation with the generated sources added.</summary>
    public Compilation OutputCompilation { get; }

    /// <summary>Diagnostics the generator itself reported (it reports none: the analyzers do).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    /// <summary>The run of <see cref="RealmGenerator"/>, with its tracked incremental steps.</summary>
    public GeneratorRunResult Result { get; }

    /// <summary>Generated files in the order the generator added them.</summary>
    public ImmutableArray<GeneratedFile> Files =>
        Result.GeneratedSources.Select(s => new GeneratedFile(s.HintName, s.SourceText.ToString())).ToImmutableArray();

    /// <summary>Warnings and errors of the output compilation (user sources and generated code together).</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics => TestCompilation.BuildDiagnostics(OutputCompilation);

    /// <summary>Runs the same driver on another compilation (an edit, or a clone) and returns that run.</summary>
    public GeneratorRun RunAgain(Compilation compilation) => GeneratorRunner.Run(Driver, compilation);

    /// <summary>
    /// All generated files as one text, sorted by hint name, each under a <c>//----- hint name -----</c> line
    /// (for golden files: independent of the order in which the pipeline produced them).
    /// </summary>
    public string FilesAsText() =>
        string.Join("\n", Files.OrderBy(f => f.HintName, StringComparer.Ordinal).Select(f => $"//----- {f.HintName} -----\n{f.Text}"));
}

/// <summary>Runs <see cref="RealmGenerator"/> the way the compiler does, with step tracking on.</summary>
public static class GeneratorRunner
{
    public static GeneratorRun Run(params string[] sources) => Run(TestCompilation.Create(sources));

    public static GeneratorRun Run(Compilation compilation)
    {
        var parseOptions = compilation.SyntaxTrees.FirstOrDefault()?.Options as CSharpParseOptions ?? TestCompilation.ParseOptions();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new RealmGenerator().AsSourceGenerator()],
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return Run(driver, compilation);
    }

    internal static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var run = new GeneratorRun(driver, compilation, output, diagnostics);
        if (run.Result.Exception is { } exception)
        {
            throw new InvalidOperationException($"The generator threw: {exception}", exception);
        }

        return run;
    }
}
