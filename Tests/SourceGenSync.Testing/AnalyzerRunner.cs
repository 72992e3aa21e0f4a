using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SourceGenSync.Generators;
using Xunit;

namespace SourceGenSync.Testing;

/// <summary>A diagnostic a test expects at a marked span: its id and its exact message.</summary>
public sealed record ExpectedDiagnostic(string Id, string Message);

/// <summary>How <see cref="AnalyzerRunner"/> compiles the test source.</summary>
public sealed record AnalyzerTestOptions
{
    public static AnalyzerTestOptions Default { get; } = new();

    public LanguageVersion LanguageVersion { get; init; } = TestCompilation.DefaultLanguageVersion;

    /// <summary>Nullable annotations on (the default) or off, as in a project with &lt;Nullable&gt;disable.</summary>
    public bool NullableEnabled { get; init; } = true;

    /// <summary>
    /// Run <see cref="RealmGenerator"/> first and analyze its output too, as a real build does. Valid models then
    /// compile clean; without it, partial properties have no implementation (CS9248), which is then tolerated.
    /// </summary>
    public bool RunGenerator { get; init; } = true;

    /// <summary>Compiler error ids the test source is known to cause; each must occur, no other error may.</summary>
    public ImmutableArray<string> ExpectedCompilerErrors { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>More source files, without markup (no diagnostic may be reported in them).</summary>
    public ImmutableArray<string> AdditionalSources { get; init; } = ImmutableArray<string>.Empty;
}

/// <summary>What one analyzer run produced.</summary>
public sealed class AnalyzerRun
{
    internal AnalyzerRun(Compilation compilation, ImmutableArray<Diagnostic> analyzerDiagnostics, ImmutableArray<Diagnostic> compilerErrors)
    {
        Compilation = compilation;
        AnalyzerDiagnostics = analyzerDiagnostics;
        CompilerErrors = compilerErrors;
    }

    /// <summary>The compilation the analyzer saw (with generated sources when the generator ran).</summary>
    public Compilation Compilation { get; }

    /// <summary>The analyzer's diagnostics, in source order.</summary>
    public ImmutableArray<Diagnostic> AnalyzerDiagnostics { get; }

    /// <summary>Errors the compiler reports for the same compilation.</summary>
    public ImmutableArray<Diagnostic> CompilerErrors { get; }
}

/// <summary>
/// Runs analyzers over test source the way a build does (optionally after the generator) and compares their
/// diagnostics with the expected ones: id, span and message of each, and nothing else. Compiler errors must be
/// zero apart from those the test names (and, when the generator did not run or skipped an invalid class,
/// "partial property has no implementation", CS9248, and errors inside generated files).
/// </summary>
public static class AnalyzerRunner
{
    private const string MissingPartialImplementation = "CS9248";

    public static Task VerifyAsync(DiagnosticAnalyzer analyzer, string markup, params ExpectedDiagnostic[] expected) =>
        VerifyAsync(analyzer, markup, AnalyzerTestOptions.Default, expected);

    public static async Task VerifyAsync(DiagnosticAnalyzer analyzer, string markup, AnalyzerTestOptions options, params ExpectedDiagnostic[] expected)
    {
        var parsed = Markup.Parse(markup);
        var run = await RunAsync(analyzer, parsed.Source, options);
        var failures = new StringBuilder();
        CompareDiagnostics(parsed, run, expected, failures);
        CompareCompilerErrors(run, options, failures);
        if (failures.Length > 0)
        {
            Assert.Fail(failures.ToString());
        }
    }

    public static async Task<AnalyzerRun> RunAsync(DiagnosticAnalyzer analyzer, string source, AnalyzerTestOptions? options = null)
    {
        options ??= AnalyzerTestOptions.Default;
        var sources = new[] { ("Test0.cs", source) }
            .Concat(options.AdditionalSources.Select((text, i) => ($"Test{i + 1}.cs", text)));
        Compilation compilation = TestCompilation.Create(sources, options.LanguageVersion)
            .WithOptions(TestCompilation.CompilationOptions.WithNullableContextOptions(
                options.NullableEnabled ? NullableContextOptions.Enable : NullableContextOptions.Disable));

        if (options.RunGenerator)
        {
            var parseOptions = TestCompilation.ParseOptions(options.LanguageVersion);
            CSharpGeneratorDriver.Create([new RealmGenerator().AsSourceGenerator()], parseOptions: parseOptions)
                .RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _);
        }

