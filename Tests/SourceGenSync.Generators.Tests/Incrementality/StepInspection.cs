using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using SourceGenSync.Testing;
using Xunit.Sdk;

namespace SourceGenSync.Generators.Tests.Incrementality;

/// <summary>Reads a run's tracked incremental steps: their run reasons and the values they cached.</summary>
internal static class StepInspection
{
    /// <summary>Every (step name, output reason) of the generator's named steps in this run.</summary>
    public static IEnumerable<(string Step, IncrementalStepRunReason Reason)> Reasons(GeneratorRun run, IEnumerable<string> stepNames)
    {
        foreach (var name in stepNames)
        {
            if (run.Result.TrackedSteps.TryGetValue(name, out var steps))
            {
                foreach (var step in steps)
                {
                    foreach (var (_, reason) in step.Outputs)
                    {
                        yield return (name, reason);
                    }
                }
            }
        }
    }

    /// <summary>Reasons of the source-output steps: Cached means the emitter did not run for that output.</summary>
    public static IEnumerable<IncrementalStepRunReason> OutputReasons(GeneratorRun run) =>
        run.Result.TrackedOutputSteps.SelectMany(p => p.Value).SelectMany(s => s.Outputs).Select(o => o.Reason);

    /// <summary>Fails unless every output of every named step and every source output was Cached or Unchanged.</summary>
    public static void AssertNothingRecomputed(GeneratorRun run)
    {
        var offending = Reasons(run, TrackingNames.All)
            .Where(r => r.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .Select(r => $"{r.Step}: {r.Reason}")
            .Concat(OutputReasons(run).Where(r => r != IncrementalStepRunReason.Cached).Select(r => $"source output: {r}"))
            .ToList();
        if (offending.Count > 0)
        {
            throw new XunitException("Steps recomputed on a run that should have been fully cached:\n" + string.Join("\n", offending));
        }
    }

    /// <summary>Every value cached by the generator's named steps (nested records, arrays and tuples included).</summary>
    public static IEnumerable<object> CachedValues(GeneratorRun run)
    {
        foreach (var name in TrackingNames.All)
        {
            if (!run.Result.TrackedSteps.TryGetValue(name, out var steps))
            {
                continue;
            }

            foreach (var step in steps)
            {
                foreach (var (value, _) in step.Outputs)
                {
                    foreach (var nested in Walk(value, depth: 0))
                    {
                        yield return nested;
                    }
                }
            }
        }
    }

    /// <summary>Types that must never be held by a cached step: they pin whole compilations in memory and defeat caching.</summary>
    public static bool IsForbidden(object value) =>
        value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location or AttributeData;

    private static IEnumerable<object> Walk(object? value, int depth)
    {
        if (value is null || depth > 16)
        {
            yield break;
        }

        yield return value;
        var type = value.GetType();
        if (value is string || type.IsPrimitive || type.IsEnum || IsForbidden(value))
        {
            yield break;
        }

        if (value is IEnumerable sequence)
        {
            foreach (var item in sequence)
            {
                foreach (var nested in Walk(item, depth + 1))
                {
                    yield return nested;
                }
            }

            yield break;
        }

        // Records expose their data as public properties; value tuples as public fields.
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.Name != "EqualityContract")
            {
                foreach (var nested in Walk(property.GetValue(value), depth + 1))
                {
                    yield return nested;
                }
            }
        }

        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            foreach (var nested in Walk(field.GetValue(value), depth + 1))
            {
                yield return nested;
            }
        }
    }

    /// <summary>Re-parses one source file of a compilation with new text.</summary>
    public static Compilation ReplaceFile(Compilation compilation, string path, Func<string, string> edit)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        var text = edit(old.GetText().ToString());
        if (text == old.GetText().ToString())
        {
            throw new InvalidOperationException($"The edit did not change '{path}'.");
        }

        return compilation.ReplaceSyntaxTree(old, old.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text)));
    }
}
