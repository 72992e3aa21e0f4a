using SourceGenSync.Merge;

namespace SourceGenSync.Server.Sync.Merge;

/// <summary>
/// The text form of a primary key in the objects table: the value's document JSON (<c>7</c>, <c>"ann"</c>,
/// <c>{"$oid":"…"}</c>), which is exact and type-tagged, so two keys are equal exactly when their texts are.
/// </summary>
internal static class ObjectKeys
{
    public static string Format(RealmValue primaryKey) => ObjectDocumentSerializer.FormatValue(DocumentValue.Of(primaryKey));

    public static RealmValue Parse(string text) =>
        ObjectDocumentSerializer.Deserialize("{\"k\":" + text + "}").TryGetField("k", out var value) ? value.Value : RealmValue.Null;
}