        var diagnostics = await GetAnalyzerDiagnosticsAsync(compilation, [analyzer]);
        var ordered = diagnostics
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Location.SourceSpan.End)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        return new AnalyzerRun(compilation, ordered, errors);
    }

    /// <summary>
    /// Runs analyzers over a compilation as the compiler does and returns their diagnostics; fails the test if an
    /// analyzer throws (Roslyn would otherwise swallow the exception as an AD0001 warning).
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> GetAnalyzerDiagnosticsAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var exceptions = new ConcurrentQueue<string>();
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(
                options: new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, failed, _) => exceptions.Enqueue($"{failed} threw {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        Assert.True(exceptions.IsEmpty, string.Join(Environment.NewLine, exceptions));
        return diagnostics;
    }

    private static void CompareDiagnostics(Markup markup, AnalyzerRun run, IReadOnlyList<ExpectedDiagnostic> expected, StringBuilder failures)
    {
        if (markup.Spans.Length != expected.Count)
        {
            failures.AppendLine($"The markup has {markup.Spans.Length} marked span(s) but the test gives {expected.Count} expected diagnostic(s).");
        }

        var actual = run.AnalyzerDiagnostics;
        var mismatch = actual.Length != markup.Spans.Length;
        for (var i = 0; i < Math.Min(actual.Length, Math.Min(markup.Spans.Length, expected.Count)); i++)
        {
            var want = expected[i];
            var span = markup.Spans[i];
            var got = actual[i];
            if (span.Id is not null && span.Id != want.Id)
            {
                failures.AppendLine($"Marked span {i} says {span.Id} but expectation {i} says {want.Id}.");
            }

            mismatch |= got.Id != want.Id
                || got.Location.SourceTree?.FilePath != "Test0.cs"
                || got.Location.SourceSpan != span.Span
                || got.GetMessage(System.Globalization.CultureInfo.InvariantCulture) != want.Message;
        }

        if (mismatch || failures.Length > 0)
        {
            failures.AppendLine("Expected:");
            for (var i = 0; i < Math.Min(markup.Spans.Length, expected.Count); i++)
            {
                var span = markup.Spans[i].Span;
                failures.AppendLine($"  {expected[i].Id} '{markup.Source.Substring(span.Start, span.Length)}' {span}: {expected[i].Message}");
            }

            failures.AppendLine("Actual:");
            foreach (var diagnostic in actual)
            {
                failures.AppendLine("  " + Describe(diagnostic));
            }
        }
    }

    private static void CompareCompilerErrors(AnalyzerRun run, AnalyzerTestOptions options, StringBuilder failures)
    {
        var allowed = new HashSet<string>(options.ExpectedCompilerErrors, StringComparer.Ordinal);
        var classSkipped = run.AnalyzerDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        if (!options.RunGenerator || classSkipped)
        {
            allowed.Add(MissingPartialImplementation);
        }

        // A class the generator skipped leaves the generated code of classes linking to it without a target; those
        // follow-on errors are in generated files only. Valid cases (no analyzer error) get no such allowance.
        var unexpected = run.CompilerErrors.Where(e => !allowed.Contains(e.Id) && !(classSkipped && IsGenerated(e.Location)));
        foreach (var error in unexpected)
        {
            failures.AppendLine("Unexpected compiler error: " + Describe(error));
        }

        foreach (var id in options.ExpectedCompilerErrors.Where(id => run.CompilerErrors.All(e => e.Id != id)))
        {
            failures.AppendLine($"Expected compiler error {id} did not occur.");
        }
    }

    private static bool IsGenerated(Location location) =>
        location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true;

    private static string Describe(Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        var text = location.SourceTree is { } tree ? tree.GetText().ToString(location.SourceSpan) : string.Empty;
        var position = location.GetLineSpan();
        return $"{diagnostic.Id} '{text}' {position.Path}({position.StartLinePosition.Line + 1},{position.StartLinePosition.Character + 1}): {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
