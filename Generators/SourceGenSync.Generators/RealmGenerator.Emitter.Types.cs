using System;
using Microsoft.CodeAnalysis.CSharp;
using SourceGenSync.Generators.Model;

namespace SourceGenSync.Generators;

public sealed partial class RealmGenerator
{
    /// <summary>How C# values map to the runtime's typed row API and query fields.</summary>
    internal static partial class Emitter
    {
        private const string ListPrefix = "global::System.Collections.Generic.IList<";
        private const string SetPrefix = "global::System.Collections.Generic.ISet<";
        private const string DictionaryPrefix = "global::System.Collections.Generic.IDictionary<string, ";
        private const string QueryablePrefix = "global::System.Linq.IQueryable<";

        /// <summary>Escapes C# keywords used as names (<c>@class</c>).</summary>
        internal static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        /// <summary>Text for an XML doc comment (stored names may contain any character).</summary>
        internal static string XmlText(string value) =>
            value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        /// <summary>A C# string literal for a stored name.</summary>
        internal static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>
        /// The element type of a collection or backlink exactly as the property declaration spells it, so that
        /// element nullability matches the declaration in every nullable context.
        /// </summary>
        internal static string ElementType(PropertySpec property)
        {
            var declared = property.DeclaredType.TrimEnd('?');
            var prefix = property.IsBacklink
                ? QueryablePrefix
                : property.Collection switch
                {
                    CollectionType.List => ListPrefix,
                    CollectionType.Set => SetPrefix,
                    CollectionType.Dictionary => DictionaryPrefix,
                    _ => throw new ArgumentException($"'{property.Name}' is not a collection.", nameof(property)),
                };

            return declared.StartsWith(prefix, StringComparison.Ordinal) && declared.EndsWith(">", StringComparison.Ordinal)
                ? declared.Substring(prefix.Length, declared.Length - prefix.Length - 1)
                : ValueTypeWithNullability(property);
        }

        /// <summary>The value (or element) type with its nullability, regardless of the declaration's nullable context.</summary>
        internal static string ValueTypeWithNullability(PropertySpec property) =>
            property.IsNullable && property.Storage != StorageType.RealmValue ? property.ValueType + "?" : property.ValueType;

        /// <summary>
        /// The backing field's type. Scalars use the value type with its real nullability (a string in an
        /// oblivious context may hold null); counters store their underlying integer.
        /// </summary>
        internal static string FieldType(PropertySpec property)
        {
            if (property.IsIgnored)
            {
                return property.DeclaredType;
            }

            if (property.IsBacklink || property.Collection != CollectionType.None)
            {
                return property.DeclaredType.TrimEnd('?') + "?";
            }

            if (property.IsCounter)
            {
                return property.IsValueTypeNullable ? property.ValueType + "?" : property.ValueType;
            }

            return ValueTypeWithNullability(property);
        }

        /// <summary>
        /// The expression that detects a real change. DateTime compares Kind too (its Equals ignores Kind, which
        /// PreserveKind stores). Otherwise an EqualityComparer over reference types without their
        /// annotation (the comparer accepts null either way, and a <c>?</c> is not allowed under
        /// <c>#nullable disable</c>).
        /// </summary>
        internal static string HasChanged(PropertySpec property, string current, string incoming) =>
            property.Storage == StorageType.DateTime
                ? $"!global::SourceGenSync.Internal.ValueConversions.SameDateTime({current}, {incoming})"
                : $"!global::System.Collections.Generic.EqualityComparer<{ComparerType(property)}>.Default.Equals({current}, {incoming})";

        /// <summary>The comparer's type argument (see <see cref="HasChanged"/>).</summary>
        internal static string ComparerType(PropertySpec property) =>
            property.Storage is StorageType.String or StorageType.Data or StorageType.Object ? property.ValueType : FieldType(property);

        /// <summary>
        /// True when the property was declared where nullable annotations are disabled, yet may hold null: its
        /// implementation is emitted under <c>#nullable disable</c> so that it matches the declaration.
        /// </summary>
        internal static bool IsDeclaredOblivious(PropertySpec property) =>
            !property.IsIgnored &&
            property.Collection == CollectionType.None &&
            property.IsNullable &&
            property.Storage is StorageType.String or StorageType.Data or StorageType.Object &&
            !property.DeclaredType.EndsWith("?", StringComparison.Ordinal);

