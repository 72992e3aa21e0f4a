using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SourceGenSync.Testing;

namespace SourceGenSync.CodeFixes.Tests.Infrastructure;

/// <summary>
/// A one-document C# project in an <see cref="AdhocWorkspace"/> (code actions need a workspace), compiled with the
/// shared harness's settings: the references, language version and options of a user's model project.
/// </summary>
internal static class TestWorkspace
{
    public static Document CreateDocument(string source, LanguageVersion languageVersion = TestCompilation.DefaultLanguageVersion)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var projectInfo = ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            name: "Models",
            assemblyName: "Models",
            language: LanguageNames.CSharp,
            compilationOptions: TestCompilation.CompilationOptions,
            parseOptions: TestCompilation.ParseOptions(languageVersion),
            metadataReferences: TestCompilation.References);
        var solution = workspace.CurrentSolution
            .AddProject(projectInfo)
            .AddDocument(DocumentId.CreateNewId(projectId), "Models.cs", SourceText.From(source));
        return solution.Projects.Single().Documents.Single();
    }
}
