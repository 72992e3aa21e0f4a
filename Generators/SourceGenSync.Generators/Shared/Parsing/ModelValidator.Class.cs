using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGenSync.Generators.Diagnostics;
using SourceGenSync.Generators.Model;

namespace SourceGenSync.Generators.Parsing;

/// <summary>Class-level checks: shape of the class, its stored name, members the generated code needs.</summary>
internal static partial class ModelValidator
{
    /// <summary>Names of members the generated code declares in every model class (besides backing fields).</summary>
    public static readonly ImmutableHashSet<string> ReservedNames = ImmutableHashSet.Create(
        StringComparer.Ordinal, "Fields", "Schema", "ObjectSchema", "IsManaged", "IsValid", "PropertyChanged", "Accessor", "Ordinals", "_accessor");

    private const string ReservedNamesText = "Fields, Schema, ObjectSchema, IsManaged, IsValid, PropertyChanged, Accessor, Ordinals and _accessor";

    /// <summary>Candidate names for the primary key the SGS0026 code fix adds (the first one not taken).</summary>
    private static readonly string[] PrimaryKeyNameCandidates = ["Id", "Key", "ObjectKey", "PrimaryObjectId"];

    private static void ValidateClass(ValidationContext context, List<ModelKind> kinds)
    {
        var type = context.Type;
        if (kinds.Count > 1)
        {
            context.ReportAt(DiagnosticDescriptors.MultipleModelAttributes, type, context.ClassName, string.Join(", ", kinds.Select(AttributeText)));
        }

        if (!IsPartialEverywhere(type))
        {
            context.ReportAt(DiagnosticDescriptors.ClassNotPartial, type, context.ClassName);
        }

        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            if (!IsPartialEverywhere(container))
            {
                context.ReportAt(DiagnosticDescriptors.ContainingTypeNotPartial, type, context.ClassName, container.Name);
            }
        }

