using System.Linq;
using Microsoft.CodeAnalysis;
using SourceGenSync.Generators.Diagnostics;
using SourceGenSync.Generators.Model;

namespace SourceGenSync.Generators.Parsing;

/// <summary>
/// Link checks: what a link may point at (SGS0035) and whether a [Backlink] names a real inverse link
/// (SGS0020–SGS0022, SGS0038). The target class is inspected through its symbol, so a backlink is validated
/// with the class that declares it.
/// </summary>
internal static partial class ModelValidator
{
    /// <summary>
    /// Asymmetric objects are never stored on the device, so nothing may link to one; an asymmetric object is
    /// inserted on the server as one document, so it may only contain embedded objects, not link to top-level ones.
    /// </summary>
    private static void ValidateLinkTarget(ValidationContext context, IPropertySymbol property, INamedTypeSymbol target)
    {
        var targetKind = TypeClassifier.GetModelKind(target);
        string? reason = null;
        if (targetKind == ModelKind.Asymmetric)
        {
            reason = "asymmetric objects are sent to the server and never stored on the device, so nothing can link to them; link to a [RealmObject] or [EmbeddedObject] class";
        }
        else if (context.Kind == ModelKind.Asymmetric && targetKind == ModelKind.TopLevel)
        {
            reason = $"'{context.ClassName}' is an asymmetric object, which may only contain [EmbeddedObject] classes; make '{target.Name}' embedded or remove the link";
        }

        if (reason is not null)
        {
            context.ReportAt(DiagnosticDescriptors.InvalidLinkTarget, property, context.ClassName, property.Name, target.Name, reason);
        }
    }

    private static void ValidateBacklink(ValidationContext context, IPropertySymbol property, PropertyAttributes attributes)
    {
        if (!IsQueryable(property.Type, out var origin))
        {
            context.ReportAt(DiagnosticDescriptors.BacklinkType, property, context.ClassName, property.Name, Display(property.Type));
            return;
        }

        if (property.SetMethod is not null)
        {
            context.ReportAt(DiagnosticDescriptors.BacklinkSetter, property, context.ClassName, property.Name);
        }

        if (origin is not INamedTypeSymbol originType || TypeClassifier.GetModelKind(originType) is null)
        {
            context.ReportAt(DiagnosticDescriptors.BacklinkTargetNotModel, property, context.ClassName, property.Name, Display(origin));
            return;
        }

        var name = attributes.Backlink!.ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty;
        var problem = BacklinkOriginProblem(context.Type, originType, name);
        if (problem is not null)
        {
            context.ReportAt(DiagnosticDescriptors.BacklinkProperty, property, context.ClassName, property.Name, originType.Name, name, problem);
        }
    }

    /// <summary>
    /// Why <paramref name="name"/> on <paramref name="origin"/> is not a stored link to <paramref name="self"/>
    /// (a to-one link, or a list or set of links), or null when it is one.
    /// </summary>
    private static string? BacklinkOriginProblem(INamedTypeSymbol self, INamedTypeSymbol origin, string name)
    {
        var candidate = origin.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault();
        if (candidate is null)
        {
            return "does not exist";
        }

        if (candidate.IsStatic || !candidate.IsPartialDefinition
            || ModelParser.HasAttribute(candidate.GetAttributes(), KnownTypeNames.IgnoredAttribute))
        {
            return "is not a stored property";
        }

        var type = candidate.Type;
        if (TryReadCollection(type, out var shape) && shape.Kind != CollectionType.Dictionary)
        {
            type = shape.Element;
        }

        return SymbolEqualityComparer.Default.Equals(type, self)
            ? null
            : $"has type '{Display(candidate.Type)}', not a link to '{self.Name}'";
    }
}
