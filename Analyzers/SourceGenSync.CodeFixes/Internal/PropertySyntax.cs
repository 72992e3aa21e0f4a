using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceGenSync.CodeFixes.Internal;

/// <summary>Small property rewrites shared by several fixes.</summary>
internal static class PropertySyntax
{
    /// <summary>
    /// Drops "= value;" after the accessor list; the trivia that followed the semicolon (usually the line break)
    /// moves to the closing brace so the next line keeps its place.
    /// </summary>
    public static PropertyDeclarationSyntax WithoutInitializer(this PropertyDeclarationSyntax property)
    {
        if (property.Initializer is null || property.AccessorList is null)
        {
            return property;
        }

        var trailing = property.SemicolonToken.TrailingTrivia;
        var accessors = property.AccessorList;
        return property
            .WithInitializer(null)
            .WithSemicolonToken(default)
            .WithAccessorList(accessors.WithCloseBraceToken(accessors.CloseBraceToken.WithTrailingTrivia(trailing)));
    }
}
