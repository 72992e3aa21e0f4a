using System.Threading.Tasks;
using SourceGenSync.Testing;

namespace SourceGenSync.Analyzers.Tests;

/// <summary>Shorthands shared by the analyzer tests.</summary>
internal static class AnalyzerTest
{
    /// <summary>The usings every test source starts with, so cases show only the model.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using SourceGenSync;

        """;

    public static Task Verify(string markup, params ExpectedDiagnostic[] expected) =>
        AnalyzerRunner.VerifyAsync(new SchemaAnalyzer(), Usings + markup, expected);

    public static Task Verify(string markup, AnalyzerTestOptions options, params ExpectedDiagnostic[] expected) =>
        AnalyzerRunner.VerifyAsync(new SchemaAnalyzer(), Usings + markup, options, expected);

    /// <summary>A case that must produce no diagnostic and compile clean with the generated code.</summary>
    public static Task VerifyValid(string source, AnalyzerTestOptions? options = null) =>
        AnalyzerRunner.VerifyAsync(new SchemaAnalyzer(), Usings + source, options ?? AnalyzerTestOptions.Default);

    public static ExpectedDiagnostic Diagnostic(string id, string message) => new(id, message);
}
