using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGenSync.Generators.Diagnostics;
using SourceGenSync.Generators.Model;

namespace SourceGenSync.Generators.Parsing;

/// <summary>
/// Collection checks: IList&lt;T&gt;, ISet&lt;T&gt; and IDictionary&lt;string, T&gt; only, no setter, no initializer,
/// and elements the store can hold. A concrete collection (List&lt;T&gt;...) is reported once and then checked as
/// the interface it should be, so fixing it does not reveal a second round of errors.
/// </summary>
internal static partial class ModelValidator
{
    private const string ListInterface = "System.Collections.Generic.IList`1";
    private const string SetInterface = "System.Collections.Generic.ISet`1";
    private const string DictionaryInterface = "System.Collections.Generic.IDictionary`2";

    /// <summary>Checks a collection property; false when the property is not a collection at all.</summary>
    private static bool ValidateCollection(ValidationContext context, IPropertySymbol property)
    {
        if (!TryReadCollection(property.Type, out var shape))
        {
            return false;
        }

        var interfaceType = ConstructInterface(context.Compilation, shape, stringKey: false);
        if (shape.IsConcrete && interfaceType is not null)
        {
            var replacement = Display(interfaceType);
            var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticDescriptors.ReplacementTypeProperty, replacement);
            context.ReportAt(DiagnosticDescriptors.ConcreteCollection, property, properties, context.ClassName, property.Name, Display(property.Type), replacement);
        }

        if (property.SetMethod is not null)
        {
            context.ReportAt(DiagnosticDescriptors.CollectionSetter, property, context.ClassName, property.Name);
        }

        if (HasInitializer(property))
        {
            context.ReportAt(DiagnosticDescriptors.CollectionInitializer, property, context.ClassName, property.Name);
        }

        if (shape.Kind == CollectionType.Dictionary && !IsNonNullableString(shape.Key!))
        {
            var suggested = ConstructInterface(context.Compilation, shape, stringKey: true);
            context.ReportAt(
                DiagnosticDescriptors.DictionaryKey,
                property,
                context.ClassName,
                property.Name,
                Display(shape.Key!),
                suggested is null ? "IDictionary<string, TValue>" : Display(suggested));
        }

