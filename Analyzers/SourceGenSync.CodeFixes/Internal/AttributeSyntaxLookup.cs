using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceGenSync.CodeFixes.Internal;

/// <summary>Finds an attribute on a declaration by the attribute class's metadata name (aliases and qualified names included).</summary>
internal static class AttributeSyntaxLookup
{
    public static AttributeSyntax? FindAttribute(
        this MemberDeclarationSyntax member,
        SemanticModel semanticModel,
        string attributeMetadataName,
        CancellationToken cancellationToken)
    {
        return member.AttributeLists
            .SelectMany(list => list.Attributes)
            .FirstOrDefault(attribute => Is(attribute, semanticModel, attributeMetadataName, cancellationToken));
    }

    private static bool Is(AttributeSyntax attribute, SemanticModel semanticModel, string metadataName, CancellationToken cancellationToken)
    {
        var symbol = semanticModel.GetSymbolInfo(attribute, cancellationToken).Symbol;
        if (symbol?.ContainingType is { } type)
        {
            return type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == "global::" + metadataName;
        }

        // Unbound (for instance a broken using): fall back to the name as written.
        var shortName = metadataName.Substring(metadataName.LastIndexOf('.') + 1);
        var written = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };
        return written == shortName || written + "Attribute" == shortName;
    }
}
