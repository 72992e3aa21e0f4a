using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SourceGenSync.Generators;

namespace SourceGenSync.Benchmarks;

/// <summary>Builds the benchmark compilation and drives <see cref="RealmGenerator"/> over it.</summary>
internal sealed class GeneratorHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

    public GeneratorHarness(int classes)
    {
        Classes = classes;
        var trees = Enumerable.Range(0, classes)
            .Select(i => CSharpSyntaxTree.ParseText(ModelSource.Model(i, classes), ParseOptions, path: $"Model{i}.cs"))
            .ToArray();
        Compilation = CSharpCompilation.Create(
            "Bench.Models",
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    public int Classes { get; }

    public CSharpCompilation Compilation { get; }

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new RealmGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The compilation with one method body changed in the middle model (nothing the generator reads).</summary>
    public CSharpCompilation WithMethodBodyEdit(int version)
    {
        var index = Classes / 2;
        var old = Compilation.SyntaxTrees.Single(t => t.FilePath == $"Model{index}.cs");
        var edited = CSharpSyntaxTree.ParseText(ModelSource.Model(index, Classes, version), ParseOptions, path: old.FilePath);
        return Compilation.ReplaceSyntaxTree(old, edited);
    }

    private static MetadataReference[] LoadReferences()
    {
        // The running framework's assemblies plus the SourceGenSync runtime, as a user's build would see them.
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var paths = new HashSet<string>(trusted, StringComparer.Ordinal)
        {
            typeof(RealmObjectAttribute).Assembly.Location,
            typeof(ObjectId).Assembly.Location,
        };
        return paths.Select(static p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    }
}