        ValidateElements(context, property, shape);
        return true;
    }

    private static void ValidateElements(ValidationContext context, IPropertySymbol property, CollectionShape shape)
    {
        if (TryReadCollection(shape.Element, out _) || IsQueryable(shape.Element, out _))
        {
            ReportUnsupported(context, property, "collections cannot contain other collections");
            return;
        }

        if (WithoutNullable(shape.Element) is INamedTypeSymbol { IsGenericType: true } counter
            && counter.ConstructedFrom.ToDisplayString() == "SourceGenSync.RealmInteger<T>")
        {
            ReportUnsupported(context, property, "collections cannot hold RealmInteger<T> counters; use the integer type");
            return;
        }

        // Classify as the interface with a string key, so the element is judged on its own merits.
        var asInterface = ConstructInterface(context.Compilation, shape, stringKey: true);
        if (asInterface is null)
        {
            return;
        }

        var classification = TypeClassifier.Classify(asInterface);
        if (!classification.IsSupported)
        {
            ReportUnsupported(context, property, UnsupportedReason(shape.Element, classification));
            return;
        }

        if (classification.Storage != StorageType.Object || classification.Target is not { } target)
        {
            return;
        }

        ValidateLinkTarget(context, property, target);
        if (shape.Kind == CollectionType.Set && TypeClassifier.GetModelKind(target) == ModelKind.Embedded)
        {
            context.ReportAt(DiagnosticDescriptors.SetOfEmbedded, property, context.ClassName, property.Name, target.Name);
        }

        var annotation = shape.Element.NullableAnnotation;
        if (shape.Kind == CollectionType.Dictionary && annotation == NullableAnnotation.NotAnnotated)
        {
            ReportElementNullability(context, property, shape, "a dictionary value becomes null when its object is deleted, so values must be nullable", NullableAnnotation.Annotated);
        }
        else if (shape.Kind != CollectionType.Dictionary && annotation == NullableAnnotation.Annotated)
        {
            ReportElementNullability(context, property, shape, "a list or set cannot hold null objects, so elements must not be nullable", NullableAnnotation.NotAnnotated);
        }
    }

    private static void ReportElementNullability(ValidationContext context, IPropertySymbol property, CollectionShape shape, string reason, NullableAnnotation wanted)
    {
        var fixedShape = shape.WithElement(shape.Element.WithNullableAnnotation(wanted));
        var suggested = ConstructInterface(context.Compilation, fixedShape, stringKey: true);
        context.ReportAt(
            DiagnosticDescriptors.CollectionElementNullability,
            property,
            context.ClassName,
            property.Name,
            reason,
            suggested is null ? Display(property.Type) : Display(suggested));
    }

    /// <summary>The property's declaration has <c>= ...</c> (a collection would be replaced by the generated one).</summary>
    private static bool HasInitializer(IPropertySymbol property) =>
        property.DeclaringSyntaxReferences.Any(static r => r.GetSyntax() is PropertyDeclarationSyntax { Initializer: not null });

    private static bool IsCollectionInterface(ITypeSymbol type) => TryReadCollection(type, out var shape) && !shape.IsConcrete;

    private static bool IsNonNullableString(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_String && type.NullableAnnotation != NullableAnnotation.Annotated;

    private static bool IsQueryable(ITypeSymbol type, out ITypeSymbol element)
    {
        if (type is INamedTypeSymbol { IsGenericType: true } named
            && named.ConstructedFrom.ToDisplayString() == "System.Linq.IQueryable<T>")
        {
            element = named.TypeArguments[0];
            return true;
        }

        element = type;
        return false;
    }

    /// <summary>
    /// Recognises the three collection interfaces and the concrete types people write instead of them: List&lt;T&gt;,
    /// Collection&lt;T&gt;, ObservableCollection&lt;T&gt; and arrays (other than byte[]) for lists; HashSet&lt;T&gt; and
    /// SortedSet&lt;T&gt; for sets; Dictionary and SortedDictionary for dictionaries.
    /// </summary>
    private static bool TryReadCollection(ITypeSymbol type, out CollectionShape shape)
    {
        shape = default;
        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1 || array.ElementType.SpecialType == SpecialType.System_Byte)
            {
                return false;
            }

            shape = new CollectionShape(CollectionType.List, null, array.ElementType, isConcrete: true);
            return true;
        }

        if (type is not INamedTypeSymbol { IsGenericType: true } named)
        {
            return false;
        }

        var arguments = named.TypeArguments;
        switch (named.ConstructedFrom.ToDisplayString())
        {
            case "System.Collections.Generic.IList<T>":
                shape = new CollectionShape(CollectionType.List, null, arguments[0], isConcrete: false);
                return true;
            case "System.Collections.Generic.ISet<T>":
                shape = new CollectionShape(CollectionType.Set, null, arguments[0], isConcrete: false);
                return true;
            case "System.Collections.Generic.IDictionary<TKey, TValue>":
                shape = new CollectionShape(CollectionType.Dictionary, arguments[0], arguments[1], isConcrete: false);
                return true;
            case "System.Collections.Generic.List<T>":
            case "System.Collections.ObjectModel.Collection<T>":
            case "System.Collections.ObjectModel.ObservableCollection<T>":
                shape = new CollectionShape(CollectionType.List, null, arguments[0], isConcrete: true);
                return true;
            case "System.Collections.Generic.HashSet<T>":
            case "System.Collections.Generic.SortedSet<T>":
                shape = new CollectionShape(CollectionType.Set, null, arguments[0], isConcrete: true);
                return true;
            case "System.Collections.Generic.Dictionary<TKey, TValue>":
            case "System.Collections.Generic.SortedDictionary<TKey, TValue>":
                shape = new CollectionShape(CollectionType.Dictionary, arguments[0], arguments[1], isConcrete: true);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The interface a collection property should be declared as, keeping the element's nullability; with
    /// <paramref name="stringKey"/>, a dictionary gets a string key whatever it had.
    /// </summary>
    private static INamedTypeSymbol? ConstructInterface(Compilation compilation, CollectionShape shape, bool stringKey)
    {
        switch (shape.Kind)
        {
            case CollectionType.List:
            case CollectionType.Set:
                var definition = compilation.GetTypeByMetadataName(shape.Kind == CollectionType.List ? ListInterface : SetInterface);
                return definition?.Construct(
                    ImmutableArray.Create(shape.Element),
                    ImmutableArray.Create(shape.Element.NullableAnnotation));
            case CollectionType.Dictionary:
                var dictionary = compilation.GetTypeByMetadataName(DictionaryInterface);
                var key = stringKey || shape.Key is null
                    ? compilation.GetSpecialType(SpecialType.System_String).WithNullableAnnotation(NullableAnnotation.NotAnnotated)
                    : shape.Key;
                var keyAnnotation = stringKey ? NullableAnnotation.NotAnnotated : key.NullableAnnotation;
                return dictionary?.Construct(
                    ImmutableArray.Create(key, shape.Element),
                    ImmutableArray.Create(keyAnnotation, shape.Element.NullableAnnotation));
            default:
                return null;
        }
    }

    /// <summary>What a collection property holds: its kind, key (dictionaries), element and whether it is concrete.</summary>
    private readonly struct CollectionShape
    {
        public CollectionShape(CollectionType kind, ITypeSymbol? key, ITypeSymbol element, bool isConcrete)
        {
            Kind = kind;
            Key = key;
            Element = element;
            IsConcrete = isConcrete;
        }

        public CollectionType Kind { get; }

        public ITypeSymbol? Key { get; }

        public ITypeSymbol Element { get; }

        public bool IsConcrete { get; }

        public CollectionShape WithElement(ITypeSymbol element) => new(Kind, Key, element, IsConcrete);
    }
}
