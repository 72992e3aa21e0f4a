using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using SourceGenSync.CodeFixes.Internal;
using SourceGenSync.Generators.Diagnostics;
using SourceGenSync.Generators;

namespace SourceGenSync.CodeFixes;

/// <summary>
/// SGS0026: a [RealmObject] without a primary key can be stored locally but never synced. Inserts, as the first
/// member, <c>[PrimaryKey] [MapTo("_id")] public partial ObjectId Id { get; set; }</c>: sync identifies documents
/// by <c>_id</c>, and an ObjectId can be generated on any device without coordination. When the class already has
/// a member named <c>Id</c>, the property is called <c>Key</c> (then <c>ObjectKey</c>) and is still stored as <c>_id</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPrimaryKeyCodeFixProvider))]
[Shared]
public sealed class AddPrimaryKeyCodeFixProvider : DeclarationCodeFixProvider<TypeDeclarationSyntax>
{
    private const string StoredName = "_id";

    private static readonly string[] CandidateNames = ["Id", "Key", "ObjectKey", "PrimaryObjectId"];

    public AddPrimaryKeyCodeFixProvider()
        : base(DiagnosticDescriptors.NoPrimaryKeyId)
    {
    }

    /// <inheritdoc />
    protected override string EquivalenceKey => "SGS0026.AddObjectIdPrimaryKey";

    /// <inheritdoc />
    protected override string GetTitle(TypeDeclarationSyntax declaration, Diagnostic diagnostic) =>
        $"Add an ObjectId primary key to '{declaration.Identifier.ValueText}'";

    /// <inheritdoc />
    protected override async Task<TypeDeclarationSyntax> FixAsync(
        Document document,
        SemanticModel semanticModel,
        TypeDeclarationSyntax declaration,
        Diagnostic diagnostic,
        CancellationToken cancellationToken)
    {
        // The analyzer suggests a free member name and whether "_id" is still free; compute both when it did not.
        var name = FromProperties(diagnostic, DiagnosticDescriptors.PropertyNameProperty) ?? FreeName(declaration, semanticModel, cancellationToken);
        if (name is null)
        {
            return declaration;
        }

        var mappedName = diagnostic.Properties.TryGetValue(DiagnosticDescriptors.MappedNameProperty, out var mapped)
            ? mapped ?? string.Empty
            : StoredNameTaken(declaration, semanticModel, cancellationToken) ? string.Empty : StoredName;
        var qualifier = NeedsQualifiedNames(semanticModel, declaration.OpenBraceToken.SpanStart) ? "global::SourceGenSync." : string.Empty;
        var mapTo = mappedName.Length == 0 ? string.Empty : $"[{qualifier}MapTo(\"{mappedName}\")] ";
        var text = $"[{qualifier}PrimaryKey] {mapTo}public partial {qualifier}ObjectId {name} {{ get; set; }}";
        var member = SyntaxFactory.ParseMemberDeclaration(text)!.WithAdditionalAnnotations(Simplifier.Annotation);

        var newLine = await NewLineAsync(document, cancellationToken).ConfigureAwait(false);
        var members = declaration.Members;
        if (members.Count > 0)
        {
            // Same indentation as the member that used to be first; that member keeps its own trivia (comments).
            member = member.WithLeadingTrivia(Whitespace(Indentation(members[0].GetLeadingTrivia()))).WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine));
            return declaration.WithMembers(members.Insert(0, member));
        }

        // An empty body: one level deeper than the class, with the braces on lines of their own.
        var classIndentation = Indentation(declaration.GetLeadingTrivia());
        var endOfLine = SyntaxFactory.EndOfLine(newLine);
        member = member.WithLeadingTrivia(Whitespace(classIndentation + "    ")).WithTrailingTrivia(endOfLine);
        return declaration
            .WithOpenBraceToken(declaration.OpenBraceToken.WithTrailingTrivia(endOfLine))
            .WithCloseBraceToken(declaration.CloseBraceToken.WithLeadingTrivia(Whitespace(classIndentation)))
            .WithMembers(SyntaxFactory.SingletonList(member));
    }

    // The whitespace before a declaration's first token, on the last line of its leading trivia.
    private static string Indentation(SyntaxTriviaList leading) =>
        leading.LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToString();

    private static SyntaxTriviaList Whitespace(string text) =>
        text.Length == 0 ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(SyntaxFactory.Whitespace(text));

    private static string? FromProperties(Diagnostic diagnostic, string key) =>
        diagnostic.Properties.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static string? FreeName(TypeDeclarationSyntax declaration, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var type = semanticModel.GetDeclaredSymbol(declaration, cancellationToken);
        return CandidateNames.FirstOrDefault(candidate =>
            candidate != declaration.Identifier.ValueText && (type is null || type.GetMembers(candidate).IsEmpty));
    }

    // Without "using SourceGenSync;" the names are written "global::SourceGenSync.X" and the simplifier shortens them.
    private static bool NeedsQualifiedNames(SemanticModel semanticModel, int position)
    {
        return !Binds("ObjectId", KnownTypeNames.ObjectId)
            || !Binds("PrimaryKeyAttribute", KnownTypeNames.PrimaryKeyAttribute)
            || !Binds("MapToAttribute", KnownTypeNames.MapToAttribute);

        bool Binds(string name, string metadataName) =>
            semanticModel.GetSpeculativeTypeInfo(position, SyntaxFactory.IdentifierName(name), SpeculativeBindingOption.BindAsTypeOrNamespace).Type is { } bound
            && bound.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == "global::" + metadataName;
    }

    // Another property already stored as "_id" (not the primary key, or SGS0026 would not fire): leave [MapTo] out
    // rather than create a second clash.
    private static bool StoredNameTaken(TypeDeclarationSyntax declaration, SemanticModel semanticModel, CancellationToken cancellationToken) =>
        declaration.Members.OfType<PropertyDeclarationSyntax>()
            .Select(property => property.FindAttribute(semanticModel, KnownTypeNames.MapToAttribute, cancellationToken))
            .Any(attribute => attribute?.ArgumentList?.Arguments.FirstOrDefault()?.Expression is { } argument
                && semanticModel.GetConstantValue(argument, cancellationToken) is { HasValue: true, Value: StoredName });

    private static async Task<string> NewLineAsync(Document document, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return text.Lines.Count > 1 && text.Lines[0].EndIncludingLineBreak - text.Lines[0].End == 2 ? "\r\n" : "\n";
    }
}