        if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType)
        {
            context.ReportAt(DiagnosticDescriptors.ClassHasBaseType, type, context.ClassName, Display(baseType));
        }

        if (type.TypeParameters.Length > 0)
        {
            context.ReportAt(DiagnosticDescriptors.GenericClass, type, context.ClassName, "has type parameters");
        }
        else if (FirstGenericContainer(type) is { } generic)
        {
            context.ReportAt(DiagnosticDescriptors.GenericClass, type, context.ClassName, $"is nested in the generic type '{generic.Name}'");
        }

        if (type.IsStatic || type.IsAbstract)
        {
            context.ReportAt(DiagnosticDescriptors.AbstractOrStaticClass, type, context.ClassName, type.IsStatic ? "static" : "abstract");
        }
        else if (!HasParameterlessConstructor(type))
        {
            context.ReportAt(DiagnosticDescriptors.NoParameterlessConstructor, type, context.ClassName);
        }

        if (ReservedNames.Contains(type.Name))
        {
            context.ReportAt(DiagnosticDescriptors.ReservedName, type, type.Name, context.ClassName, ReservedNamesText);
        }

        ValidateMapTo(context, type, context.ClassAttributes, context.ClassName);
    }

    /// <summary>Every declaration in user code carries <c>partial</c> (metadata types count as partial: nothing to check).</summary>
    private static bool IsPartialEverywhere(INamedTypeSymbol type)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (IsGeneratedTree(reference.SyntaxTree))
            {
                continue;
            }

            if (reference.GetSyntax() is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return false;
            }
        }

        return true;
    }

    private static INamedTypeSymbol? FirstGenericContainer(INamedTypeSymbol type)
    {
        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            if (container.TypeParameters.Length > 0)
            {
                return container;
            }
        }

        return null;
    }

    /// <summary>
    /// Objects are created when they are read, through generated code inside the class, so any accessibility will
    /// do. Constructors from generated files are not the user's and are left out.
    /// </summary>
    private static bool HasParameterlessConstructor(INamedTypeSymbol type)
    {
        var declared = type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared && IsUserCode(c)).ToList();
        return declared.Count == 0 || declared.Any(static c => c.Parameters.Length == 0);
    }

    /// <summary>SGS0036: a [MapTo] name must be usable as a table or column name and by the sync protocol.</summary>
    private static void ValidateMapTo(ValidationContext context, ISymbol symbol, ImmutableArray<AttributeData> attributes, string displayName)
    {
        var mapTo = ModelParser.FindAttribute(attributes, KnownTypeNames.MapToAttribute);
        if (mapTo is not { ConstructorArguments.Length: 1 })
        {
            return;
        }

        var name = mapTo.ConstructorArguments[0].Value as string;
        var problem = MappedNameProblem(name);
        if (problem is not null)
        {
            context.ReportAt(DiagnosticDescriptors.InvalidMappedName, symbol, name ?? string.Empty, displayName, problem);
        }
    }

    /// <summary>Why a stored name is invalid, or null when it is fine.</summary>
    public static string? MappedNameProblem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "it is empty";
        }

        if (name!.IndexOf('.') >= 0)
        {
            return "it contains '.', which separates the parts of a property path";
        }

        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            return "names starting with '__' are reserved for the database";
        }

        return null;
    }

    /// <summary>
    /// SGS0031: members the user declared that would clash with generated ones: the fixed names, and the backing
    /// field the generator gives each partial property (<c>_title</c> for <c>Title</c>).
    /// </summary>
    private static void ValidateReservedMemberNames(ValidationContext context)
    {
        var backingFields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in context.Type.GetMembers())
        {
            if (member is IPropertySymbol { IsPartialDefinition: true, IsStatic: false, Name.Length: > 0 } property)
            {
                backingFields[BackingFieldName(property.Name)] = property.Name;
            }
        }

        foreach (var member in context.Type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || !IsUserCode(member))
            {
                continue;
            }

            if (ReservedNames.Contains(member.Name))
            {
                context.ReportAt(DiagnosticDescriptors.ReservedName, member, member.Name, context.ClassName, ReservedNamesText);
            }
            else if (backingFields.TryGetValue(member.Name, out var propertyName))
            {
                context.ReportAt(DiagnosticDescriptors.ReservedName, member, member.Name, context.ClassName, $"'{member.Name}' as the backing field of '{propertyName}'");
            }
        }
    }

    /// <summary>The generator's backing-field name for a property: <c>_</c> and the name with a lower-case first letter.</summary>
    private static string BackingFieldName(string propertyName) =>
        "_" + char.ToLowerInvariant(propertyName[0]) + propertyName.Substring(1);

    /// <summary>SGS0005, SGS0024 and SGS0026: checks across all stored properties of the class.</summary>
    private static void ValidateStoredProperties(ValidationContext context, List<StoredProperty> stored)
    {
        StoredProperty? primaryKey = null;
        var byStoredName = new Dictionary<string, StoredProperty>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in stored)
        {
            if (property.IsPrimaryKey)
            {
                if (primaryKey is null)
                {
                    primaryKey = property;
                }
                else
                {
                    context.ReportAt(DiagnosticDescriptors.MultiplePrimaryKeys, property.Symbol, context.ClassName, primaryKey.Symbol.Name, property.Symbol.Name);
                }
            }

            if (byStoredName.TryGetValue(property.StoredName, out var first))
            {
                context.ReportAt(DiagnosticDescriptors.DuplicatePropertyName, property.Symbol, context.ClassName, first.Symbol.Name, property.Symbol.Name, property.StoredName);
            }
            else
            {
                byStoredName.Add(property.StoredName, property);
            }
        }

        // A [PrimaryKey] anywhere (even on a property reported for another reason) shows the intent: no warning.
        var anyPrimaryKey = context.Type.GetMembers().OfType<IPropertySymbol>()
            .Any(static p => ModelParser.HasAttribute(p.GetAttributes(), KnownTypeNames.PrimaryKeyAttribute));
        if (context.Kind == ModelKind.TopLevel && !anyPrimaryKey)
        {
            var name = PrimaryKeyNameCandidates.FirstOrDefault(n => n != context.Type.Name && context.Type.GetMembers(n).IsEmpty) ?? string.Empty;
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(DiagnosticDescriptors.PropertyNameProperty, name)
                .Add(DiagnosticDescriptors.MappedNameProperty, byStoredName.ContainsKey("_id") ? string.Empty : "_id");
            context.ReportAt(DiagnosticDescriptors.NoPrimaryKey, context.Type, properties, context.ClassName);
        }
    }

    private static string AttributeText(ModelKind kind) => kind switch
    {
        ModelKind.Embedded => "[EmbeddedObject]",
        ModelKind.Asymmetric => "[AsymmetricObject]",
        _ => "[RealmObject]",
    };
}
