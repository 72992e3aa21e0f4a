using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGenSync.Generators.Model;
using SourceGenSync.Generators.Parsing;

namespace SourceGenSync.Generators;

public sealed partial class RealmGenerator
{
    /// <summary>
    /// One attribute's pipeline: find the classes, validate and parse each into a spec (null when invalid),
    /// then keep the valid ones.
    /// </summary>
    private static IncrementalValuesProvider<ModelClassSpec> ParseModels(
        IncrementalGeneratorInitializationContext context, string attributeMetadataName, string parseStepName, string validStepName) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(attributeMetadataName, IsCandidate, ParseModel)
            .WithTrackingName(parseStepName)
            .SelectMany(static (spec, _) => spec is null ? ImmutableArray<ModelClassSpec>.Empty : ImmutableArray.Create(spec))
            .WithTrackingName(validStepName);

    /// <summary>Cheap syntactic filter: the model attributes only apply to classes.</summary>
    private static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) => node is ClassDeclarationSyntax;

    /// <summary>
    /// Runs the analyzers' validator first: a class with any error gets no generated code (the analyzer reports
    /// the error; generating code for a broken model would only add confusing follow-on errors). Below C# 13
    /// there are no partial properties to implement (SGS0025).
    /// </summary>
    private static ModelClassSpec? ParseModel(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type ||
            context.TargetNode.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp13 })
        {
            return null;
        }

        var hasError = false;
        ModelValidator.Validate(type, context.SemanticModel.Compilation, diagnostic => hasError |= diagnostic.Severity == DiagnosticSeverity.Error);
        cancellationToken.ThrowIfCancellationRequested();
        return hasError ? null : ModelParser.Parse(type, cancellationToken);
    }

    /// <summary>
    /// The classes the module initializer registers, sorted by fully qualified name so the output is
    /// deterministic. A class nested privately cannot be named outside its container and is left out.
    /// </summary>
    private static EquatableArray<string> GetSchemaRegistrations(params ImmutableArray<ModelClassSpec>[] groups)
    {
        var names = new List<string>();
        foreach (var group in groups)
        {
            foreach (var spec in group)
            {
                if (Emitter.CanBeNamedFromOutside(spec))
                {
                    names.Add(spec.FullyQualifiedName);
                }
            }
        }

        names.Sort(StringComparer.Ordinal);
        return new EquatableArray<string>(names.ToArray());
    }
}
