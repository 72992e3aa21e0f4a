using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SourceGenSync.Benchmarks;

/// <summary>The generator over 200 model classes: a cold run and an incremental run after a method-body edit.</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private GeneratorHarness _harness = null!;
    private GeneratorDriver _warmDriver = null!;
    private CSharpCompilation _edited = null!;

    [Params(200)]
    public int Classes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _harness = new GeneratorHarness(Classes);
        _warmDriver = GeneratorHarness.CreateDriver().RunGenerators(_harness.Compilation);
        _edited = _harness.WithMethodBodyEdit(version: 1);
    }

    [Benchmark(Baseline = true)]
    public GeneratorDriver Cold() => GeneratorHarness.CreateDriver().RunGenerators(_harness.Compilation);

    [Benchmark]
    public GeneratorDriver IncrementalAfterMethodBodyEdit() => _warmDriver.RunGenerators(_edited);
}
