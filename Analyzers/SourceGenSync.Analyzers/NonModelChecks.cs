using System;
using Microsoft.CodeAnalysis;
using SourceGenSync.Generators;
using SourceGenSync.Generators.Diagnostics;
using SourceGenSync.Generators.Parsing;

namespace SourceGenSync.Analyzers;

/// <summary>
/// SGS0027 outside model classes: schema attributes on a type without a model attribute are read by nobody, so
/// they are reported rather than silently ignored.
/// </summary>
internal static class NonModelChecks
{
    private static readonly string[] ClassAttributes =
    [
        KnownTypeNames.MapToAttribute,
        KnownTypeNames.DateTimeKindPolicyAttribute,
    ];

    private static readonly string[] PropertyAttributes =
    [
        KnownTypeNames.PrimaryKeyAttribute,
        KnownTypeNames.IndexedAttribute,
        KnownTypeNames.MapToAttribute,
        KnownTypeNames.IgnoredAttribute,
        KnownTypeNames.BacklinkAttribute,
        KnownTypeNames.RequiredAttribute,
        KnownTypeNames.DateTimeKindPolicyAttribute,
    ];

    public static void Run(INamedTypeSymbol type, Action<Diagnostic> report)
    {
        var reason = $"'{type.Name}' is not a model class; add [RealmObject], [EmbeddedObject] or [AsymmetricObject] to it, or remove the attribute";
        var typeAttributes = type.GetAttributes();
        foreach (var name in ClassAttributes)
        {
            if (ModelParser.HasAttribute(typeAttributes, name))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.AttributeNotHonoured, ModelValidator.UserLocation(type), ShortName(name), type.Name, reason));
            }
        }

        foreach (var member in type.GetMembers())
        {
            if (member is not IPropertySymbol property)
            {
                continue;
            }

            var attributes = property.GetAttributes();
            if (attributes.IsEmpty)
            {
                continue;
            }

            foreach (var name in PropertyAttributes)
            {
                if (ModelParser.HasAttribute(attributes, name))
                {
                    report(Diagnostic.Create(
                        DiagnosticDescriptors.AttributeNotHonoured,
                        ModelValidator.UserLocation(property),
                        ShortName(name),
                        $"{type.Name}.{property.Name}",
                        reason));
                }
            }
        }
    }

    /// <summary>"SourceGenSync.MapToAttribute" → "MapTo", as the attribute is written.</summary>
    private static string ShortName(string metadataName)
    {
        var name = metadataName.Substring(metadataName.LastIndexOf('.') + 1);
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }
}
