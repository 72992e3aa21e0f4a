using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceGenSync.CodeFixes.Internal;

/// <summary>
/// Adds the <c>partial</c> modifier with explicit trivia rather than elastic trivia, so the fixed line reads
/// exactly as a person would have typed it and nothing else in the file is reformatted.
/// </summary>
internal static class ModifierSyntax
{
    public static bool IsPartial(this MemberDeclarationSyntax member) => member.Modifiers.Any(SyntaxKind.PartialKeyword);

    /// <summary>
    /// <paramref name="member"/> with <c>partial</c> as its last modifier (the one place the compiler accepts it
    /// for every kind of declaration), or unchanged when it already is partial.
    /// </summary>
    public static TMember WithPartialModifier<TMember>(this TMember member)
        where TMember : MemberDeclarationSyntax
    {
        if (member.IsPartial())
        {
            return member;
        }

        var modifiers = member.Modifiers;
        if (modifiers.Count > 0)
        {
            // "public class" → "public partial class": the new token inherits the trivia that followed the last one.
            var last = modifiers.Last();
            var partialToken = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(last.TrailingTrivia);
            var newModifiers = modifiers.Replace(last, last.WithTrailingTrivia(SyntaxFactory.Space)).Add(partialToken);
            return (TMember)member.WithModifiers(newModifiers);
        }

        // No modifiers: the token after the attributes (keyword or type) carries the line's indentation; move it.
        var following = FirstTokenAfterAttributes(member);
        var leading = following.LeadingTrivia;
        var stripped = member.ReplaceToken(following, following.WithLeadingTrivia());
        var partialKeyword = SyntaxFactory.Token(leading, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return (TMember)stripped.WithModifiers(SyntaxFactory.TokenList(partialKeyword));
    }

    private static SyntaxToken FirstTokenAfterAttributes(MemberDeclarationSyntax member)
    {
        var attributes = member.AttributeLists;
        return attributes.Count == 0
            ? member.GetFirstToken()
            : attributes.Last().GetLastToken().GetNextToken();
    }
}