        /// <summary>An initializer that keeps a non-nullable reference field non-null before any setter runs.</summary>
        internal static string? FieldInitializer(PropertySpec property)
        {
            if (property.IsIgnored)
            {
                // The parser classifies ignored properties too; a type it does not support may be anything.
                var isStruct = property.Collection == CollectionType.None && (property.Storage is not (StorageType.String or StorageType.Data or StorageType.Object or StorageType.RealmValue or StorageType.LinkingObjects)
                    || property.ValueType == "global::SourceGenSync.RealmValue");
                return isStruct || property.DeclaredType.EndsWith("?", StringComparison.Ordinal) ? null : "default!";
            }

            if (property.Collection != CollectionType.None || property.IsBacklink || property.IsNullable)
            {
                return null;
            }

            return property.Storage switch
            {
                StorageType.String => "\"\"",
                StorageType.Data => "global::System.Array.Empty<byte>()",
                StorageType.Object => "null!",
                // An unset ConvertToUtc DateTime must already be what the store will read back (Kind Utc), or the
                // first refresh would report a change that never happened.
                StorageType.DateTime when property.DateTimePolicy == DateTimePolicy.ConvertToUtc =>
                    "new global::System.DateTime(0L, global::System.DateTimeKind.Utc)",
                _ => null,
            };
        }

        /// <summary>True when a null value is written with SetNull (links pass null to SetObject; RealmValue holds null itself).</summary>
        internal static bool WritesNullSeparately(PropertySpec property) =>
            property.IsNullable && property.Storage is not (StorageType.RealmValue or StorageType.Object);

        internal static string WriterMethod(StorageType storage) => storage switch
        {
            StorageType.Bool => "SetBoolean",
            StorageType.Int => "SetInt64",
            StorageType.Float => "SetSingle",
            StorageType.Double => "SetDouble",
            StorageType.Decimal => "SetDecimal",
            StorageType.String => "SetString",
            StorageType.Data => "SetBytes",
            StorageType.Date => "SetDateTimeOffset",
            StorageType.DateTime => "SetDateTime",
            StorageType.Guid => "SetGuid",
            StorageType.ObjectId => "SetObjectId",
            StorageType.RealmValue => "SetRealmValue",
            StorageType.Object => "SetObject",
            _ => throw new ArgumentOutOfRangeException(nameof(storage), storage, "Not a stored scalar."),
        };

        internal static string ReaderCall(PropertySpec property, string ordinal) => property.Storage switch
        {
            StorageType.Bool => $"GetBoolean({ordinal})",
            StorageType.Int => $"GetInt64({ordinal})",
            StorageType.Float => $"GetSingle({ordinal})",
            StorageType.Double => $"GetDouble({ordinal})",
            StorageType.Decimal => $"GetDecimal({ordinal})",
            StorageType.String => $"GetString({ordinal})",
            StorageType.Data => $"GetBytes({ordinal})",
            StorageType.Date => $"GetDateTimeOffset({ordinal})",
            StorageType.DateTime => $"GetDateTime({ordinal})",
            StorageType.Guid => $"GetGuid({ordinal})",
            StorageType.ObjectId => $"GetObjectId({ordinal})",
            StorageType.RealmValue => $"GetRealmValue({ordinal})",
            StorageType.Object => property.IsNullable ? $"GetObject<{property.ValueType}>({ordinal})" : $"GetObject<{property.ValueType}>({ordinal})!",
            _ => throw new ArgumentOutOfRangeException(nameof(property), property.Storage, "Not a stored scalar."),
        };

        /// <summary>Converts a stored value read from a row into the field's (non-null) value type.</summary>
        internal static string FromStored(PropertySpec property, string expression) =>
            property.Storage == StorageType.Int && !IsInt64(property) ? $"({property.ValueType}){expression}" : expression;

        /// <summary>Converts a non-null field value to the type the row writer takes (enums are stored as long).</summary>
        internal static string ToStored(PropertySpec property, string expression) =>
            property.Storage == StorageType.Int && property.EnumUnderlyingType is not null ? $"(long){expression}" : expression;

        private static bool IsInt64(PropertySpec property) => property.ValueType == "long";

        /// <summary>Nested model classes declared privately cannot be named by top-level generated code.</summary>
        internal static bool CanBeNamedFromOutside(ModelClassSpec spec)
        {
            if (spec.ExtensionAccessibility.Length == 0)
            {
                return false;
            }

            foreach (var containing in spec.Hierarchy.ContainingTypes)
            {
                if (containing.Name.IndexOf('<') >= 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
