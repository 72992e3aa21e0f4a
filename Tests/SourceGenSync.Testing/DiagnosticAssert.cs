using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit.Sdk;

namespace SourceGenSync.Testing;

/// <summary>Assertions on diagnostics that print every diagnostic in full (id, location, message) on failure.</summary>
public static class DiagnosticAssert
{
    public static void None(IEnumerable<Diagnostic> diagnostics, string context = "compilation")
    {
        var list = diagnostics.ToList();
        if (list.Count > 0)
        {
            throw new XunitException($"Expected no diagnostics in the {context}, got {list.Count}:\n" + string.Join("\n", list.Select(d => d.ToString())));
        }
    }
}
